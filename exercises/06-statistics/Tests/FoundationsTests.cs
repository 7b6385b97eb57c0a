using MathNet.Numerics.LinearAlgebra;
using Microsoft.Data.Analysis;

namespace Katas.Statistics.Tests;

[Exercise("6.1", "Vectors, matrices and a DataFrame", Points = 10, Hint = """
    Two tools carry this module. A Math.NET matrix holds one observation per row and one variable per
    column; most statistics are a few whole-matrix operations on it, not loops over elements. A DataFrame
    holds named, typed columns, and its operations (filter, compute a column, join, group, sort) each
    return a new frame. Covariance: what do you subtract from every column first, and why divide by n − 1?
    Revenue by region: which rows must go before anything is added up?
    """, MoreHint = """
    Matrix: ColumnSums, a matrix built from a function of (row, column), TransposeThisAndMultiply.
    DataFrame: ElementwiseGreaterThan gives a boolean column for Filter; column arithmetic gives a new column
    to add to Columns; Merge joins on a key column; GroupBy then Sum; OrderByDescending.
    Docs: https://numerics.mathdotnet.com/Matrix and https://learn.microsoft.com/dotnet/machine-learning/how-to-guides/getting-started-dataframe
    """, Recap = """
    A covariance matrix is one product of the centred data with itself, divided by n − 1 (Bessel's
    correction). DataFrame pipelines read as a sentence: filter, derive, join, group, sort.
    """)]
public sealed class FoundationsTests
{
    [KataFact]
    public void Sample_covariance_matches_numpy_cov()
    {
        Matrix<double> data = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("foundations.data"));
        double[][] expected = Reference.Rows("foundations.covariance");

        Matrix<double> covariance = Foundations.SampleCovariance(data);

        covariance.RowCount.Should().Be(3, "one row and one column per variable (a column of the data)");
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                covariance[i, j].Should().BeApproximately(expected[i][j], 1e-9 * Math.Max(1, Math.Abs(expected[i][j])),
                    $"entry ({i}, {j}) is Σ (x_i − mean_i)(x_j − mean_j) / (n − 1): the sample covariance divides by n − 1, not n");
            }
        }
    }

    [KataFact]
    public void Projection_onto_a_line_keeps_the_component_along_it()
    {
        Vector<double> v = Vector<double>.Build.DenseOfArray([3, 4, 0]);
        Vector<double> onto = Vector<double>.Build.DenseOfArray([2, 0, 0]);

        Foundations.Project(v, onto).ToArray().Should().Equal([3.0, 0.0, 0.0],
            "the projection is (v·u / u·u) u: the part of v along u, whatever the length of u");
        FluentActions.Invoking(() => Foundations.Project(v, Vector<double>.Build.Dense(3)))
            .Should().Throw<ArgumentException>("the zero vector spans no line to project onto");
    }

    [KataFact]
    public void Revenue_by_region_filters_joins_groups_and_sorts()
    {
        (DataFrame orders, DataFrame stores) = SampleShop();

        DataFrame revenue = Foundations.RevenueByRegion(orders, stores);

        revenue.Columns.Select(c => c.Name).Should().Equal(["Region", "Revenue"], "the result has exactly the two columns Region and Revenue");
        revenue.Rows.Select(r => (string)r[0]).Should().Equal(["North", "South", "East"],
            "largest revenue first: North 2×10 + 1×5 + 4×2.5 = 35, South 3×7 = 21, East 1×12.5");
        revenue.Rows.Select(r => (double)r[1]).Should().Equal([35.0, 21.0, 12.5],
            "revenue is Σ Quantity × UnitPrice over the sales (positive quantities only: -2 is a refund)");
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
