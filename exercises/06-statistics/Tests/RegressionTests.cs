using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.Tests;

[Exercise("6.10", "Linear regression by QR: simple, multiple, polynomial", Points = 15, Hint = """
    Least squares picks the coefficients that make the residuals y − Xβ as small as possible in the sum
    of squares. The textbook answer (XᵀX)⁻¹Xᵀy is exact in algebra and poor in floating point: forming
    XᵀX squares the condition number of X. Factor X itself instead. Once β̂ is known, R², adjusted R²
    and the standard errors follow from the residuals. How many degrees of freedom do the residuals keep
    when p coefficients were estimated? What is a polynomial fit, seen as a linear model?
    """, MoreHint = """
    Matrix.QR(QRMethod.Thin) gives X = QR; its Solve does the back substitution Rβ = Qᵀy. The diagonal of
    (XᵀX)⁻¹ is that of R⁻¹R⁻ᵀ: the squared norms of the rows of R⁻¹, and R is triangular. σ̂² = RSS/(n − p);
    a polynomial is a design whose columns are x⁰, x¹, …, x^d. Check R's diagonal for a dependent column.
    """, Recap = """
    Solve least squares by factoring the design (QR), never by inverting XᵀX: on Longley's data the normal
    equations lose digits QR keeps. A polynomial fit is linear regression on powers, and every error
    estimate divides by the residual degrees of freedom n − p.
    """)]
public sealed class RegressionTests
{
    [KataFact]
    public void Simple_regression_matches_statsmodels()
    {
        RegressionFit fit = Regression.Simple(Reference.Numbers("regression.simpleX"), Reference.Numbers("regression.simpleY"));

        AssertFit(fit, "regression.simple", 1e-9);
    }

    [KataFact]
    public void Multiple_regression_adds_the_intercept_and_matches_statsmodels()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("regression.multipleX"));

        RegressionFit fit = Regression.Multiple(x, Reference.Numbers("regression.multipleY"));

        fit.Coefficients.Should().HaveCount(4, "three predictors and the intercept, first");
        AssertFit(fit, "regression.multiple", 1e-9);
    }

    [KataFact]
    public void Polynomial_regression_is_linear_regression_on_powers()
    {
        RegressionFit fit = Regression.Polynomial(Reference.Numbers("regression.polynomialX"), Reference.Numbers("regression.polynomialY"), degree: 3);

        AssertFit(fit, "regression.polynomial", 1e-9);
    }

    [KataFact]
    public void The_ill_conditioned_Longley_design_keeps_its_digits_through_QR()
    {
        double[][] rows = [.. File.ReadAllLines(Reference.PathOf("longley.csv")).Skip(1)
            .Select(line => line.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray())];
        Matrix<double> x = Matrix<double>.Build.Dense(rows.Length, 6, (i, j) => rows[i][j + 1]);
        double[] y = [.. rows.Select(r => r[0])];

        RegressionFit fit = Regression.Multiple(x, y);

        double[] expected = Reference.Numbers("regression.longley.coefficients");
        double condition = Reference.Number("regression.longleyConditionNumber");
        for (int j = 0; j < expected.Length; j++)
        {
            (fit.Coefficients[j] / expected[j]).Should().BeApproximately(1, 1e-10,
                $"coefficient {j} within a relative 1e-10 of statsmodels: the design's condition number is {condition:E1}, so XᵀX has about {condition * condition:E0} and the normal equations lose most of a double's 16 digits; QR keeps about 11");
        }

        double[] se = Reference.Numbers("regression.longley.standardErrors");
        for (int j = 0; j < se.Length; j++)
        {
            (fit.StandardErrors[j] / se[j]).Should().BeApproximately(1, 1e-9, $"standard error {j}");
        }

        fit.RSquared.Should().BeApproximately(Reference.Number("regression.longley.rSquared"), 1e-9);
    }

    private static void AssertFit(RegressionFit fit, string path, double tolerance)
    {
        AssertAll(fit.Coefficients, Reference.Numbers(path + ".coefficients"), tolerance, "coefficient");
        AssertAll(fit.StandardErrors, Reference.Numbers(path + ".standardErrors"), tolerance,
            "standard error: √(σ̂² [(XᵀX)⁻¹]ⱼⱼ) with σ̂² = RSS / (n − p), p counting the intercept");
        fit.RSquared.Should().BeApproximately(Reference.Number(path + ".rSquared"), tolerance, "R² = 1 − RSS/TSS, TSS about the mean of y");
        fit.AdjustedRSquared.Should().BeApproximately(Reference.Number(path + ".adjustedRSquared"), tolerance,
            "adjusted R² = 1 − (1 − R²)(n − 1)/(n − p), p the number of coefficients including the intercept");
        AssertAll(fit.Residuals, Reference.Numbers(path + ".residuals"), tolerance, "residual y − Xβ̂");
    }

    private static void AssertAll(double[] actual, double[] expected, double tolerance, string what)
    {
        actual.Should().HaveCount(expected.Length, what);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].Should().BeApproximately(expected[i], tolerance, $"{what} {i} as statsmodels OLS");
        }
    }
}
