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

        // TODO: compute the covariance of every pair of columns with whole-matrix operations (no loop over
        // pairs of columns). Divide by n − 1: the sample estimator, not the population one.
        throw new NotImplementedException("Exercise 6.1 (Foundations.SampleCovariance) is not solved yet. Hint: dotnet run --project grader -- hint 6.1");
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

        // TODO: return the component of v along onto.
        throw new NotImplementedException("Exercise 6.1 (Foundations.Project) is not solved yet. Hint: dotnet run --project grader -- hint 6.1");
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

        // TODO: express the whole computation with DataFrame operations (no loop over rows), and leave the
        // caller's frames as they were.
        throw new NotImplementedException("Exercise 6.1 (Foundations.RevenueByRegion) is not solved yet. Hint: dotnet run --project grader -- hint 6.1");
    }
}
