using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

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

    /// <summary>The breast-cancer split standardised with the training rows' mean and population sd, labels −1 and +1 (exercise 6.12).</summary>
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

    /// <summary>The two-moons rows of one split ("train" or "test") as a matrix and a vector of 0/1 labels (exercise 6.13).</summary>
    public static (Matrix<double> X, Vector<double> Y) Moons(string split)
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Split("two-moons.csv");
        (double[][] x, int[] y) = split == "train" ? (trainX, trainY) : (testX, testY);
        return (Matrix<double>.Build.DenseOfRowArrays(x), Vector<double>.Build.DenseOfEnumerable(y.Select(v => (double)v)));
    }
}
