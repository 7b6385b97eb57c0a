using System.Globalization;
using System.Text.Json;

namespace Katas.Statistics.Benchmarks;

/// <summary>The fixtures of Module 6, read the way the tests read them.</summary>
internal static class Data
{
    private static readonly Lazy<JsonElement> s_reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("reference.json"))).RootElement);

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", fileName);

    public static double[] Numbers(string path)
    {
        JsonElement element = s_reference.Value;
        foreach (string part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return [.. element.EnumerateArray().Select(e => e.GetDouble())];
    }

    /// <summary>A data set with <c>label</c> and <c>split</c> columns, as fixtures/statistics/reference.py writes it.</summary>
    public static (double[][] TrainX, int[] TrainY, double[][] TestX, int[] TestY) Split(string fileName)
    {
        string[] lines = File.ReadAllLines(PathOf(fileName));
        string[] header = lines[0].Split(',');
        int label = Array.IndexOf(header, "label");
        int split = Array.IndexOf(header, "split");
        var train = new List<(double[], int)>();
        var test = new List<(double[], int)>();
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(',');
            double[] features = [.. fields.Where((_, i) => i != label && i != split).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
            (fields[split] == "train" ? train : test).Add((features, int.Parse(fields[label], CultureInfo.InvariantCulture)));
        }

        return ([.. train.Select(t => t.Item1)], [.. train.Select(t => t.Item2)], [.. test.Select(t => t.Item1)], [.. test.Select(t => t.Item2)]);
    }

    /// <summary>The breast-cancer split standardised on its training rows (population sd), labels −1 and +1.</summary>
    public static (double[][] TrainX, int[] TrainY, double[][] TestX, int[] TestY) SvmSplit()
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Split("breast-cancer.csv");
        int width = trainX[0].Length;
        double[] mean = [.. Enumerable.Range(0, width).Select(j => trainX.Average(r => r[j]))];
        double[] sd = [.. Enumerable.Range(0, width).Select(j => Math.Sqrt(trainX.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]))))];
        double[][] Scale(double[][] rows) => [.. rows.Select(r => r.Select((v, j) => (v - mean[j]) / sd[j]).ToArray())];
        int[] Signed(int[] labels) => [.. labels.Select(v => v == 1 ? 1 : -1)];
        return (Scale(trainX), Signed(trainY), Scale(testX), Signed(testY));
    }
}
