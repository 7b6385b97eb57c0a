// Mistake: the degrees of freedom of an r × c table taken as the number of cells less one, as for a goodness of fit, instead of (r − 1)(c − 1).
using MathNet.Numerics;

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
        return GoodnessOfFit(observed, [.. Enumerable.Repeat(1.0 / Math.Max(observed.Count, 1), observed.Count)]);
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
        if (observed.Count < 2)
        {
            throw new ArgumentException($"A goodness-of-fit test needs at least 2 categories, not {observed.Count}.", nameof(observed));
        }

        if (probabilities.Count != observed.Count)
        {
            throw new ArgumentException($"There are {observed.Count} counts but {probabilities.Count} probabilities.", nameof(probabilities));
        }

        if (probabilities.Any(p => !(p > 0)) || Math.Abs(probabilities.Sum() - 1) > 1e-9)
        {
            throw new ArgumentException($"The probabilities must be positive and sum to 1; they sum to {probabilities.Sum()}.", nameof(probabilities));
        }

        CheckCounts(observed, nameof(observed));
        long n = observed.Sum(o => (long)o);
        double statistic = 0;
        for (int i = 0; i < observed.Count; i++)
        {
            double expected = n * probabilities[i];
            statistic += (observed[i] - expected) * (observed[i] - expected) / expected;
        }

        // One constraint: the expected counts sum to n, so k − 1 categories are free.
        return Result(statistic, observed.Count - 1);
    }

    /// <summary>The counts expected in each cell if rows and columns were independent: row total × column total / n.</summary>
    /// <exception cref="ArgumentException">A table smaller than 2 × 2, a negative count, or a row or column of zeros (an expected count of 0).</exception>
    public static double[,] ExpectedCounts(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int rows = table.GetLength(0), columns = table.GetLength(1);
        if (rows < 2 || columns < 2)
        {
            throw new ArgumentException($"A contingency table has at least 2 rows and 2 columns, not {rows} × {columns}.", nameof(table));
        }

        CheckCounts([.. table.Cast<int>()], nameof(table));
        var rowTotals = new long[rows];
        var columnTotals = new long[columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                rowTotals[i] += table[i, j];
                columnTotals[j] += table[i, j];
            }
        }

        // A row or column of zeros makes an expected count 0, and X² would divide by it (SciPy refuses too).
        int emptyRow = Array.IndexOf(rowTotals, 0L), emptyColumn = Array.IndexOf(columnTotals, 0L);
        if (emptyRow >= 0 || emptyColumn >= 0)
        {
            throw new ArgumentException(emptyRow >= 0
                ? $"Row {emptyRow} has no counts: its expected counts would be 0."
                : $"Column {emptyColumn} has no counts: its expected counts would be 0.", nameof(table));
        }

        double n = rowTotals.Sum();
        var expected = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                expected[i, j] = rowTotals[i] * (double)columnTotals[j] / n;
            }
        }

        return expected;
    }

    /// <summary>Are the row and column variables of a contingency table independent? No continuity correction, even for 2 × 2.</summary>
    /// <exception cref="ArgumentException">As for <see cref="ExpectedCounts"/>.</exception>
    public static ChiSquareResult Independence(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double[,] expected = ExpectedCounts(table);
        double statistic = 0;
        for (int i = 0; i < table.GetLength(0); i++)
        {
            for (int j = 0; j < table.GetLength(1); j++)
            {
                double difference = table[i, j] - expected[i, j];
                statistic += difference * difference / expected[i, j];
            }
        }

        // The margins are fixed: of r × c cells, (r − 1)(c − 1) are free.
        return Result(statistic, (table.GetLength(0) * table.GetLength(1)) - 1); // bug
    }

    private static ChiSquareResult Result(double statistic, int df)
    {
        // The upper tail of χ²(df) is the regularized upper incomplete gamma function Q(df/2, X²/2). Computed
        // directly it keeps p-values like 1e-35, which 1 − cdf rounds to 0 (and Math.NET's ChiSquared has no upper tail).
        return new ChiSquareResult(statistic, df, SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2));
    }

    private static void CheckCounts(IReadOnlyList<int> counts, string name)
    {
        int negative = counts.ToList().FindIndex(c => c < 0);
        if (negative >= 0)
        {
            throw new ArgumentException($"Counts are never negative; count {negative} is {counts[negative]}.", name);
        }

        if (counts.All(c => c == 0))
        {
            throw new ArgumentException("There are no counts to test.", name);
        }
    }
}
