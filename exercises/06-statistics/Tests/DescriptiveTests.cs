namespace Katas.Statistics.Tests;

[Exercise("6.6", "Central tendency, spread, shape and correlation", Points = 15, Hint = """
    Every statistic here has several definitions, and libraries disagree: the variance of a sample divides
    by n − 1 or by n, there are nine published definitions of a quantile (Hyndman and Fan, 1996), and
    skewness and kurtosis come biased or bias-corrected. Name the one you compute, then match SciPy.
    Why does a sample variance divide by n − 1? Where does the 0.25 quantile of 10 sorted values sit?
    What rank do three tied values get?
    """, MoreHint = """
    Definition 7 puts the p-quantile at 0-based position (n − 1)p and interpolates between neighbours;
    Math.NET's Statistics.Quantile uses definition 8, so it is not the answer here. Skewness and kurtosis
    come from the central moments m2, m3, m4 (divide by n) and a correction factor in n. Spearman is
    Pearson's r of the ranks; ties share the mean of the ranks they span.
    """, Recap = """
    A statistic is a formula with a name: n − 1 for a sample variance, definition 7 for numpy's quantile,
    G1 and G2 for SciPy's unbiased skewness and kurtosis, average ranks for Spearman with ties.
    """)]
public sealed class DescriptiveTests
{
    private static readonly double[] s_x = Reference.Numbers("descriptive.x");
    private static readonly double[] s_y = Reference.Numbers("descriptive.y");

    [KataFact]
    public void Mean_median_and_mode_match_scipy()
    {
        Descriptive.Mean(s_x).Should().BeApproximately(Reference.Number("descriptive.mean"), 1e-9);
        Descriptive.Median(s_x).Should().BeApproximately(Reference.Number("descriptive.median"), 1e-9);
        Descriptive.Mode(s_x).Should().Be(Reference.Number("descriptive.mode"), "the value that appears most often (four times)");
    }

    [KataFact]
    public void The_sample_variance_divides_by_n_minus_1()
    {
        Descriptive.SampleVariance(s_x).Should().BeApproximately(Reference.Number("descriptive.sampleVariance"), 1e-9,
            $"the sample variance divides by n − 1 (Bessel's correction); {Reference.Number("descriptive.populationVariance")} would be the population variance, dividing by n");
        Descriptive.SampleStandardDeviation(s_x).Should().BeApproximately(Reference.Number("descriptive.sampleStd"), 1e-9);
    }

    [KataFact]
    public void Quantiles_use_definition_7_linear_interpolation()
    {
        double[] p = Reference.Numbers("descriptive.quantileP");
        double[] expected = Reference.Numbers("descriptive.quantileType7");
        for (int i = 0; i < p.Length; i++)
        {
            Descriptive.Quantile(s_x, p[i]).Should().BeApproximately(expected[i], 1e-9,
                $"the {p[i]} quantile of definition 7 sits at 0-based position (n − 1)·{p[i]} of the sorted values, interpolated");
        }

        Descriptive.InterquartileRange(s_x).Should().BeApproximately(Reference.Number("descriptive.iqr"), 1e-9);
    }

    [KataFact]
    public void Skewness_and_kurtosis_are_the_bias_corrected_G1_and_G2()
    {
        Descriptive.Skewness(s_x).Should().BeApproximately(Reference.Number("descriptive.skewness"), 1e-9,
            "scipy.stats.skew(bias=False): √(n(n − 1)) / (n − 2) times m3 / m2^1.5");
        Descriptive.ExcessKurtosis(s_x).Should().BeApproximately(Reference.Number("descriptive.excessKurtosis"), 1e-9,
            "scipy.stats.kurtosis(bias=False): excess kurtosis (0 for a normal), bias-corrected");
    }

    [KataFact]
    public void Pearson_and_Spearman_match_scipy_with_ties()
    {
        Descriptive.Pearson(s_x, s_y).Should().BeApproximately(Reference.Number("descriptive.pearson"), 1e-9);
        Descriptive.Spearman(s_x, s_y).Should().BeApproximately(Reference.Number("descriptive.spearman"), 1e-9,
            "x has a value four times and y a tie too: tied values share the mean of their ranks");
        Descriptive.Ranks([10, 20, 20, 5, 20]).Should().Equal([2, 4, 4, 1, 4], "the three 20s span ranks 3, 4, 5 and share their mean, 4");
    }
}
