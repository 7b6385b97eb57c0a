using System.Text.RegularExpressions;
using Katas.Statistics.Tests;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.10")]
public sealed class RegressionHiddenTests
{
    [KataFact]
    public void An_exact_line_is_recovered_with_zero_residuals()
    {
        double[] x = [0, 1, 2, 3, 4, 5];
        double[] y = [.. x.Select(v => 2 + (3 * v))];

        RegressionFit fit = Regression.Simple(x, y);

        fit.Coefficients[0].Should().BeApproximately(2, 1e-12);
        fit.Coefficients[1].Should().BeApproximately(3, 1e-12);
        fit.RSquared.Should().BeApproximately(1, 1e-12);
        fit.Residuals.Should().OnlyContain(r => Math.Abs(r) < 1e-12);
        fit.StandardErrors.Should().OnlyContain(s => s < 1e-6, "no residual spread, no uncertainty");
    }

    [KataFact]
    public void As_many_rows_as_coefficients_leaves_no_degrees_of_freedom()
    {
        RegressionFit fit = Regression.Simple([1, 3], [5, 9]);

        fit.Coefficients[1].Should().BeApproximately(2, 1e-12, "two points determine the line");
        fit.AdjustedRSquared.Should().Be(double.NaN, "n − p = 0: statsmodels gives NaN as well");
        fit.StandardErrors.Should().OnlyContain(s => double.IsNaN(s), "σ̂² = RSS / (n − p) divides by 0");
    }

    [KataFact]
    public void Degree_0_fits_the_mean_and_explains_nothing()
    {
        RegressionFit fit = Regression.Polynomial([1, 2, 3, 4], [2, 4, 7, 3], degree: 0);

        fit.Coefficients.Should().ContainSingle().Which.Should().BeApproximately(4, 1e-12, "the mean of y");
        fit.RSquared.Should().BeApproximately(0, 1e-12);
        fit.StandardErrors[0].Should().BeApproximately(Math.Sqrt(14.0 / 3 / 4), 1e-12, "the standard error of a mean, s/√n");
    }

    [KataFact]
    public void Residuals_are_orthogonal_to_every_column_of_the_design()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("regression.multipleX"));

        RegressionFit fit = Regression.Multiple(x, Reference.Numbers("regression.multipleY"));

        Vector<double> residuals = Vector<double>.Build.DenseOfArray(fit.Residuals);
        residuals.Sum().Should().BeApproximately(0, 1e-9, "with an intercept the residuals sum to 0");
        for (int j = 0; j < x.ColumnCount; j++)
        {
            x.Column(j).DotProduct(residuals).Should().BeApproximately(0, 1e-9, $"Xᵀ(y − Xβ̂) = 0 defines least squares (column {j})");
        }
    }

    [KataFact]
    public void Degenerate_designs_get_a_clear_error()
    {
        Matrix<double> duplicated = Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [4.0, 8.5]);
        Matrix<double> x = Matrix<double>.Build.DenseOfColumnArrays([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]);

        FluentActions.Invoking(() => Regression.Multiple(x, [1, 2, 3, 5])).Should().Throw<ArgumentException>()
            .Where(e => e.Message.Contains("column", StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(e.Message, @"\b2\b"),
                "the second predictor (column 2 of the design, after the intercept) repeats the first: the message names that column");
        FluentActions.Invoking(() => Regression.Multiple(duplicated, [1, 2, 3, 4])).Should().NotThrow("4.0 and 8.5 break the dependence");
        FluentActions.Invoking(() => Regression.Simple([2, 2, 2], [1, 2, 3])).Should().Throw<ArgumentException>("a constant x has no slope");
        FluentActions.Invoking(() => Regression.Polynomial([1, 2, 3], [1, 2, 3], degree: 3)).Should().Throw<ArgumentException>("4 coefficients from 3 points");
        FluentActions.Invoking(() => Regression.Simple([1, 2, 3], [1, 2])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Regression.LeastSquares(Matrix<double>.Build.DenseOfRowArrays([2.0, 1.0], [3.0, 5.0], [1.0, 0.0]), [1, 2, 3]))
            .Should().Throw<ArgumentException>("the first column of a design is the intercept, all ones");
    }
}
