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

        // TODO: the one-sample t-test as documented: statistic, df, two-sided p from StudentT, the interval.
        throw new NotImplementedException("Exercise 6.8 (TTest.OneSample) is not solved yet. Hint: dotnet run --project grader -- hint 6.8");
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

        // TODO: Welch's test: each sample keeps its own variance (do not pool them).
        throw new NotImplementedException("Exercise 6.8 (TTest.Welch) is not solved yet. Hint: dotnet run --project grader -- hint 6.8");
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

        // TODO: the paired test on the differences before − after.
        throw new NotImplementedException("Exercise 6.8 (TTest.Paired) is not solved yet. Hint: dotnet run --project grader -- hint 6.8");
    }
}
