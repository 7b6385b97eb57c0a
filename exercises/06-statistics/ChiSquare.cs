namespace Katas.Statistics;

/// <summary>The result of a chi-square test: Pearson's statistic, its degrees of freedom and the p-value.</summary>
/// <param name="Statistic">X² = Σ (observed − expected)² / expected.</param>
/// <param name="DegreesOfFreedom">k − 1 for a goodness of fit over k categories, (r − 1)(c − 1) for an r × c table.</param>
/// <param name="PValue">P(χ²(df) ≥ X²), the upper tail.</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>
/// Exercise 6.9: Pearson's chi-square tests, goodness of fit and independence in a contingency table, without
/// Yates' continuity correction (<c>scipy.stats.chisquare</c>, <c>chi2_contingency(correction=False)</c>).
/// </summary>
public static class ChiSquare
{
    /// <summary>Do the counts fit equal probabilities for every category (a fair die)?</summary>
    /// <exception cref="ArgumentException">Fewer than 2 categories, a negative count, or no counts at all.</exception>
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<int> observed)
    {
        ArgumentNullException.ThrowIfNull(observed);

        // TODO: the test against equal probabilities.
        throw new NotImplementedException("Exercise 6.9 (ChiSquare.GoodnessOfFit) is not solved yet. Hint: dotnet run --project grader -- hint 6.9");
    }

    /// <summary>Do the counts fit the given probabilities of the categories? Expected count i is n·pᵢ.</summary>
    /// <exception cref="ArgumentException">
    /// Fewer than 2 categories, lists of different lengths, a negative count, no counts at all, or probabilities
    /// that are not positive or do not sum to 1 (within 1e-9).
    /// </exception>
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<int> observed, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(probabilities);

        // TODO: Pearson's statistic against n·pᵢ, its degrees of freedom and the upper-tail p-value; validate as documented.
        throw new NotImplementedException("Exercise 6.9 (ChiSquare.GoodnessOfFit) is not solved yet. Hint: dotnet run --project grader -- hint 6.9");
    }

    /// <summary>The counts expected in each cell if rows and columns were independent: row total × column total / n.</summary>
    /// <exception cref="ArgumentException">A table smaller than 2 × 2, a negative count, or a row or column of zeros (an expected count of 0).</exception>
    public static double[,] ExpectedCounts(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);

        // TODO: the expected counts under independence; validate as documented.
        throw new NotImplementedException("Exercise 6.9 (ChiSquare.ExpectedCounts) is not solved yet. Hint: dotnet run --project grader -- hint 6.9");
    }

    /// <summary>Are the row and column variables of a contingency table independent? No continuity correction, even for 2 × 2.</summary>
    /// <exception cref="ArgumentException">As for <see cref="ExpectedCounts"/>.</exception>
    public static ChiSquareResult Independence(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);

        // TODO: Pearson's statistic over the cells, its degrees of freedom and the upper-tail p-value (no continuity correction).
        throw new NotImplementedException("Exercise 6.9 (ChiSquare.Independence) is not solved yet. Hint: dotnet run --project grader -- hint 6.9");
    }
}
