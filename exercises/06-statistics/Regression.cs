using MathNet.Numerics.LinearAlgebra;

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

        // TODO: the straight-line fit.
        throw new NotImplementedException("Exercise 6.10 (Regression.Simple) is not solved yet. Hint: dotnet run --project grader -- hint 6.10");
    }

    /// <summary>y = β0 + β1·x1 + … + βk·xk + ε, with one column of <paramref name="x"/> per predictor (the intercept is added).</summary>
    /// <exception cref="ArgumentException">As for <see cref="LeastSquares"/>.</exception>
    public static RegressionFit Multiple(Matrix<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);

        // TODO: the fit with an intercept and one coefficient per predictor.
        throw new NotImplementedException("Exercise 6.10 (Regression.Multiple) is not solved yet. Hint: dotnet run --project grader -- hint 6.10");
    }

    /// <summary>y = β0 + β1·x + β2·x² + … + βd·x^d + ε: a linear model in the powers of x.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degree"/> is negative.</exception>
    /// <exception cref="ArgumentException">As for <see cref="LeastSquares"/>.</exception>
    public static RegressionFit Polynomial(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(degree);

        // TODO: the fit on the powers of x up to the degree.
        throw new NotImplementedException("Exercise 6.10 (Regression.Polynomial) is not solved yet. Hint: dotnet run --project grader -- hint 6.10");
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

        // TODO: validate as documented; solve by a QR factorisation of the design (never form or invert XᵀX); every figure of RegressionFit.
        throw new NotImplementedException("Exercise 6.10 (Regression.LeastSquares) is not solved yet. Hint: dotnet run --project grader -- hint 6.10");
    }
}
