namespace Katas.Statistics.Tests;

[Exercise("6.8", "t-tests: one sample, Welch's two samples, paired", Points = 15, Hint = """
    A t-test divides an estimate (a mean, a difference of means) by its standard error and asks how far
    out in the tails of a t distribution that ratio lies. The three tests differ only in the estimate,
    its standard error and the degrees of freedom. Which variance estimates a population's spread from a
    sample? Why does Welch's test not pool the two variances? What does "two-sided" add to the p-value?
    Why is a paired test a one-sample test in disguise?
    """, MoreHint = """
    Math.NET's StudentT.CDF(location 0, scale 1, df, x) and StudentT.InvCDF give the tail and the critical
    value t* for the interval estimate ± t*·SE, with t* the (1 + confidence)/2 quantile. The
    Welch–Satterthwaite df is in the documentation comment; it is rarely a whole number. Compute the
    two-sided p from the lower tail at −|t|.
    """, Recap = """
    A t-test is estimate / standard error against t(df): n − 1 for one sample or pairs, Welch–Satterthwaite
    for two samples with their own variances. Pooling where the spreads differ, a one-sided p, or a
    variance over n instead of n − 1 each give a confident wrong answer.
    """)]
public sealed class TTestTests
{
    [KataFact]
    public void One_sample_test_matches_scipy()
    {
        TTestResult result = TTest.OneSample(Reference.Numbers("ttest.one"), Reference.Number("ttest.mu0"));

        AssertMatches(result, "ttest.oneSample",
            "scipy.stats.ttest_1samp: t = (x̄ − μ0) / (s/√n) with s² the sample variance (n − 1), df = n − 1, p two-sided");
    }

    [KataFact]
    public void Welch_test_keeps_each_sample_s_own_variance()
    {
        TTestResult result = TTest.Welch(Reference.Numbers("ttest.a"), Reference.Numbers("ttest.b"));

        result.Statistic.Should().NotBeApproximately(Reference.Number("ttest.pooled.statistic"), 1e-6,
            "that is the pooled (Student's) statistic: Welch's test divides by √(sa²/na + sb²/nb), each sample with its own variance");
        AssertMatches(result, "ttest.welch",
            "statsmodels CompareMeans.ttest_ind(usevar=\"unequal\"): the Welch–Satterthwaite df is not a whole number, and the interval is for mean(a) − mean(b)");
    }

    [KataFact]
    public void Paired_test_is_the_one_sample_test_on_the_differences()
    {
        TTestResult result = TTest.Paired(Reference.Numbers("ttest.before"), Reference.Numbers("ttest.after"));

        AssertMatches(result, "ttest.paired",
            "scipy.stats.ttest_rel: the one-sample test of before − after against 0, with n − 1 = 11 degrees of freedom (not a two-sample test)");
    }

    [KataFact]
    public void The_p_value_is_two_sided_and_the_interval_excludes_the_hypothesis_exactly_when_p_is_below_5_percent()
    {
        double[] one = Reference.Numbers("ttest.one");

        TTestResult far = TTest.OneSample(one, 4.0);
        TTestResult near = TTest.OneSample(one, Reference.Number("ttest.mu0"));

        near.PValue.Should().BeGreaterThan(0.5, "μ0 = 5 is close to the sample mean: a two-sided p counts both tails, so it is near 1 here");
        far.PValue.Should().BeLessThan(0.05);
        far.Lower.Should().BeGreaterThan(4.0, "a 95 % interval leaves out exactly the μ0 a two-sided test at 5 % rejects");
        (near.Lower < 5.0 && near.Upper > 5.0).Should().BeTrue("the 95 % interval around the mean contains μ0 = 5, which the test does not reject");
    }

    private static void AssertMatches(TTestResult result, string path, string because)
    {
        result.Statistic.Should().BeApproximately(Reference.Number(path + ".statistic"), 1e-9, because);
        result.DegreesOfFreedom.Should().BeApproximately(Reference.Number(path + ".df"), 1e-9, because);
        result.PValue.Should().BeApproximately(Reference.Number(path + ".pValue"), 1e-9, because);
        result.Lower.Should().BeApproximately(Reference.Number(path + ".lower"), 1e-9, because);
        result.Upper.Should().BeApproximately(Reference.Number(path + ".upper"), 1e-9, because);
    }
}
