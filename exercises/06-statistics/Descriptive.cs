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

        // TODO: by hand; NaN for no values.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Mean) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count; NaN for no values.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>The most frequent value; on a tie the smallest (as <c>scipy.stats.mode</c>); NaN for no values.</summary>
    public static double Mode(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // TODO: the most frequent value, the smallest on a tie.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Mode) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }

    /// <summary>
    /// The sample variance s² = Σ (x − x̄)² / (n − 1), unbiased for the variance of the population the sample
    /// was drawn from (Bessel's correction); NaN for fewer than 2 values.
    /// </summary>
    public static double SampleVariance(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // TODO: the sample estimator named in the summary; NaN for too few values.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.SampleVariance) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
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

        // TODO: definition 7 by hand (not Math.NET's Statistics, which uses another definition).
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Quantile) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
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

        // TODO: G1 from the central moments, as in the summary.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Skewness) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }

    /// <summary>
    /// The bias-corrected excess kurtosis G2 = (n − 1) / ((n − 2)(n − 3)) · ((n + 1)·g2 + 6), g2 = m4 / m2² − 3
    /// (<c>scipy.stats.kurtosis(fisher=True, bias=False)</c>, Excel's KURT): 0 for a normal distribution;
    /// NaN for fewer than 4 values.
    /// </summary>
    public static double ExcessKurtosis(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // TODO: G2 from the central moments, as in the summary.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.ExcessKurtosis) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }

    /// <summary>Pearson's correlation coefficient r; NaN for fewer than 2 pairs or when either variable is constant.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);

        // TODO: Pearson's r; NaN when it is undefined.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Pearson) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }

    /// <summary>Spearman's rank correlation: Pearson's r of the ranks, tied values sharing the mean of their ranks.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);

        // TODO: Spearman's rank correlation, correct with ties.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Spearman) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }

    /// <summary>The 1-based ranks of <paramref name="values"/>; a group of ties shares the mean of the ranks it spans.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // TODO: 1-based ranks, ties sharing the mean of their ranks.
        throw new NotImplementedException("Exercise 6.6 (Descriptive.Ranks) is not solved yet. Hint: dotnet run --project grader -- hint 6.6");
    }
}
