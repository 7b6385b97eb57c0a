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
}
