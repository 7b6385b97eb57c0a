using System.Globalization;
using System.Text.Json;

namespace Katas.Statistics.Tests;

/// <summary>
/// The reference numbers of fixtures/statistics/reference.json (SciPy, statsmodels and scikit-learn on the same
/// data) and the data sets beside it. The hidden tests compile this file too.
/// </summary>
public static class Reference
{
    private static readonly Lazy<JsonElement> s_root = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("reference.json"))).RootElement);

    /// <summary>The full path of a file of fixtures/statistics, copied beside the test program.</summary>
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", fileName);

    /// <summary>The element at a dotted path, e.g. "ttest.welch.statistic".</summary>
    public static JsonElement At(string path)
    {
        JsonElement element = s_root.Value;
        foreach (string part in path.Split('.'))
        {
            element = element.GetProperty(part);
        }

        return element;
    }

    public static double Number(string path) => At(path).GetDouble();

    public static double[] Numbers(string path) => [.. At(path).EnumerateArray().Select(e => e.GetDouble())];

    public static double[][] Rows(string path) => [.. At(path).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray())];

    /// <summary>A numeric data set with a <c>label</c> and a <c>split</c> column (train or test), as reference.py writes it.</summary>
    public static (double[][] TrainX, int[] TrainY, double[][] TestX, int[] TestY) Split(string fileName)
    {
        string[] lines = File.ReadAllLines(PathOf(fileName));
        string[] header = lines[0].Split(',');
        int label = Array.IndexOf(header, "label");
        int split = Array.IndexOf(header, "split");
        var trainX = new List<double[]>();
        var trainY = new List<int>();
        var testX = new List<double[]>();
        var testY = new List<int>();
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(',');
            double[] features = [.. fields.Where((_, i) => i != label && i != split).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
            int y = int.Parse(fields[label], CultureInfo.InvariantCulture);
            (fields[split] == "train" ? trainX : testX).Add(features);
            (fields[split] == "train" ? trainY : testY).Add(y);
        }

        return ([.. trainX], [.. trainY], [.. testX], [.. testY]);
    }
}
