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

        // TODO: the normal density from its formula.
        throw new NotImplementedException("Exercise 6.7 (Distributions.NormalPdf) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>P(X ≤ x) for X ~ N(mean, sd²): erfc(−z/√2) / 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> is not positive.</exception>
    public static double NormalCdf(double x, double mean, double sd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);

        // TODO: the normal cdf from a special function that keeps the far tails.
        throw new NotImplementedException("Exercise 6.7 (Distributions.NormalCdf) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>The x with P(X ≤ x) = <paramref name="p"/> for X ~ N(mean, sd²): mean − sd √2 erfc⁻¹(2p).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> is not positive or <paramref name="p"/> is not in [0, 1].</exception>
    public static double NormalQuantile(double p, double mean, double sd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sd);

        // TODO: the inverse of the normal cdf.
        throw new NotImplementedException("Exercise 6.7 (Distributions.NormalQuantile) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>P(X = k) for X ~ Binomial(n, p): C(n, k) p^k (1 − p)^(n − k), computed in logarithms.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="p"/> is not in [0, 1].</exception>
    public static double BinomialPmf(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);

        // TODO: the binomial mass, without overflow for n in the thousands.
        throw new NotImplementedException("Exercise 6.7 (Distributions.BinomialPmf) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p), as the regularized incomplete beta function I_(1−p)(n − k, k + 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative or <paramref name="p"/> is not in [0, 1].</exception>
    public static double BinomialCdf(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);

        // TODO: the binomial cdf from a special function (not a loop of pmf terms).
        throw new NotImplementedException("Exercise 6.7 (Distributions.BinomialCdf) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ <paramref name="probability"/> for X ~ Binomial(n, p) (SciPy's <c>ppf</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static int BinomialQuantile(double probability, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);

        // TODO: the smallest k whose cdf reaches the probability.
        throw new NotImplementedException("Exercise 6.7 (Distributions.BinomialQuantile) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>P(X = k) for X ~ Poisson(λ): λ^k e^(−λ) / k!, computed in logarithms.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not positive.</exception>
    public static double PoissonPmf(int k, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);

        // TODO: the Poisson mass, without overflow.
        throw new NotImplementedException("Exercise 6.7 (Distributions.PoissonPmf) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>P(X ≤ k) for X ~ Poisson(λ), as the regularized upper incomplete gamma function Q(k + 1, λ).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not positive.</exception>
    public static double PoissonCdf(int k, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);

        // TODO: the Poisson cdf from a special function.
        throw new NotImplementedException("Exercise 6.7 (Distributions.PoissonCdf) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ <paramref name="probability"/> for X ~ Poisson(λ) (SciPy's <c>ppf</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or <paramref name="probability"/> is 1 (the quantile is +∞).</exception>
    public static int PoissonQuantile(double probability, double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);

        // TODO: the smallest k whose cdf reaches the probability.
        throw new NotImplementedException("Exercise 6.7 (Distributions.PoissonQuantile) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
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

        // TODO: reproducible draws from a seeded source.
        throw new NotImplementedException("Exercise 6.7 (Distributions.SampleNormal) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
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

        // TODO: the means of sampleSize exponential(1) draws, repetitions times, from one seeded source.
        throw new NotImplementedException("Exercise 6.7 (Distributions.CentralLimitMeans) is not solved yet. Hint: dotnet run --project grader -- hint 6.7");
    }
}
