using MathNet.Numerics.LinearAlgebra;
using Microsoft.Data.Analysis;

namespace Katas.Statistics;

/// <summary>
/// Exercise 6.1: the two data structures the module works with. Math.NET's <see cref="Matrix{T}"/> holds
/// numbers a row per observation and a column per variable (ndarray's role in the Rust plan);
/// Microsoft.Data.Analysis' <see cref="DataFrame"/> holds named, typed, nullable columns (polars' role).
/// </summary>
public static class Foundations
{
    /// <summary>
    /// The sample covariance matrix of <paramref name="data"/> (rows are observations, columns variables):
    /// entry (i, j) is Σ (x_i − mean_i)(x_j − mean_j) / (n − 1), the unbiased estimator (Bessel's
    /// correction), as numpy.cov computes by default.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has fewer than two rows.</exception>
    public static Matrix<double> SampleCovariance(Matrix<double> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RowCount < 2)
        {
            throw new ArgumentException("The sample covariance needs at least two observations (rows).", nameof(data));
        }

        // Centre every column on its mean, then one matrix product does all p² sums of products at once:
        // CᵀC / (n − 1). Dividing by n − 1 rather than n corrects for measuring spread around the sample
        // mean, which sits closer to the data than the unknown true mean does.
        Vector<double> means = data.ColumnSums() / data.RowCount;
        Matrix<double> centred = data - Matrix<double>.Build.Dense(data.RowCount, data.ColumnCount, (_, j) => means[j]);
        return centred.TransposeThisAndMultiply(centred) / (data.RowCount - 1);
    }

    /// <summary>
    /// The projection of <paramref name="v"/> onto the line spanned by <paramref name="onto"/>:
    /// (v·u / u·u) u.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The vectors differ in length, or <paramref name="onto"/> is the zero vector.</exception>
    public static Vector<double> Project(Vector<double> v, Vector<double> onto)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(onto);
        if (v.Count != onto.Count)
        {
            throw new ArgumentException($"The vectors differ in length ({v.Count} and {onto.Count}).", nameof(onto));
        }

        double norm2 = onto.DotProduct(onto);
        if (norm2 == 0)
        {
            throw new ArgumentException("Cannot project onto the zero vector: it spans no line.", nameof(onto));
        }

        return onto * (v.DotProduct(onto) / norm2);
    }

    /// <summary>
    /// Revenue per region: the orders with a positive <c>Quantity</c> (refunds are negative and are left out),
    /// joined to <paramref name="stores"/> on <c>StoreId</c>, grouped by the store's <c>Region</c>, with
    /// <c>Revenue</c> = Σ Quantity × UnitPrice. One row per region that has sales, columns <c>Region</c>
    /// (string) and <c>Revenue</c> (double), largest revenue first. Orders of an unknown store are left out;
    /// with no sales (only refunds, say) the result has no rows but the same two columns.
    /// </summary>
    /// <param name="orders">Columns <c>StoreId</c> (int), <c>Quantity</c> (int), <c>UnitPrice</c> (double).</param>
    /// <param name="stores">Columns <c>StoreId</c> (int), <c>Region</c> (string).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DataFrame RevenueByRegion(DataFrame orders, DataFrame stores)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(stores);

        // Filter first: the join and the grouping then touch only the rows that count.
        DataFrame sales = orders.Filter(orders["Quantity"].ElementwiseGreaterThan(0));
        if (sales.Rows.Count == 0)
        {
            // Merge throws on a frame without rows: with nothing sold there is nothing to join.
            return NoSales();
        }

        var revenue = (DoubleDataFrameColumn)(sales["Quantity"] * sales["UnitPrice"]);
        revenue.SetName("Revenue");
        sales.Columns.Add(revenue);

        // An inner join: an order whose store is unknown has no region to count towards.
        DataFrame joined = sales.Merge<int>(stores, "StoreId", "StoreId", joinAlgorithm: JoinAlgorithm.Inner);
        if (joined.Rows.Count == 0)
        {
            // GroupBy over no rows returns a frame without the summed column: answer with the empty shape.
            return NoSales();
        }

        DataFrame totals = joined.GroupBy("Region").Sum("Revenue");
        return new DataFrame(totals["Region"], totals["Revenue"]).OrderByDescending("Revenue");
    }

    private static DataFrame NoSales() => new(new StringDataFrameColumn("Region"), new DoubleDataFrameColumn("Revenue"));
}
