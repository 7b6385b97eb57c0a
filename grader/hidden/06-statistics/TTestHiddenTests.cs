using Katas.Statistics.Tests;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.8")]
public sealed class TTestHiddenTests
{
    [KataFact]
    public void A_99_percent_interval_uses_the_99_percent_critical_value()
    {
        TTestResult result = TTest.Welch(Reference.Numbers("ttest.a"), Reference.Numbers("ttest.b"), confidence: 0.99);

        result.Lower.Should().BeApproximately(Reference.Number("ttest.welch99.lower"), 1e-9,
            "statsmodels tconfint_diff(alpha=0.01): t* is the 0.995 quantile of t(df), not a fixed 1.96 or the 0.975 quantile");
        result.Upper.Should().BeApproximately(Reference.Number("ttest.welch99.upper"), 1e-9);
        result.PValue.Should().BeApproximately(Reference.Number("ttest.welch.pValue"), 1e-9, "the confidence level changes the interval, not the p-value");
    }

    [KataFact]
    public void Swapping_the_samples_negates_t_and_mirrors_the_interval()
    {
        double[] a = Reference.Numbers("ttest.a");
        double[] b = Reference.Numbers("ttest.b");

        TTestResult forward = TTest.Welch(a, b);
        TTestResult backward = TTest.Welch(b, a);

        backward.Statistic.Should().BeApproximately(-forward.Statistic, 1e-12);
        backward.DegreesOfFreedom.Should().BeApproximately(forward.DegreesOfFreedom, 1e-9);
        backward.PValue.Should().BeApproximately(forward.PValue, 1e-12, "a two-sided p-value does not depend on the order");
        backward.Lower.Should().BeApproximately(-forward.Upper, 1e-9, "the interval is for mean(a) − mean(b)");
    }

    [KataFact]
    public void Equal_spreads_and_sizes_give_Welch_the_pooled_degrees_of_freedom()
    {
        TTestResult result = TTest.Welch([1, 2, 3, 4], [2, 3, 4, 5]);

        result.DegreesOfFreedom.Should().BeApproximately(6, 1e-12, "with equal sample variances and sizes the Welch–Satterthwaite df is na + nb − 2");
        result.Statistic.Should().BeApproximately(-1 / Math.Sqrt(2 * (5.0 / 3) / 4), 1e-12, "s² = 5/3 in each sample (n − 1 = 3)");
    }

    [KataFact]
    public void Large_close_values_keep_their_statistic()
    {
        double[] small = [4.1, 5.2, 6.3, 5.0, 4.4];
        double[] large = [.. small.Select(x => 1e9 + x)];

        TTest.OneSample(large, 1e9 + 5).Statistic.Should().BeApproximately(TTest.OneSample(small, 5).Statistic, 1e-6,
            "shifting every value and μ0 by 1e9 changes nothing: subtract the mean before squaring, Σx² − n·x̄² loses every digit");
    }

    [KataFact]
    public void Bad_input_gets_a_clear_error()
    {
        FluentActions.Invoking(() => TTest.OneSample([3.0], 0)).Should().Throw<ArgumentException>("one value has no sample variance (n − 1 = 0)");
        FluentActions.Invoking(() => TTest.OneSample([2.0, 2.0, 2.0], 1)).Should().Throw<ArgumentException>("no spread: the standard error is 0 and t is undefined");
        FluentActions.Invoking(() => TTest.Paired([1.0, 2.0, 3.0], [1.0, 2.0])).Should().Throw<ArgumentException>("a pair needs both values");
        FluentActions.Invoking(() => TTest.Welch([1.0, 2.0], [3.0])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => TTest.OneSample([1.0, 2.0], 0, confidence: 95)).Should().Throw<ArgumentOutOfRangeException>("a confidence level is a probability: 0.95, not 95");
    }

    [KataFact]
    public void Nulls_and_the_boundaries_of_every_range()
    {
        FluentActions.Invoking(() => TTest.OneSample(null!, 0)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => TTest.Welch(null!, [1.0, 2.0])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => TTest.Welch([1.0, 2.0], null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => TTest.Paired(null!, [1.0, 2.0])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => TTest.Paired([1.0, 2.0], null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => TTest.OneSample([1.0, 2.0], 0, confidence: 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => TTest.OneSample([1.0, 2.0], 0, confidence: 1)).Should().Throw<ArgumentOutOfRangeException>("a 100 % interval is infinite");
        FluentActions.Invoking(() => TTest.Welch([2.0, 2.0], [5.0, 5.0])).Should().Throw<ArgumentException>("both samples constant: no standard error");
        TTest.OneSample([1.0, 3.0], 0).DegreesOfFreedom.Should().Be(1, "two values are enough for a sample variance");
        TTest.Welch([2.0, 2.0], [4.0, 6.0]).DegreesOfFreedom.Should().BeApproximately(1, 1e-12,
            "one constant sample is allowed in Welch's test: all the variance, and the df nb − 1, come from the other");
    }

    [KataFact]
    public void One_constant_sample_is_enough_for_Welch_and_no_difference_gives_p_1()
    {
        TTestResult welch = TTest.Welch([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]);

        welch.DegreesOfFreedom.Should().BeApproximately(2, 1e-12, "all the variance comes from b: Welch's df is b's n − 1");
        welch.Statistic.Should().BeApproximately(-1 / Math.Sqrt(1.0 / 3), 1e-12);
        TTest.OneSample([1.0, 2.0, 3.0], 2).PValue.Should().BeApproximately(1, 1e-12, "t = 0: both tails together are the whole distribution");
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter()
    {
        double[] two = [1.0, 2.0];
        FluentActions.Invoking(() => TTest.OneSample(null!, 0)).Should().Throw<ArgumentNullException>().WithParameterName("sample");
        FluentActions.Invoking(() => TTest.OneSample([3.0], 0)).Should().Throw<ArgumentException>().WithParameterName("sample")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => TTest.OneSample([2.0, 2.0, 2.0], 1)).Should().Throw<ArgumentException>().WithParameterName("sample")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => TTest.OneSample(two, 0, confidence: double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidence");
        FluentActions.Invoking(() => TTest.OneSample(two, 0, confidence: -0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidence");
        FluentActions.Invoking(() => TTest.Welch(null!, two)).Should().Throw<ArgumentNullException>().WithParameterName("a");
        FluentActions.Invoking(() => TTest.Welch(two, null!)).Should().Throw<ArgumentNullException>().WithParameterName("b");
        FluentActions.Invoking(() => TTest.Welch([1.0], two)).Should().Throw<ArgumentException>().WithParameterName("a");
        FluentActions.Invoking(() => TTest.Welch(two, [1.0])).Should().Throw<ArgumentException>().WithParameterName("b");
        FluentActions.Invoking(() => TTest.Welch(two, two, confidence: 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidence");
        FluentActions.Invoking(() => TTest.Welch([2.0, 2.0], [5.0, 5.0])).Should().Throw<ArgumentException>()
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => TTest.Paired(null!, two)).Should().Throw<ArgumentNullException>().WithParameterName("before");
        FluentActions.Invoking(() => TTest.Paired(two, null!)).Should().Throw<ArgumentNullException>().WithParameterName("after");
        FluentActions.Invoking(() => TTest.Paired([1.0, 2.0, 3.0], two)).Should().Throw<ArgumentException>().WithParameterName("after")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => TTest.Paired(two, two, confidence: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidence");
    }
}
