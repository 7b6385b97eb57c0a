namespace Katas.Statistics.Tests;

[Exercise("6.9", "Chi-square: goodness of fit and independence", Points = 10, Hint = """
    Both tests compare observed counts with the counts a hypothesis expects, summed as
    Σ (observed − expected)² / expected, and look the sum up in the upper tail of a chi-square
    distribution. What does a fair die expect in each face? What does independence expect in a cell,
    given only the row and column totals? How many of the expected counts are free once the totals are
    fixed: that number is the degrees of freedom.
    """, MoreHint = """
    Expected cell count = row total × column total / grand total; df = k − 1 for k categories and
    (r − 1)(c − 1) for a table. The upper tail of χ²(df) at x is the regularized upper incomplete gamma
    function Q(df/2, x/2): Math.NET's SpecialFunctions.GammaUpperRegularized. SciPy's chi2_contingency
    applies Yates' correction to 2 × 2 tables unless told not to; here there is none.
    """, Recap = """
    A chi-square test is observed against expected, Σ (O − E)²/E, against χ²(df) with df the free cells.
    Tail probabilities come from the upper incomplete gamma function, never from 1 − cdf.
    """)]
public sealed class ChiSquareTests
{
    [KataFact]
    public void A_fair_die_expects_the_same_count_on_every_face()
    {
        ChiSquareResult result = ChiSquare.GoodnessOfFit(Ints("chiSquare.die"));

        result.Statistic.Should().BeApproximately(Reference.Number("chiSquare.dieStatistic"), 1e-9, "scipy.stats.chisquare: 120 rolls expect 20 on each face");
        result.DegreesOfFreedom.Should().Be(5, "6 categories less the one constraint that the counts sum to n");
        result.PValue.Should().BeApproximately(Reference.Number("chiSquare.diePValue"), 1e-9, "the p-value is the upper tail of χ²(5) at the statistic");
    }

    [KataFact]
    public void Goodness_of_fit_to_given_probabilities_expects_n_times_p()
    {
        ChiSquareResult result = ChiSquare.GoodnessOfFit(Ints("chiSquare.weightedObserved"), Reference.Numbers("chiSquare.weightedProbabilities"));

        result.Statistic.Should().BeApproximately(Reference.Number("chiSquare.weightedStatistic"), 1e-9, "100 observations expect 40, 35, 15 and 10");
        result.DegreesOfFreedom.Should().Be(3);
        result.PValue.Should().BeApproximately(Reference.Number("chiSquare.weightedPValue"), 1e-9);
    }

    [KataFact]
    public void Independence_expects_row_total_times_column_total_over_n()
    {
        int[,] table = Table("chiSquare.table");

        double[,] expected = ChiSquare.ExpectedCounts(table);
        ChiSquareResult result = ChiSquare.Independence(table);

        double[][] reference = Reference.Rows("chiSquare.tableExpected");
        for (int i = 0; i < reference.Length; i++)
        {
            for (int j = 0; j < reference[i].Length; j++)
            {
                expected[i, j].Should().BeApproximately(reference[i][j], 1e-9, $"cell ({i}, {j}) expects its row total × its column total / n, as scipy.stats.chi2_contingency");
            }
        }

        result.Statistic.Should().BeApproximately(Reference.Number("chiSquare.tableStatistic"), 1e-9);
        result.DegreesOfFreedom.Should().Be((int)Reference.Number("chiSquare.tableDf"), "a 3 × 4 table with fixed margins has (3 − 1)(4 − 1) = 6 free cells, not 3 × 4 − 1");
        result.PValue.Should().BeApproximately(Reference.Number("chiSquare.tablePValue"), 1e-12);
    }

    [KataFact]
    public void A_two_by_two_table_has_no_continuity_correction()
    {
        ChiSquareResult result = ChiSquare.Independence(Table("chiSquare.twoByTwo"));

        result.Statistic.Should().BeApproximately(Reference.Number("chiSquare.twoByTwoStatistic"), 1e-9,
            "chi2_contingency(correction=False): Pearson's statistic as it is; Yates' correction (|O − E| − 0.5) would make it smaller");
        result.DegreesOfFreedom.Should().Be(1);
        result.PValue.Should().BeApproximately(Reference.Number("chiSquare.twoByTwoPValue"), 1e-9);
    }

    private static int[] Ints(string path) => [.. Reference.Numbers(path).Select(x => (int)x)];

    private static int[,] Table(string path)
    {
        double[][] rows = Reference.Rows(path);
        var table = new int[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[i].Length; j++)
            {
                table[i, j] = (int)rows[i][j];
            }
        }

        return table;
    }
}
