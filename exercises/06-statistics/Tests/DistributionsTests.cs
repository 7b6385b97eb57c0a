// The moments of the draws come from Math.NET, not from 6.6's Descriptive: 6.7 must not need 6.6 solved.
using MathNetStatistics = MathNet.Numerics.Statistics.Statistics;

namespace Katas.Statistics.Tests;

[Exercise("6.7", "Normal, binomial and Poisson; seeded sampling; the central limit theorem", Points = 15, Hint = """
    A distribution is four functions: density (or mass), cdf, quantile (the cdf's inverse) and sampling.
    The formulas are short, but C(1000, 300) does not fit in a double, and a discrete quantile is the
    smallest k whose cdf reaches p. Sampling must be reproducible: the same seed, the same draws.
    Then watch the central limit theorem: means of skewed draws become normal, with sd 1/√n.
    """, MoreHint = """
    Work in logarithms (SpecialFunctions.BinomialLn, FactorialLn). The cdfs are special functions:
    SpecialFunctions.Erfc, BetaRegularized, GammaUpperRegularized; the normal quantile uses ErfcInv.
    A discrete quantile is a binary search on the cdf. Math.NET's distributions take a random source:
    give them a seeded MersenneTwister.
    """, Recap = """
    Probability code lives in logarithms and special functions; discrete quantiles are "smallest k with
    cdf ≥ p"; seeded sources make simulations tests can check; and means of n draws have sd σ/√n.
    """)]
public sealed class DistributionsTests
{
    [KataFact]
    public void Normal_pdf_cdf_and_quantile_match_scipy()
    {
        Distributions.NormalPdf(1.5, 2, 3).Should().BeApproximately(Reference.Number("distributions.normalPdf"), 1e-12);
        Distributions.NormalCdf(1.5, 2, 3).Should().BeApproximately(Reference.Number("distributions.normalCdf"), 1e-12);
        Distributions.NormalQuantile(0.975, 2, 3).Should().BeApproximately(Reference.Number("distributions.normalQuantile975"), 1e-9,
            "the 97.5 % quantile of N(2, 3²) is 2 + 1.96 × 3");
    }

    [KataFact]
    public void Binomial_with_a_thousand_trials_does_not_overflow()
    {
        Distributions.BinomialPmf(300, 1000, 0.3).Should().BeApproximately(Reference.Number("distributions.binomialPmf300"), 1e-12,
            "C(1000, 300) is about 10^263 and overflows: compute the pmf in logarithms");
        Distributions.BinomialCdf(290, 1000, 0.3).Should().BeApproximately(Reference.Number("distributions.binomialCdf290"), 1e-9);
        double[] probabilities = Reference.Numbers("distributions.binomialQuantileP");
        double[] quantiles = Reference.Numbers("distributions.binomialQuantile");
        for (int i = 0; i < probabilities.Length; i++)
        {
            Distributions.BinomialQuantile(probabilities[i], 1000, 0.3).Should().Be((int)quantiles[i],
                $"the {probabilities[i]} quantile is the smallest k with P(X ≤ k) ≥ {probabilities[i]}");
        }
    }

    [KataFact]
    public void Poisson_pmf_cdf_and_quantile_match_scipy()
    {
        Distributions.PoissonPmf(3, 4.5).Should().BeApproximately(Reference.Number("distributions.poissonPmf3"), 1e-12);
        Distributions.PoissonCdf(6, 4.5).Should().BeApproximately(Reference.Number("distributions.poissonCdf6"), 1e-12);
        Distributions.PoissonPmf(1000, 900).Should().BeApproximately(Reference.Number("distributions.poissonPmf1000Lambda900"), 1e-14,
            "900^1000 and 1000! overflow: use logarithms");
        double[] probabilities = Reference.Numbers("distributions.poissonQuantileP");
        double[] quantiles = Reference.Numbers("distributions.poissonQuantile");
        for (int i = 0; i < probabilities.Length; i++)
        {
            Distributions.PoissonQuantile(probabilities[i], 4.5).Should().Be((int)quantiles[i],
                $"the {probabilities[i]} quantile is the smallest k with P(X ≤ k) ≥ {probabilities[i]}");
        }
    }

    [KataFact]
    public void The_same_seed_gives_the_same_draws_and_the_draws_have_the_asked_moments()
    {
        double[] first = Distributions.SampleNormal(20_000, 5, 2, seed: 7);
        double[] again = Distributions.SampleNormal(20_000, 5, 2, seed: 7);
        double[] other = Distributions.SampleNormal(20_000, 5, 2, seed: 8);

        again.Should().Equal(first, "a seeded source reproduces its draws: tests and experiments can be repeated");
        other.Should().NotEqual(first, "another seed, other draws");
        MathNetStatistics.Mean(first).Should().BeApproximately(5, 0.05, "20,000 draws of N(5, 2²): the mean is within 0.05 (3.5 standard errors)");
        MathNetStatistics.StandardDeviation(first).Should().BeApproximately(2, 0.05);
    }

    [KataFact]
    public void Means_of_exponential_draws_approach_a_normal_with_sd_1_over_root_n()
    {
        double[] means = Distributions.CentralLimitMeans(repetitions: 4_000, sampleSize: 50, seed: 11);

        means.Should().HaveCount(4_000);
        MathNetStatistics.Mean(means).Should().BeApproximately(1, 0.01, "the mean of the means is the exponential's mean, 1");
        MathNetStatistics.StandardDeviation(means).Should().BeApproximately(1 / Math.Sqrt(50), 0.01,
            "the standard error of a mean of n draws is σ/√n = 1/√50 ≈ 0.141");
        MathNetStatistics.Skewness(means).Should().BeInRange(0.1, 0.45, "the skewness falls from 2 for one draw to 2/√50 ≈ 0.28 for means of 50");
    }
}
