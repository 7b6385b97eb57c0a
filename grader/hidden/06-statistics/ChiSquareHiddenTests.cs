using Katas.Statistics.Tests;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.9")]
public sealed class ChiSquareHiddenTests
{
    [KataFact]
    public void A_strong_dependence_keeps_its_tiny_p_value()
    {
        ChiSquareResult result = ChiSquare.Independence(new[,] { { 90, 10, 5 }, { 5, 12, 95 } });

        result.Statistic.Should().BeApproximately(Reference.Number("chiSquare.strongStatistic"), 1e-9);
        result.DegreesOfFreedom.Should().Be((int)Reference.Number("chiSquare.strongDf"));
        double expected = Reference.Number("chiSquare.strongPValue");
        result.PValue.Should().BeGreaterThan(0, "p is about 1e-35: 1 − cdf rounds it to 0, the upper incomplete gamma function keeps it");
        (result.PValue / expected).Should().BeApproximately(1, 1e-9, $"SciPy gives {expected}: compare tiny p-values relatively");
    }

    [KataFact]
    public void A_perfect_fit_has_statistic_0_and_p_1()
    {
        ChiSquareResult result = ChiSquare.GoodnessOfFit([10, 10, 10, 10]);

        result.Statistic.Should().Be(0);
        result.DegreesOfFreedom.Should().Be(3);
        result.PValue.Should().BeApproximately(1, 1e-15);
        ChiSquare.Independence(new[,] { { 2, 4 }, { 3, 6 } }).Statistic.Should().BeApproximately(0, 1e-12, "proportional rows are exactly independent");
    }

    [KataFact]
    public void Bad_tables_and_probabilities_get_a_clear_error()
    {
        FluentActions.Invoking(() => ChiSquare.Independence(new[,] { { 5, 3 }, { 0, 0 } })).Should().Throw<ArgumentException>()
            .WithMessage("*Row 1*", "a row of zeros expects 0 in every cell and X² would divide by 0: say which row");
        FluentActions.Invoking(() => ChiSquare.Independence(new[,] { { 5, 3, 4 } })).Should().Throw<ArgumentException>("one row is no contingency table");
        FluentActions.Invoking(() => ChiSquare.Independence(new[,] { { 5, -3 }, { 2, 4 } })).Should().Throw<ArgumentException>("a count is never negative");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([10, 20], [0.5, 0.6])).Should().Throw<ArgumentException>("the probabilities sum to 1.1");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([10, 20, 30], [0.5, 0.5])).Should().Throw<ArgumentException>("three counts, two probabilities");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([7])).Should().Throw<ArgumentException>("one category cannot fit or fail to fit");
    }

    [KataFact]
    public void The_expected_counts_keep_the_margins()
    {
        int[,] table = { { 3, 9, 1 }, { 7, 2, 8 } };

        double[,] expected = ChiSquare.ExpectedCounts(table);

        for (int i = 0; i < 2; i++)
        {
            Enumerable.Range(0, 3).Sum(j => expected[i, j]).Should().BeApproximately(Enumerable.Range(0, 3).Sum(j => table[i, j]), 1e-12, "each row keeps its total");
        }

        for (int j = 0; j < 3; j++)
        {
            (expected[0, j] + expected[1, j]).Should().BeApproximately(table[0, j] + table[1, j], 1e-12, "each column keeps its total");
        }
    }

    [KataFact]
    public void Nulls_and_the_first_row_column_and_count_are_checked_too()
    {
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit(null!, [0.5, 0.5])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([1, 2], null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ChiSquare.ExpectedCounts(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ChiSquare.Independence(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ChiSquare.Independence(new[,] { { 0, 0 }, { 5, 3 } })).Should().Throw<ArgumentException>().WithMessage("*Row 0*");
        FluentActions.Invoking(() => ChiSquare.Independence(new[,] { { 0, 4 }, { 0, 3 } })).Should().Throw<ArgumentException>().WithMessage("*Column 0*");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([-1, 5])).Should().Throw<ArgumentException>("the first count is negative");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([0, 0, 0])).Should().Throw<ArgumentException>("no counts: every expected count is 0");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([5, 5], [0.0, 1.0])).Should().Throw<ArgumentException>("a probability of 0 expects 0 and X² would divide by it");
        ChiSquare.GoodnessOfFit([5, 15]).Statistic.Should().Be(5, "two categories are enough: (5 − 10)²/10 + (15 − 10)²/10");
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter()
    {
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit(null!)).Should().Throw<ArgumentNullException>().WithParameterName("observed");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit(null!, [0.5, 0.5])).Should().Throw<ArgumentNullException>().WithParameterName("observed");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([1, 2], null!)).Should().Throw<ArgumentNullException>().WithParameterName("probabilities");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([])).Should().Throw<ArgumentException>("no categories at all").WithParameterName("observed");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([7], [1.0])).Should().Throw<ArgumentException>().WithParameterName("observed")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([10, 20, 30], [0.5, 0.5])).Should().Throw<ArgumentException>().WithParameterName("probabilities")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([10, 20], [0.5, 0.6])).Should().Throw<ArgumentException>().WithParameterName("probabilities")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([10, 20], [1.5, -0.5])).Should().Throw<ArgumentException>("they sum to 1, but a probability is negative").WithParameterName("probabilities");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([10, -20])).Should().Throw<ArgumentException>().WithParameterName("observed")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => ChiSquare.GoodnessOfFit([0, 0], [0.5, 0.5])).Should().Throw<ArgumentException>().WithParameterName("observed")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => ChiSquare.ExpectedCounts(null!)).Should().Throw<ArgumentNullException>().WithParameterName("table");
        FluentActions.Invoking(() => ChiSquare.ExpectedCounts(new[,] { { 5, 3, 4 } })).Should().Throw<ArgumentException>("one row").WithParameterName("table")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => ChiSquare.ExpectedCounts(new[,] { { 5 }, { 3 }, { 4 } })).Should().Throw<ArgumentException>("one column").WithParameterName("table");
        FluentActions.Invoking(() => ChiSquare.ExpectedCounts(new[,] { { 5, 3 }, { 2, -4 } })).Should().Throw<ArgumentException>().WithParameterName("table");
        FluentActions.Invoking(() => ChiSquare.ExpectedCounts(new[,] { { 0, 0 }, { 0, 0 } })).Should().Throw<ArgumentException>().WithParameterName("table");
        FluentActions.Invoking(() => ChiSquare.Independence(null!)).Should().Throw<ArgumentNullException>().WithParameterName("table");
    }
}
