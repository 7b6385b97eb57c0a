using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Katas.Statistics;

/// <summary>An ordinary least-squares fit, with the figures statsmodels' <c>OLS(...).fit()</c> reports.</summary>
/// <param name="Coefficients">β̂, one per column of the design, the intercept first.</param>
/// <param name="StandardErrors">√(σ̂² [(XᵀX)⁻¹]ⱼⱼ) for each coefficient, σ̂² = RSS / (n − p); NaN when n = p.</param>
/// <param name="RSquared">1 − RSS/TSS, TSS the squares about the mean of y (the design has an intercept).</param>
/// <param name="AdjustedRSquared">1 − (1 − R²)(n − 1)/(n − p), p the number of columns including the intercept; NaN when n = p.</param>
/// <param name="Residuals">y − Xβ̂, one per row.</param>
public sealed record RegressionFit(double[] Coefficients, double[] StandardErrors, double RSquared, double AdjustedRSquared, double[] Residuals);

/// <summary>
/// Exercise 6.10: simple, multiple and polynomial linear regression by least squares, solved through a QR
/// factorisation of the design (Math.NET's Householder QR), never by inverting XᵀX.
/// </summary>
/// <remarks>
/// With X = QR (Q n × p with orthonormal columns, R p × p upper triangular), the least-squares β̂ solves
/// Rβ = Qᵀy, and (XᵀX)⁻¹ = R⁻¹R⁻ᵀ. The normal equations XᵀXβ = Xᵀy square the condition number of X: on the
/// Longley data (κ(X) ≈ 5·10⁹) that costs about ten of the sixteen digits a double has.
/// </remarks>
public static class Regression
{
    /// <summary>y = β0 + β1·x + ε.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, there are fewer than 2 points, or x is constant.</exception>
    public static RegressionFit Simple(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Polynomial(x, y, degree: 1);
    }

    /// <summary>y = β0 + β1·x1 + … + βk·xk + ε, with one column of <paramref name="x"/> per predictor (the intercept is added).</summary>
    /// <exception cref="ArgumentException">As for <see cref="LeastSquares"/>.</exception>
    public static RegressionFit Multiple(Matrix<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Matrix<double> design = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount + 1, (i, j) => j == 0 ? 1 : x[i, j - 1]);
        return LeastSquares(design, y);
    }

    /// <summary>y = β0 + β1·x + β2·x² + … + βd·x^d + ε: a linear model in the powers of x.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degree"/> is negative.</exception>
    /// <exception cref="ArgumentException">As for <see cref="LeastSquares"/>.</exception>
    public static RegressionFit Polynomial(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        Matrix<double> design = Matrix<double>.Build.Dense(x.Count, degree + 1, (i, j) => Math.Pow(x[i], j));
        return LeastSquares(design, y);
    }

    /// <summary>The least-squares fit of y on the columns of <paramref name="design"/>, whose first column is the intercept (all ones).</summary>
    /// <exception cref="ArgumentException">
    /// y has another length than the design has rows, there are fewer rows than columns, the first column is not
    /// all ones, or the columns are linearly dependent (a coefficient is not determined; the message names the first
    /// such column). Dependence is judged for each column against its own length, so the units of a predictor do
    /// not matter, and a column equal to a combination of the others up to rounding noise counts as dependent.
    /// </exception>
    public static RegressionFit LeastSquares(Matrix<double> design, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(y);
        int n = design.RowCount, p = design.ColumnCount;
        if (y.Count != n)
        {
            throw new ArgumentException($"The design has {n} rows but y has {y.Count} values.", nameof(y));
        }

        if (p == 0 || n < p)
        {
            throw new ArgumentException($"Least squares needs at least as many rows as coefficients ({n} rows, {p} columns).", nameof(design));
        }

        if (design.Column(0).Any(v => v != 1))
        {
            throw new ArgumentException("The first column of the design is the intercept: all ones.", nameof(design));
        }

        QR<double> qr = design.QR(QRMethod.Thin);
        Matrix<double> r = qr.R;

        // |R[j, j]| is the length of the part of column j that the columns before it do not explain. Zero, relative
        // to the column's own length, means column j is a combination of them: the coefficients are not determined,
        // and solving would divide by rounding noise. Relative to the column, not to the largest entry of the
        // diagonal: a predictor in units of 1e13 (a GDP in dollars) must not make the intercept look dependent.
        int dependent = Enumerable.Range(0, p).FirstOrDefault(j => Math.Abs(r[j, j]) <= 1e-12 * design.Column(j).L2Norm(), -1);
        if (dependent >= 0)
        {
            throw new ArgumentException($"Column {dependent} of the design is a linear combination of the columns before it: the fit is not unique.", nameof(design));
        }

        Vector<double> response = Vector<double>.Build.DenseOfEnumerable(y);

        // β̂ solves Rβ = Qᵀy by back substitution: X itself is factored, XᵀX is never formed.
        Vector<double> beta = qr.Solve(response);
        Vector<double> residuals = response - (design * beta);
        double rss = residuals.DotProduct(residuals);
        double mean = response.Sum() / n;
        double tss = response.Sum(v => (v - mean) * (v - mean));
        double rSquared = 1 - (rss / tss);

        // σ̂² = RSS / (n − p): p coefficients were estimated from the n residuals. With n = p there is
        // nothing left to estimate σ² from (statsmodels gives NaN too).
        double sigma2 = n > p ? rss / (n - p) : double.NaN;
        Matrix<double> rInverse = UpperTriangularInverse(r);
        double[] standardErrors = [.. Enumerable.Range(0, p).Select(j => Math.Sqrt(sigma2 * rInverse.Row(j).DotProduct(rInverse.Row(j))))];
        double adjusted = n > p ? 1 - ((1 - rSquared) * (n - 1) / (n - p)) : double.NaN;
        return new RegressionFit(beta.ToArray(), standardErrors, rSquared, adjusted, residuals.ToArray());
    }

    /// <summary>R⁻¹ by back substitution, column by column: the diagonal of R⁻¹R⁻ᵀ, (XᵀX)⁻¹, is the squared row norms.</summary>
    private static Matrix<double> UpperTriangularInverse(Matrix<double> r)
    {
        int p = r.RowCount;
        Matrix<double> inverse = Matrix<double>.Build.Dense(p, p);
        for (int column = 0; column < p; column++)
        {
            for (int i = column; i >= 0; i--)
            {
                double sum = i == column ? 1 : 0;
                for (int k = i + 1; k <= column; k++)
                {
                    sum -= r[i, k] * inverse[k, column];
                }

                inverse[i, column] = sum / r[i, i];
            }
        }

        return inverse;
    }
}
