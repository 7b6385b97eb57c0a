// Mistake: dividing by n gives the population variance where the sample variance (n − 1) is asked.
namespace Katas.Statistics;

/// <summary>
/// Exercise 6.6: central tendency, spread, shape and correlation, by hand, with every estimator named.
/// </summary>
/// <remarks>
/// Where there are too few values for an estimator the result is <see cref="double.NaN"/>, as in Math.NET's
/// <c>RunningStatistics</c>: the mean needs 1 value, the sample variance 2, the skewness 3, the kurtosis 4.
/// The formulas are those of SciPy (<c>scipy.stats</c>), which the tests compare with.
/// </remarks>
public static class Descriptive
{
    /// <summary>The arithmetic mean; NaN for no values.</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double x in values)
        {
            sum += x;
        }

        return sum / values.Count;
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count; NaN for no values.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>The most frequent value; on a tie the smallest (as <c>scipy.stats.mode</c>); NaN for no values.</summary>
    public static double Mode(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        // Sorted, equal values are neighbours: count runs, keep the first longest (the smallest value on a tie).
        double[] sorted = [.. values.Order()];
        double best = sorted[0];
        int bestCount = 0;
        for (int start = 0; start < sorted.Length;)
        {
            int end = start;
            while (end < sorted.Length && sorted[end].Equals(sorted[start]))
            {
                end++;
            }

            if (end - start > bestCount)
            {
                (best, bestCount) = (sorted[start], end - start);
            }

            start = end;
        }

        return best;
    }

    /// <summary>
    /// The sample variance s² = Σ (x − x̄)² / (n − 1), unbiased for the variance of the population the sample
    /// was drawn from (Bessel's correction); NaN for fewer than 2 values.
    /// </summary>
    public static double SampleVariance(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return double.NaN;
        }

        // Two passes: the mean first, then the squares of the deviations. The one-pass Σx² − n·x̄² loses
        // every digit when the values are large and close together.
        return CentralMoment(values, Mean(values), 2); // bug
    }

    /// <summary>The sample standard deviation, √s² with s² the sample variance (n − 1); NaN for fewer than 2 values.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values) => Math.Sqrt(SampleVariance(values));

    /// <summary>
    /// The p-quantile by linear interpolation, Hyndman and Fan's definition 7 (numpy's and R's default, Excel's
    /// PERCENTILE.INC): the value at 0-based position (n − 1)p of the sorted values. NaN for no values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile's probability is between 0 and 1.");
        }

        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        double h = (sorted.Length - 1) * p;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>Q3 − Q1, both by definition 7.</summary>
    public static double InterquartileRange(IReadOnlyList<double> values) => Quantile(values, 0.75) - Quantile(values, 0.25);

    /// <summary>
    /// The adjusted Fisher–Pearson skewness G1 = √(n(n − 1)) / (n − 2) · m3 / m2^1.5, with m_k the central
    /// moments Σ (x − x̄)^k / n (<c>scipy.stats.skew(bias=False)</c>, Excel's SKEW); NaN for fewer than 3 values.
    /// </summary>
    public static double Skewness(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n < 3)
        {
            return double.NaN;
        }

        double mean = Mean(values);
        double m2 = CentralMoment(values, mean, 2);
        double m3 = CentralMoment(values, mean, 3);
        return Math.Sqrt((double)n * (n - 1)) / (n - 2) * m3 / Math.Pow(m2, 1.5);
    }

    /// <summary>
    /// The bias-corrected excess kurtosis G2 = (n − 1) / ((n − 2)(n − 3)) · ((n + 1)·g2 + 6), g2 = m4 / m2² − 3
    /// (<c>scipy.stats.kurtosis(fisher=True, bias=False)</c>, Excel's KURT): 0 for a normal distribution;
    /// NaN for fewer than 4 values.
    /// </summary>
    public static double ExcessKurtosis(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n < 4)
        {
            return double.NaN;
        }

        double mean = Mean(values);
        double m2 = CentralMoment(values, mean, 2);
        double g2 = (CentralMoment(values, mean, 4) / (m2 * m2)) - 3;
        return (n - 1.0) / ((n - 2.0) * (n - 3.0)) * (((n + 1.0) * g2) + 6);
    }

    /// <summary>Pearson's correlation coefficient r; NaN for fewer than 2 pairs or when either variable is constant.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The two variables differ in length ({x.Count} and {y.Count}).", nameof(y));
        }

        if (x.Count < 2)
        {
            return double.NaN;
        }

        double mx = Mean(x), my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's rank correlation: Pearson's r of the ranks, tied values sharing the mean of their ranks.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The two variables differ in length ({x.Count} and {y.Count}).", nameof(y));
        }

        // Not the textbook 1 − 6Σd²/(n(n² − 1)): that shortcut holds only without ties.
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>The 1-based ranks of <paramref name="values"/>; a group of ties shares the mean of the ranks it spans.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        int[] order = [.. Enumerable.Range(0, values.Count).OrderBy(i => values[i])];
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end < order.Length && values[order[end]].Equals(values[order[start]]))
            {
                end++;
            }

            // Positions start .. end − 1 (0-based) are ranks start + 1 .. end: their mean is (start + 1 + end) / 2.
            double shared = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                ranks[order[k]] = shared;
            }

            start = end;
        }

        return ranks;
    }

    private static double CentralMoment(IReadOnlyList<double> values, double mean, int k)
    {
        double sum = 0;
        foreach (double x in values)
        {
            sum += Math.Pow(x - mean, k);
        }

        return sum / values.Count;
    }
}
