namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.6")]
public sealed class DescriptiveHiddenTests
{
    [KataFact]
    public void Too_few_values_give_NaN_not_an_exception()
    {
        Descriptive.Mean([]).Should().Be(double.NaN);
        Descriptive.Median([]).Should().Be(double.NaN);
        Descriptive.SampleVariance([3]).Should().Be(double.NaN, "one value has no spread to estimate: n − 1 = 0");
        Descriptive.Skewness([1, 2]).Should().Be(double.NaN);
        Descriptive.ExcessKurtosis([1, 2, 3]).Should().Be(double.NaN);
        Descriptive.Pearson([1, 2, 3], [5, 5, 5]).Should().Be(double.NaN, "a constant variable has no correlation");
    }

    [KataFact]
    public void Large_close_values_keep_their_variance()
    {
        double[] values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];

        Descriptive.SampleVariance(values).Should().BeApproximately(30, 1e-6,
            "the variance of 4, 7, 13, 16 is 30: subtract the mean first, Σx² − n·x̄² loses every digit at 1e9");
    }

    [KataFact]
    public void Quantiles_at_the_ends_and_odd_counts_and_invalid_probabilities()
    {
        Descriptive.Quantile([5, 1, 3], 0).Should().Be(1);
        Descriptive.Quantile([5, 1, 3], 1).Should().Be(5);
        Descriptive.Quantile([5, 1, 3, 2], 0.25).Should().Be(1.75, "position (4 − 1) × 0.25 = 0.75 between 1 and 2; definition 8 (Math.NET's) would give 1.0833");
        Descriptive.Median([5, 1, 3]).Should().Be(3);
        FluentActions.Invoking(() => Descriptive.Quantile([1], 1.5)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [KataFact]
    public void Symmetric_data_has_zero_skewness_and_mode_ties_take_the_smallest()
    {
        Descriptive.Skewness([1, 2, 3, 4, 5]).Should().BeApproximately(0, 1e-12);
        Descriptive.ExcessKurtosis([1, 2, 3, 4, 5]).Should().BeApproximately(-1.2, 1e-12, "scipy.stats.kurtosis([1, 2, 3, 4, 5], bias=False) is −1.2");
        Descriptive.Mode([3, 1, 3, 1, 2]).Should().Be(1, "1 and 3 tie twice each: the smallest");
        Descriptive.Spearman([1, 2, 3, 4], [10, 20, 30, 1000]).Should().BeApproximately(1, 1e-12, "a monotone relation has Spearman 1 even when it is not linear");
        FluentActions.Invoking(() => Descriptive.Pearson([1, 2], [1])).Should().Throw<ArgumentException>();
    }
}
