using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.5")]
public sealed class FeaturesHiddenTests
{
    [KataFact]
    public void Categories_are_ordinal_whatever_the_culture()
    {
        Features.Categories(["b", "B", "a", "A", "b"]).Should().Equal(["A", "B", "a", "b"], "ordinal order: upper case before lower case");
        FluentActions.Invoking(() => Features.OneHot(["a"], ["a", "a"])).Should().Throw<ArgumentException>("a duplicate category would give two identical columns");
        Features.OneHot([null, "a"], ["a"]).Column(0).ToArray().Should().Equal([0.0, 1.0], "null is not a category: a row of zeros");
    }

    [KataFact]
    public void Bins_need_increasing_edges_and_treat_every_edge_as_the_start_of_its_bin()
    {
        FluentActions.Invoking(() => Features.Bin([1], [0, 5, 5])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Features.Bin([1], [0])).Should().Throw<ArgumentException>();
        Features.Bin([0, 1, 2, 3, 1.5], [0, 1, 2, 3]).Should().Equal([0, 1, 2, 2, 1]);
    }

    [KataFact]
    public void Polynomial_of_one_column_is_its_powers_and_of_degree_one_is_the_input()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([2.0], [-3.0]);

        Features.Polynomial(x, 4).ToRowArrays().Should().BeEquivalentTo(new[] { new[] { 2.0, 4, 8, 16 }, [-3.0, 9, -27, 81] }, o => o.WithStrictOrdering());
        Matrix<double> wide = Matrix<double>.Build.Random(3, 4, 1);
        Features.Polynomial(wide, 1).Should().Be(wide);
        Features.Polynomial(wide, 2).ColumnCount.Should().Be(14, "4 single columns and the 10 pairs with repetition");
        FluentActions.Invoking(() => Features.Polynomial(x, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [KataFact]
    public void Date_parts_of_a_leap_day_and_a_Sunday()
    {
        Features.PartsOf(new DateOnly(2024, 12, 31)).Should().Be(new DateParts(2024, 12, 31, 1, 366, false), "2024 is a leap year; 31 December 2024 is a Tuesday");
        Features.PartsOf(new DateOnly(2023, 1, 1)).Should().Be(new DateParts(2023, 1, 1, 6, 1, true), "1 January 2023 is a Sunday: day 6, a weekend");
    }

    [KataFact]
    public void Saturday_starts_the_weekend_and_pairs_of_columns_come_in_order()
    {
        Features.PartsOf(new DateOnly(2024, 6, 1)).Should().Be(new DateParts(2024, 6, 1, 5, 153, true), "1 June 2024 is a Saturday: day 5, the first day of the weekend");
        Features.PartsOf(new DateOnly(2024, 5, 31)).IsWeekend.Should().BeFalse("a Friday (day 4) is a weekday");
        Features.PartsOf(new DateOnly(2024, 6, 3)).DayOfWeek.Should().Be(0, "Monday is day 0");

        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([2.0, 3.0]);
        Features.Polynomial(x, 2).Row(0).ToArray().Should().Equal([2.0, 3.0, 4.0, 6.0, 9.0], "x1, x2, then x1², x1·x2, x2²");
        Features.Polynomial(x, 3).ColumnCount.Should().Be(9, "2 + 3 + 4 monomials of degree 1, 2 and 3");
    }

    [KataFact]
    public void Values_outside_the_edges_or_NaN_get_no_bin()
    {
        Features.Bin([-0.5, 3.5, double.NaN, 2.999, 1], [0, 1, 2, 3]).Should().Equal([-1, -1, -1, 2, 1], "below the first edge, above the last, and NaN are in no bin");
        Features.Bin([], [0, 1]).Should().BeEmpty();
        Features.Categories(["b", null, "a", null]).Should().Equal(["a", "b"], "null is no category");
        Features.OneHot(["c", "a"], ["a", "b"]).ToRowArrays().Should().BeEquivalentTo(new[] { new[] { 0.0, 0.0 }, [1.0, 0.0] }, o => o.WithStrictOrdering(), "an unknown category is a row of zeros");
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter_and_the_problem()
    {
        FluentActions.Invoking(() => Features.Categories(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Features.OneHot(null!, ["a"])).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Features.OneHot(["a"], null!)).Should().Throw<ArgumentNullException>().WithParameterName("categories");
        FluentActions.Invoking(() => Features.OneHot(["a"], ["a", "Zed", "Zed"])).Should().Throw<ArgumentException>().WithParameterName("categories").WithMessage("*Zed*");
        FluentActions.Invoking(() => Features.Bin(null!, [0, 1])).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Features.Bin([1], null!)).Should().Throw<ArgumentNullException>().WithParameterName("edges");
        FluentActions.Invoking(() => Features.Bin([1], [0])).Should().Throw<ArgumentException>().WithParameterName("edges")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong, not only which parameter");
        FluentActions.Invoking(() => Features.Bin([1], [0, 50, 30])).Should().Throw<ArgumentException>("decreasing edges").WithParameterName("edges")
            .Where(e => Regex.IsMatch(e.Message, @"\b50\b") && Regex.IsMatch(e.Message, @"\b30\b"), "the message names the two edges out of order");
        FluentActions.Invoking(() => Features.Bin([1], [0, double.NaN, 3])).Should().Throw<ArgumentException>("NaN is not above anything").WithParameterName("edges");
        FluentActions.Invoking(() => Features.Polynomial(null!, 2)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => Features.Polynomial(Matrix<double>.Build.Dense(1, 1), -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("degree");
    }
}
