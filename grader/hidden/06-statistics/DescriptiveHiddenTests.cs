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

    [KataFact]
    public void The_smallest_sample_each_estimator_accepts_gives_a_number()
    {
        Descriptive.Mean([7]).Should().Be(7);
        Descriptive.Mode([]).Should().Be(double.NaN, "no values, no mode");
        Descriptive.Mode([4]).Should().Be(4);
        Descriptive.SampleVariance([1, 3]).Should().Be(2, "two values are enough: ((1 − 2)² + (3 − 2)²) / (2 − 1)");
        Descriptive.SampleStandardDeviation([1, 3]).Should().Be(Math.Sqrt(2));
        Descriptive.SampleVariance([]).Should().Be(double.NaN);
        Descriptive.Skewness([1, 2, 4]).Should().BeApproximately(0.9352195295828235, 1e-12, "three values are enough for G1 (scipy.stats.skew([1, 2, 4], bias=False))");
        Descriptive.ExcessKurtosis([1, 2, 3, 10]).Should().BeApproximately(3.228, 1e-12, "four values are enough for G2 (scipy.stats.kurtosis([1, 2, 3, 10], bias=False))");
        Descriptive.Pearson([1, 2], [3, 1]).Should().BeApproximately(-1, 1e-12, "two pairs always lie on a line");
        Descriptive.Pearson([1], [2]).Should().Be(double.NaN, "one pair has no spread");
        Descriptive.Pearson([5, 5, 5], [1, 2, 3]).Should().Be(double.NaN, "x constant: no correlation either");
        Descriptive.Quantile([4], 0.3).Should().Be(4, "one value is every quantile");
        Descriptive.Quantile([], 0.5).Should().Be(double.NaN);
        Descriptive.Ranks([]).Should().BeEmpty();
        Descriptive.Ranks([3, 3]).Should().Equal([1.5, 1.5], "two ties share ranks 1 and 2");
        Descriptive.Spearman([1, 2, 2, 3], [1, 3, 2, 4]).Should().BeApproximately(0.9486832980505138, 1e-12, "Pearson's r of the ranks 1, 2.5, 2.5, 4 and 1, 3, 2, 4");
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter()
    {
        double[] two = [1, 2];
        FluentActions.Invoking(() => Descriptive.Mean(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.Mode(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.SampleVariance(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.Quantile(null!, 0.5)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.Skewness(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.ExcessKurtosis(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.Ranks(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Descriptive.Pearson(null!, two)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => Descriptive.Pearson(two, null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => Descriptive.Spearman(null!, two)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => Descriptive.Spearman(two, null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => Descriptive.Pearson(two, [1, 2, 3])).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*length*");
        FluentActions.Invoking(() => Descriptive.Spearman(two, [1, 2, 3])).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*length*");
        FluentActions.Invoking(() => Descriptive.Quantile(two, -0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p").WithMessage("*between 0 and 1*");
        FluentActions.Invoking(() => Descriptive.Quantile(two, double.NaN)).Should().Throw<ArgumentOutOfRangeException>("NaN is no probability").WithParameterName("p");
        FluentActions.Invoking(() => Descriptive.Quantile([], 2)).Should().Throw<ArgumentOutOfRangeException>("p is checked even when there are no values").WithParameterName("p");
    }

    [KataFact]
    public void Too_few_values_give_NaN_even_when_rounding_leaves_a_moment_not_quite_0()
    {
        // The deviations of 0.1 and 0.7 from their mean are not exact opposites in binary: m3 is 7e-18, not 0,
        // and √(n(n − 1)) / (n − 2) would turn it into infinity.
        Descriptive.Skewness([0.1, 0.7]).Should().Be(double.NaN, "G1 needs 3 values");
        Descriptive.ExcessKurtosis([0.1, 0.2, 0.7]).Should().Be(double.NaN, "G2 needs 4 values");
    }

    [KataFact]
    public void Pearson_of_large_close_values_keeps_its_digits()
    {
        double[] x = [1e8 + 0.1, 1e8 + 0.2, 1e8 + 0.3, 1e8 + 0.45];
        double[] y = [1e8 + 0.2, 1e8 + 0.1, 1e8 + 0.45, 1e8 + 0.3];

        Descriptive.Pearson(x, y).Should().BeApproximately(0.5140186559790576, 1e-9,
            "subtract the means before multiplying: Σxy − n·x̄ȳ and Σx² − n·x̄² cancel to noise at 1e8");
    }
}
