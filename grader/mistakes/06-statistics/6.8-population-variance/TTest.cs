// Mistake: dividing the squared deviations by n gives the population variance where the sample variance (n − 1) is asked.
using MathNet.Numerics.Distributions;

namespace Katas.Statistics;

/// <summary>The result of a t-test: the statistic, its degrees of freedom, the two-sided p-value and a confidence interval.</summary>
/// <param name="Statistic">t = (estimate − hypothesised value) / standard error.</param>
/// <param name="DegreesOfFreedom">The degrees of freedom of the t distribution t is compared with (not always a whole number).</param>
/// <param name="PValue">The two-sided p-value: P(|T| ≥ |t|) for T ~ t(df).</param>
/// <param name="Lower">The lower end of the confidence interval for the estimate (a mean, or a difference of means).</param>
/// <param name="Upper">The upper end of that interval.</param>
public sealed record TTestResult(double Statistic, double DegreesOfFreedom, double PValue, double Lower, double Upper);

/// <summary>
/// Exercise 6.8: Student's one-sample and paired t-tests and Welch's two-sample t-test, two-sided, with a
/// confidence interval, on top of Math.NET's Student t distribution (<see cref="StudentT"/>).
/// </summary>
/// <remarks>
/// Math.NET has the distribution but no hypothesis tests. The results match <c>scipy.stats.ttest_1samp</c>,
/// <c>ttest_rel</c> and statsmodels' <c>CompareMeans.ttest_ind(usevar="unequal")</c>. Every variance here is the
/// sample variance (n − 1): the tests estimate a population's spread from a sample.
/// </remarks>
public static class TTest
{
    /// <summary>Is the mean of the population <paramref name="sample"/> comes from equal to <paramref name="hypothesisedMean"/>?</summary>
    /// <param name="sample">At least 2 values, not all equal.</param>
    /// <param name="hypothesisedMean">μ0, the mean under the null hypothesis.</param>
    /// <param name="confidence">The confidence level of the interval for the mean, in (0, 1).</param>
    /// <returns>t = (x̄ − μ0) / (s/√n) with n − 1 degrees of freedom, and the interval x̄ ± t* s/√n.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 values, or all equal (no spread: t is undefined).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1).</exception>
    public static TTestResult OneSample(IReadOnlyList<double> sample, double hypothesisedMean, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(sample);
        CheckConfidence(confidence);
        (double mean, double variance) = MeanAndSampleVariance(sample, nameof(sample));
        double standardError = Math.Sqrt(variance / sample.Count);
        return Result(mean, hypothesisedMean, standardError, sample.Count - 1, confidence);
    }

    /// <summary>
    /// Welch's t-test: are the means of the two populations equal, without assuming equal variances?
    /// The estimate is mean(<paramref name="a"/>) − mean(<paramref name="b"/>).
    /// </summary>
    /// <returns>
    /// t = (x̄a − x̄b) / √(sa²/na + sb²/nb) with the Welch–Satterthwaite degrees of freedom
    /// (sa²/na + sb²/nb)² / ((sa²/na)²/(na − 1) + (sb²/nb)²/(nb − 1)), and the interval for x̄a − x̄b.
    /// </returns>
    /// <exception cref="ArgumentException">A sample has fewer than 2 values, or both have no spread.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1).</exception>
    public static TTestResult Welch(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckConfidence(confidence);
        (double meanA, double varianceA) = MeanAndSampleVariance(a, nameof(a), allowConstant: true);
        (double meanB, double varianceB) = MeanAndSampleVariance(b, nameof(b), allowConstant: true);

        // Each sample keeps its own variance: pooling them into one (Student's two-sample test) assumes the
        // populations spread alike, and with unequal sizes and spreads it gets the error rate wrong.
        double va = varianceA / a.Count, vb = varianceB / b.Count;
        if (va + vb == 0)
        {
            throw new ArgumentException("Both samples are constant: the difference of their means has no standard error.", nameof(b));
        }

        double df = (va + vb) * (va + vb) / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        return Result(meanA - meanB, 0, Math.Sqrt(va + vb), df, confidence);
    }

    /// <summary>
    /// The paired t-test: is the mean of the differences <paramref name="before"/>[i] − <paramref name="after"/>[i] zero?
    /// It is the one-sample test on those differences, with n − 1 degrees of freedom for n pairs.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, have fewer than 2 pairs, or every difference is the same.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1).</exception>
    public static TTestResult Paired(IReadOnlyList<double> before, IReadOnlyList<double> after, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count != after.Count)
        {
            throw new ArgumentException($"A paired test needs one value after for each value before ({before.Count} and {after.Count}).", nameof(after));
        }

        // Pairing removes the spread between subjects: only the spread of the differences counts, which is
        // why a paired test sees an effect that a two-sample test on the same numbers misses.
        double[] differences = [.. before.Select((x, i) => x - after[i])];
        return OneSample(differences, 0, confidence);
    }

    private static TTestResult Result(double estimate, double hypothesised, double standardError, double df, double confidence)
    {
        double t = (estimate - hypothesised) / standardError;

        // Two-sided: both tails, P(T ≤ −|t|) + P(T ≥ |t|), which is twice the lower tail at −|t| by symmetry.
        // The lower tail at −|t| keeps its precision for tiny p-values, where 1 − cdf(|t|) would round to 0.
        double p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        double critical = StudentT.InvCDF(0, 1, df, 1 - ((1 - confidence) / 2));
        return new TTestResult(t, df, Math.Min(p, 1), estimate - (critical * standardError), estimate + (critical * standardError));
    }

    private static (double Mean, double Variance) MeanAndSampleVariance(IReadOnlyList<double> values, string name, bool allowConstant = false)
    {
        if (values.Count < 2)
        {
            throw new ArgumentException($"A t-test needs at least 2 values to estimate a variance, not {values.Count}.", name);
        }

        double mean = values.Sum() / values.Count;

        // Two passes (mean, then squared deviations): the one-pass Σx² − n·x̄² cancels to noise for large, close values.
        double squares = values.Sum(x => (x - mean) * (x - mean));
        if (squares == 0 && !allowConstant)
        {
            throw new ArgumentException("Every value is the same: with no spread the t statistic is undefined.", name);
        }

        return (mean, squares / values.Count); // bug
    }

    private static void CheckConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level is between 0 and 1, e.g. 0.95.");
        }
    }
}
