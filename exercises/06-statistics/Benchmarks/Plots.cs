using Katas.Statistics.Tests;
using ScottPlot;

namespace Katas.Statistics.Benchmarks;

/// <summary>PNG pictures of a distribution, a fit and a ROC curve, drawn from the module's own code (ScottPlot 5, no display needed).</summary>
internal static class Plots
{
    private const int Width = 640;
    private const int Height = 420;

    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        return [CentralLimit(directory), PolynomialFit(directory), Roc(directory)];
    }

    /// <summary>Exercise 6.7: 4,000 means of 50 exponential draws against the normal the central limit theorem predicts.</summary>
    private static string CentralLimit(string directory)
    {
        double[] means = Distributions.CentralLimitMeans(repetitions: 4_000, sampleSize: 50, seed: 11);
        const int bins = 40;
        double low = 0.5, high = 1.5, width = (high - low) / bins;
        double[] density = new double[bins];
        foreach (double m in means.Where(m => m >= low && m < high))
        {
            density[(int)((m - low) / width)] += 1 / (means.Length * width);
        }

        var plot = new Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => low + ((i + 0.5) * width)).ToArray(), density);
        foreach (Bar bar in bars.Bars)
        {
            bar.Size = width * 0.95;
        }

        bars.LegendText = "means of 50 exponential(1) draws";
        double[] xs = [.. Enumerable.Range(0, 201).Select(i => low + (i * (high - low) / 200))];
        var normal = plot.Add.ScatterLine(xs, [.. xs.Select(x => Distributions.NormalPdf(x, 1, 1 / Math.Sqrt(50)))]);
        normal.LegendText = "N(1, 1/50), the CLT's limit";
        normal.LineWidth = 2;
        plot.Title("The central limit theorem (exercise 6.7)");
        plot.XLabel("sample mean");
        plot.YLabel("density");
        plot.ShowLegend();
        return Save(plot, directory, "distribution.png");
    }

    /// <summary>Exercise 6.10: the cubic fitted by QR to the reference data, with its residual spread.</summary>
    private static string PolynomialFit(string directory)
    {
        double[] x = Reference.Numbers("regression.polynomialX");
        double[] y = Reference.Numbers("regression.polynomialY");
        RegressionFit fit = Regression.Polynomial(x, y, degree: 3);

        var plot = new Plot();
        var points = plot.Add.ScatterPoints(x, y);
        points.LegendText = "data";
        double[] xs = [.. Enumerable.Range(0, 201).Select(i => x.Min() + (i * (x.Max() - x.Min()) / 200))];
        var curve = plot.Add.ScatterLine(xs, [.. xs.Select(v => fit.Coefficients.Select((b, k) => b * Math.Pow(v, k)).Sum())]);
        curve.LegendText = $"cubic by QR, R² = {fit.RSquared:F4}";
        curve.LineWidth = 2;
        plot.Title("Polynomial regression (exercise 6.10)");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, directory, "fit.png");
    }

    /// <summary>Exercises 6.12 and 6.14: the ROC curve of the Pegasos SVM's margins on the breast-cancer test rows.</summary>
    private static string Roc(string directory)
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Reference.SvmSplit();
        PegasosSvm svm = PegasosSvm.Train(trainX, trainY, lambda: 0.01, iterations: 50_000, seed: 0);
        double[] scores = [.. testX.Select(svm.Decision)];
        int[] labels = [.. testY.Select(y => y == 1 ? 1 : 0)];
        double auc = Evaluation.RocAuc(labels, scores);

        // Sweep the threshold from high to low: each distinct score moves the point up (a true positive) and/or
        // right (a false positive).
        int positives = labels.Count(l => l == 1), negatives = labels.Length - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        int tp = 0, fp = 0;
        foreach (IGrouping<double, int> group in Enumerable.Range(0, scores.Length).GroupBy(i => scores[i]).OrderByDescending(g => g.Key))
        {
            tp += group.Count(i => labels[i] == 1);
            fp += group.Count(i => labels[i] == 0);
            fpr.Add(fp / (double)negatives);
            tpr.Add(tp / (double)positives);
        }

        var plot = new Plot();
        var curve = plot.Add.ScatterLine(fpr.ToArray(), tpr.ToArray());
        curve.LegendText = $"Pegasos SVM, AUC = {auc:F4}";
        curve.LineWidth = 2;
        var chance = plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        chance.LegendText = "chance";
        chance.LinePattern = LinePattern.Dashed;
        plot.Title("ROC curve on the breast-cancer test rows (exercises 6.12, 6.14)");
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, directory, "roc.png");
    }

    private static string Save(Plot plot, string directory, string name)
    {
        string path = Path.Combine(directory, name);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
