using System.Text.RegularExpressions;
using Katas.Statistics.Tests;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.Data.Analysis;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.1")]
public sealed class FoundationsHiddenTests
{
    [KataFact]
    public void Covariance_of_two_rows_divides_by_one_and_one_row_is_rejected()
    {
        Matrix<double> two = Matrix<double>.Build.DenseOfRowArrays([1.0, 10.0], [3.0, 6.0]);

        Matrix<double> covariance = Foundations.SampleCovariance(two);

        covariance.ToArray().Should().BeEquivalentTo(new double[,] { { 2, -4 }, { -4, 8 } },
            "with n = 2 the divisor n − 1 is 1: the variance of [1, 3] is (1 + 1) / 1 = 2");
        FluentActions.Invoking(() => Foundations.SampleCovariance(Matrix<double>.Build.Dense(1, 3)))
            .Should().Throw<ArgumentException>("a sample covariance needs at least two observations");
        FluentActions.Invoking(() => Foundations.SampleCovariance(null!)).Should().Throw<ArgumentNullException>();
    }

    [KataFact]
    public void Covariance_does_not_change_its_input_and_is_symmetric()
    {
        Matrix<double> data = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("foundations.data"));
        Matrix<double> copy = data.Clone();

        Matrix<double> covariance = Foundations.SampleCovariance(data);

        data.Should().Be(copy, "centring must work on a copy, not on the caller's matrix");
        (covariance - covariance.Transpose()).InfinityNorm().Should().BeLessThan(1e-12, "a covariance matrix is symmetric");
    }

    [KataFact]
    public void Vectors_of_different_lengths_are_rejected()
    {
        FluentActions.Invoking(() => Foundations.Project(Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(3, 1)))
            .Should().Throw<ArgumentException>();
    }

    [KataFact]
    public void Orders_of_unknown_stores_and_frames_without_sales_give_no_rows()
    {
        (DataFrame orders, DataFrame stores) = SampleShop();
        DataFrame onlyUnknown = orders.Filter(orders["StoreId"].ElementwiseEquals(5));

        Foundations.RevenueByRegion(onlyUnknown, stores).Rows.Count.Should().Be(0,
            "store 5 has no region: an inner join leaves its order out");
        Foundations.RevenueByRegion(orders, stores);
        orders.Columns.Count.Should().Be(3, "the caller's orders frame must not gain a Revenue column");
        orders.Rows.Count.Should().Be(8, "the caller's orders frame must keep its refunds");
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter_and_the_problem()
    {
        FluentActions.Invoking(() => Foundations.SampleCovariance(Matrix<double>.Build.Dense(1, 3)))
            .Should().Throw<ArgumentException>().WithParameterName("data")
            .Where(e => e.Message.Contains("two", StringComparison.OrdinalIgnoreCase) || e.Message.Contains('2'), "the message says that two rows are needed");
        FluentActions.Invoking(() => Foundations.Project(null!, Vector<double>.Build.Dense(2, 1))).Should().Throw<ArgumentNullException>().WithParameterName("v");
        FluentActions.Invoking(() => Foundations.Project(Vector<double>.Build.Dense(2, 1), null!)).Should().Throw<ArgumentNullException>().WithParameterName("onto");
        FluentActions.Invoking(() => Foundations.Project(Vector<double>.Build.Dense(2, 5.0), Vector<double>.Build.Dense(3, 2.0)))
            .Should().Throw<ArgumentException>().WithParameterName("onto")
            .Where(e => Regex.IsMatch(e.Message, @"\b2\b.*\b3\b"), "the message gives both lengths, 2 and 3");
        FluentActions.Invoking(() => Foundations.Project(Vector<double>.Build.Dense(2, 1), Vector<double>.Build.Dense(2)))
            .Should().Throw<ArgumentException>().WithParameterName("onto")
            .Where(e => e.Message.Contains("zero", StringComparison.OrdinalIgnoreCase), "the message says the vector is zero");
        (DataFrame orders, DataFrame stores) = SampleShop();
        FluentActions.Invoking(() => Foundations.RevenueByRegion(null!, stores)).Should().Throw<ArgumentNullException>().WithParameterName("orders");
        FluentActions.Invoking(() => Foundations.RevenueByRegion(orders, null!)).Should().Throw<ArgumentNullException>().WithParameterName("stores");
    }

    [KataFact]
    public void No_sales_still_give_the_two_named_columns()
    {
        (DataFrame orders, DataFrame stores) = SampleShop();
        DataFrame refunds = orders.Filter(orders["Quantity"].ElementwiseLessThan(1));

        DataFrame revenue = Foundations.RevenueByRegion(refunds, stores);

        revenue.Rows.Count.Should().Be(0, "refunds and zero quantities are no sales");
        revenue.Columns.Select(c => c.Name).Should().Equal(["Region", "Revenue"], "an empty result has the same two columns as any other");
    }

    private static (DataFrame Orders, DataFrame Stores) SampleShop()
    {
        var orders = new DataFrame(
            new Int32DataFrameColumn("StoreId", [1, 2, 1, 3, 2, 4, 1, 5]),
            new Int32DataFrameColumn("Quantity", [2, 3, 1, -2, 0, 1, 4, 9]),
            new DoubleDataFrameColumn("UnitPrice", [10, 7, 5, 7, 100, 12.5, 2.5, 1]));
        var stores = new DataFrame(
            new Int32DataFrameColumn("StoreId", [1, 2, 3, 4]),
            new StringDataFrameColumn("Region", ["North", "South", "South", "East"]));
        return (orders, stores);
    }
}
