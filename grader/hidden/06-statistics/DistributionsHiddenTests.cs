// The moments of the draws come from Math.NET, not from 6.6's Descriptive: 6.7 must not need 6.6 solved.
using MathNetStatistics = MathNet.Numerics.Statistics.Statistics;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.7")]
public sealed class DistributionsHiddenTests
{
    [KataFact]
    public void Discrete_quantiles_are_exact_at_a_cdf_value()
    {
        double atSix = Distributions.PoissonCdf(6, 4.5);

        Distributions.PoissonQuantile(atSix, 4.5).Should().Be(6, "P(X ≤ 6) reaches the probability exactly at 6: the smallest k with cdf ≥ p, not > p");
        Distributions.BinomialQuantile(Distributions.BinomialCdf(3, 10, 0.5), 10, 0.5).Should().Be(3);
        Distributions.BinomialQuantile(1, 10, 0.5).Should().Be(10);
    }

    [KataFact]
    public void Edges_of_the_supports()
    {
        Distributions.BinomialPmf(-1, 10, 0.5).Should().Be(0);
        Distributions.BinomialPmf(11, 10, 0.5).Should().Be(0);
        Distributions.BinomialPmf(0, 10, 0).Should().Be(1, "with p = 0 every trial fails");
        Distributions.BinomialPmf(10, 10, 1).Should().Be(1);
        Distributions.BinomialCdf(10, 10, 0.3).Should().Be(1);
        Distributions.PoissonCdf(-1, 2).Should().Be(0);
        Distributions.NormalCdf(-30, 0, 1).Should().BeApproximately(4.906713927148187e-198, 1e-208, "1 + erf(z) would cancel to 0 here");
    }

    [KataFact]
    public void Bad_parameters_are_rejected()
    {
        FluentActions.Invoking(() => Distributions.NormalPdf(0, 0, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Distributions.BinomialPmf(1, 10, 1.5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Distributions.PoissonQuantile(1, 2)).Should().Throw<ArgumentOutOfRangeException>("the Poisson's 1-quantile is infinite");
        FluentActions.Invoking(() => Distributions.SampleNormal(-1, 0, 1, 1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [KataFact]
    public void Larger_samples_give_means_closer_to_normal()
    {
        double[] small = Distributions.CentralLimitMeans(4_000, 2, seed: 3);
        double[] large = Distributions.CentralLimitMeans(4_000, 200, seed: 3);

        MathNetStatistics.Skewness(small).Should().BeGreaterThan(1, "means of 2 exponential draws are still skewed (2/√2 ≈ 1.41)");
        MathNetStatistics.Skewness(large).Should().BeLessThan(0.3, "means of 200 draws: 2/√200 ≈ 0.14");
        MathNetStatistics.StandardDeviation(large).Should().BeApproximately(1 / Math.Sqrt(200), 0.005);
    }

    [KataFact]
    public void More_edges_of_the_supports_and_the_degenerate_p()
    {
        Distributions.BinomialPmf(10, 10, 0.5).Should().BeApproximately(1.0 / 1024, 1e-15, "k = n is inside the support");
        Distributions.BinomialPmf(3, 10, 0).Should().Be(0, "with p = 0 only k = 0 is possible");
        Distributions.BinomialPmf(9, 10, 1).Should().Be(0, "with p = 1 only k = n is possible");
        Distributions.BinomialCdf(-1, 10, 0.5).Should().Be(0);
        Distributions.BinomialCdf(0, 10, 0.5).Should().BeApproximately(1.0 / 1024, 1e-15);
        Distributions.BinomialCdf(2, 10, 0).Should().Be(1, "with p = 0 every outcome is 0 ≤ 2");
        Distributions.BinomialCdf(9, 10, 1).Should().Be(0, "with p = 1 the outcome is 10 > 9");
        Distributions.BinomialCdf(12, 10, 0.5).Should().Be(1);
        Distributions.BinomialQuantile(0, 10, 0.5).Should().Be(0);
        Distributions.PoissonPmf(-1, 2).Should().Be(0);
        Distributions.PoissonPmf(0, 2).Should().BeApproximately(Math.Exp(-2), 1e-15);
        Distributions.PoissonCdf(0, 2).Should().BeApproximately(Math.Exp(-2), 1e-15);
        Distributions.PoissonQuantile(0, 3).Should().Be(0);
        Distributions.PoissonQuantile(0.5, 3).Should().Be(3, "P(X ≤ 2) = 0.42 < 0.5 ≤ P(X ≤ 3) = 0.65");
        Distributions.PoissonQuantile(0.9999, 0.5).Should().Be(5, "the bracket must grow past ⌈λ⌉ = 1 until the cdf reaches the probability");
        Distributions.PoissonQuantile(0.99, 20).Should().Be(31);
        Distributions.NormalQuantile(0.5, 3, 2).Should().BeApproximately(3, 1e-12);
        Distributions.NormalQuantile(0.975, 1, 2).Should().BeApproximately(1 + (2 * 1.959963984540054), 1e-9);
        Distributions.NormalQuantile(0, 0, 1).Should().Be(double.NegativeInfinity);
        Distributions.NormalQuantile(1, 0, 1).Should().Be(double.PositiveInfinity);
        Distributions.SampleNormal(0, 0, 1, 1).Should().BeEmpty();
    }

    [KataFact]
    public void Every_bad_argument_names_its_parameter()
    {
        FluentActions.Invoking(() => Distributions.NormalPdf(0, 0, -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sd");
        FluentActions.Invoking(() => Distributions.NormalCdf(0, 0, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sd");
        FluentActions.Invoking(() => Distributions.NormalQuantile(0.5, 0, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sd");
        FluentActions.Invoking(() => Distributions.NormalQuantile(1.5, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => Distributions.NormalQuantile(-0.5, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => Distributions.NormalQuantile(double.NaN, 0, 1)).Should().Throw<ArgumentOutOfRangeException>("NaN is no probability").WithParameterName("p");
        FluentActions.Invoking(() => Distributions.BinomialPmf(1, -1, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
        FluentActions.Invoking(() => Distributions.BinomialPmf(1, 10, -0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => Distributions.BinomialCdf(1, -1, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
        FluentActions.Invoking(() => Distributions.BinomialCdf(1, 10, 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => Distributions.BinomialQuantile(0.5, -1, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
        FluentActions.Invoking(() => Distributions.BinomialQuantile(0.5, 10, 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => Distributions.BinomialQuantile(1.5, 10, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("probability");
        FluentActions.Invoking(() => Distributions.PoissonPmf(1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lambda");
        FluentActions.Invoking(() => Distributions.PoissonCdf(1, -2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lambda");
        FluentActions.Invoking(() => Distributions.PoissonQuantile(0.5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lambda");
        FluentActions.Invoking(() => Distributions.PoissonQuantile(-0.5, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("probability");
        FluentActions.Invoking(() => Distributions.PoissonQuantile(1, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("probability");
        FluentActions.Invoking(() => Distributions.SampleNormal(-1, 0, 1, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
        FluentActions.Invoking(() => Distributions.SampleNormal(3, 0, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sd");
        FluentActions.Invoking(() => Distributions.CentralLimitMeans(0, 2, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("repetitions");
        FluentActions.Invoking(() => Distributions.CentralLimitMeans(2, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sampleSize");
    }
}
