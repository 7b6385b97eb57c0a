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

    [KataFact]
    public void R_squared_of_large_close_values_keeps_its_digits()
    {
        double[] y = [1e8 + 1, 1e8 + 3, 1e8 + 2, 1e8 + 5, 1e8 + 4];

        RegressionFit fit = Regression.Simple([1, 2, 3, 4, 5], y);

        fit.RSquared.Should().BeApproximately(0.64, 1e-6,
            "RSS = 3.6 and TSS = 10: sum the squared deviations from the mean, Σy² − n·ȳ² cancels to noise at 1e8");
        fit.Coefficients[1].Should().BeApproximately(0.8, 1e-6, "y's 1e8 costs about eight of the sixteen digits of Qᵀy");
    }

    [KataFact]
    public void A_column_equal_to_another_up_to_rounding_noise_is_dependent()
    {
        // z differs from x by 5e-11 in each row, a part in 10^13 of its size: R's diagonal entry for z, the part
        // of z that the intercept and x do not explain, is about 1e-10, next to z's length of about 5477.
        double[] x = [1000, 2000, 3000, 4000];
        double[] z = [1000 + 5e-11, 2000 - 5e-11, 3000 - 5e-11, 4000 + 5e-11];

        FluentActions.Invoking(() => Regression.Multiple(Matrix<double>.Build.DenseOfColumnArrays(x, z), [1, 3, 2, 5]))
            .Should().Throw<ArgumentException>("zero, relative to the largest entry of R's diagonal, is a dependent column")
            .WithParameterName("design")
            .Where(e => Regex.IsMatch(e.Message, @"\b2\b"), "the message names column 2 of the design");
    }

    [KataFact]
    public void Dependence_is_judged_column_by_column_not_against_the_largest_column()
    {
        double[] x = [1e13, 2e13, 3e13, 4e13];

        RegressionFit fit = Regression.Simple(x, [1, 2, 4, 3]);

        fit.Coefficients[1].Should().BeApproximately(0.8e-13, 1e-25, "a predictor in units of 1e13 (a GDP in dollars) is no reason to call the intercept dependent");
        FluentActions.Invoking(() => Regression.Multiple(Matrix<double>.Build.DenseOfColumnArrays([1.0, 2.0, 3.0], [0.0, 0.0, 0.0]), [1, 2, 4]))
            .Should().Throw<ArgumentException>("a column of zeros explains nothing: its coefficient is not determined").WithParameterName("design")
            .Where(e => Regex.IsMatch(e.Message, @"\b2\b"), "the message names column 2 of the design");
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter_and_the_problem()
    {
        double[] three = [1, 2, 3];
        Matrix<double> design = Matrix<double>.Build.DenseOfColumnArrays([1.0, 1.0, 1.0], [1.0, 2.0, 4.0]);

        FluentActions.Invoking(() => Regression.Simple(null!, three)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => Regression.Simple(three, null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => Regression.Multiple(null!, three)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => Regression.Multiple(Matrix<double>.Build.Dense(3, 1), null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => Regression.Polynomial(null!, three, 1)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => Regression.Polynomial(three, null!, -1)).Should().Throw<ArgumentNullException>("nulls are checked first").WithParameterName("y");
        FluentActions.Invoking(() => Regression.Polynomial(three, three, -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("degree");
        FluentActions.Invoking(() => Regression.LeastSquares(null!, three)).Should().Throw<ArgumentNullException>().WithParameterName("design");
        FluentActions.Invoking(() => Regression.LeastSquares(design, null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => Regression.LeastSquares(design, [1, 2]))
            .Should().Throw<ArgumentException>().WithParameterName("y")
            .Where(e => Regex.IsMatch(e.Message, @"\b3\b") && Regex.IsMatch(e.Message, @"\b2\b"), "the message gives both lengths, 3 rows and 2 values");
        FluentActions.Invoking(() => Regression.Polynomial(three, three, degree: 3))
            .Should().Throw<ArgumentException>("4 coefficients from 3 points").WithParameterName("design")
            .Where(e => Regex.IsMatch(e.Message, @"\b3\b") && Regex.IsMatch(e.Message, @"\b4\b"), "the message gives the 3 rows and the 4 columns");
        FluentActions.Invoking(() => Regression.LeastSquares(Matrix<double>.Build.DenseOfColumnArrays([2.0, 1.0, 1.0], [1.0, 2.0, 4.0]), three))
            .Should().Throw<ArgumentException>().WithParameterName("design")
            .Where(e => e.Message.Contains("intercept", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("ones", StringComparison.OrdinalIgnoreCase),
                "the message says that the first column is the intercept, all ones");
    }
}
