using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Katas.Statistics;

/// <summary>
/// Exercise 6.7: the normal, binomial and Poisson distributions from their formulas, on top of Math.NET's
/// special functions (erf, the log-gamma, the regularized incomplete beta and gamma functions), seeded sampling
/// and a simulation of the central limit theorem.
/// </summary>
public static class Distributions
{
    /// <summary>The density of N(mean, sd²) at <paramref name="x"/>: exp(−z²/2) / (sd √(2π)), z = (x − mean) / sd.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> is not positive.</exception>
    public static double NormalPdf(double x, double mean, double sd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);
        double z = (x - mean) / sd;
        return Math.Exp(-0.5 * z * z) / (sd * Math.Sqrt(2 * Math.PI));
    }

    /// <summary>P(X ≤ x) for X ~ N(mean, sd²): erfc(−z/√2) / 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> is not positive.</exception>
    public static double NormalCdf(double x, double mean, double sd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);

        // erfc(−z/√2)/2 rather than (1 + erf(z/√2))/2: in the far left tail 1 + erf cancels to 0 while erfc
        // keeps its relative precision.
        return 0.5 * SpecialFunctions.Erfc(-(x - mean) / (sd * Math.Sqrt(2)));
    }

    /// <summary>The x with P(X ≤ x) = <paramref name="p"/> for X ~ N(mean, sd²): mean − sd √2 erfc⁻¹(2p).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> is not positive or <paramref name="p"/> is not in [0, 1].</exception>
    public static double NormalQuantile(double p, double mean, double sd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);
        CheckProbability(p);
        return mean - (sd * Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * p));
    }

    /// <summary>P(X = k) for X ~ Binomial(n, p): C(n, k) p^k (1 − p)^(n − k), computed in logarithms.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="p"/> is not in [0, 1].</exception>
    public static double BinomialPmf(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckProbability(p);
        if (k < 0 || k > n)
        {
            return 0;
        }

        if (p == 0 || p == 1)
        {
            return k == (p == 0 ? 0 : n) ? 1 : 0;
        }

        // C(1000, 300) is about 10^263 and 0.3^300 about 10^-157: multiplied directly they overflow or
        // underflow long before the answer (0.0275) is reached. Their logarithms add without trouble.
        double log = SpecialFunctions.BinomialLn(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        return Math.Exp(log);
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p), as the regularized incomplete beta function I_(1−p)(n − k, k + 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="p"/> is not in [0, 1].</exception>
    public static double BinomialCdf(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckProbability(p);
        if (k < 0)
        {
            return 0;
        }

        if (k >= n || p == 0)
        {
            return 1;
        }

        return p == 1 ? 0 : SpecialFunctions.BetaRegularized(n - k, k + 1, 1 - p);
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ <paramref name="probability"/> for X ~ Binomial(n, p) (SciPy's <c>ppf</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static int BinomialQuantile(double probability, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckProbability(p);
        CheckProbability(probability);

        // The cdf increases with k: binary search for the first k where it reaches the probability.
        return FirstAtLeast(probability, 0, n, k => BinomialCdf(k, n, p));
    }

    /// <summary>P(X = k) for X ~ Poisson(λ): λ^k e^(−λ) / k!, computed in logarithms.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not positive.</exception>
    public static double PoissonPmf(int k, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        return k < 0 ? 0 : Math.Exp((k * Math.Log(lambda)) - lambda - SpecialFunctions.FactorialLn(k));
    }

    /// <summary>P(X ≤ k) for X ~ Poisson(λ), as the regularized upper incomplete gamma function Q(k + 1, λ).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not positive.</exception>
    public static double PoissonCdf(int k, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        return k < 0 ? 0 : SpecialFunctions.GammaUpperRegularized(k + 1, lambda);
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ <paramref name="probability"/> for X ~ Poisson(λ) (SciPy's <c>ppf</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or <paramref name="probability"/> is 1 (the quantile is +∞).</exception>
    public static int PoissonQuantile(double probability, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        CheckProbability(probability);
        ArgumentOutOfRangeException.ThrowIfEqual(probability, 1.0);

        // No upper end: double the bracket until the cdf reaches the probability, then binary search.
        int high = Math.Max(1, (int)Math.Ceiling(lambda));
        while (PoissonCdf(high, lambda) < probability)
        {
            high = checked(high * 2);
        }

        return FirstAtLeast(probability, 0, high, k => PoissonCdf(k, lambda));
    }

    /// <summary>
    /// <paramref name="count"/> draws from N(mean, sd²), reproducible: the same seed gives the same draws on every
    /// machine and every run (Math.NET's Mersenne Twister, not <see cref="Random.Shared"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="sd"/> not positive.</exception>
    public static double[] SampleNormal(int count, double mean, double sd, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);

        var normal = new Normal(mean, sd, new MersenneTwister(seed));
        var draws = new double[count];
        normal.Samples(draws);
        return draws;
    }

    /// <summary>
    /// The central limit theorem by simulation: <paramref name="repetitions"/> means of <paramref name="sampleSize"/>
    /// draws each from the exponential distribution with rate 1 (mean 1, sd 1, skewness 2: far from normal).
    /// The means gather around 1 with standard deviation 1/√n and skewness 2/√n, ever closer to normal as n grows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public static double[] CentralLimitMeans(int repetitions, int sampleSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repetitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);

        var exponential = new Exponential(1.0, new MersenneTwister(seed));
        var sample = new double[sampleSize];
        var means = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            exponential.Samples(sample);
            means[r] = sample.Average();
        }

        return means;
    }

    private static void CheckProbability(double p, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(p))] string? name = null)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(name, p, "A probability is between 0 and 1.");
        }
    }

    private static int FirstAtLeast(double probability, int low, int high, Func<int, double> cdf)
    {
        // Invariant: cdf(high) >= probability; the answer is in [low, high].
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (cdf(middle) >= probability)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
