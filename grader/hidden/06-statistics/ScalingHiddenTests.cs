using Katas.Statistics.Tests;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.4")]
public sealed class ScalingHiddenTests
{
    [KataFact]
    public void Transforming_one_row_uses_the_training_statistics()
    {
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays([0.0, 10.0], [2.0, 10.0], [4.0, 10.0]);
        Matrix<double> one = Matrix<double>.Build.DenseOfRowArrays([4.0, 12.0]);

        StandardScaler.Fit(train).Transform(one).Row(0).ToArray().Should().Equal([2 / Math.Sqrt(8.0 / 3), 2.0],
            "one row has no spread of its own: (4 − 2) / √(8/3) with the training mean and population sd; the constant column has scale 1");
        MinMaxScaler.Fit(train).Transform(one).Row(0).ToArray().Should().Equal([1.0, 2.0],
            "the constant training column has range 1, so 12 maps to 12 − 10 = 2");
    }

    [KataFact]
    public void Fitted_statistics_do_not_change_with_the_rows_transformed()
    {
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("scaling.train"));
        StandardScaler scaler = StandardScaler.Fit(train);
        Matrix<double> shifted = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("scaling.test")) + 1000;

        Matrix<double> scaled = scaler.Transform(shifted);

        scaled[0, 0].Should().BeGreaterThan(100, "rows far from the training data stay far after scaling: nothing is refitted on them");
        FluentActions.Invoking(() => scaler.Transform(Matrix<double>.Build.Dense(1, 2))).Should().Throw<ArgumentException>("the scaler was fitted on 3 columns");
        FluentActions.Invoking(() => StandardScaler.Fit(Matrix<double>.Build.Dense(0, 2))).Should().Throw<ArgumentException>();
    }

    [KataFact]
    public void Log1p_rejects_negative_values_and_NaN()
    {
        FluentActions.Invoking(() => Transforms.Log1p([1, -0.5])).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Transforms.Log1p([double.NaN])).Should().Throw<ArgumentOutOfRangeException>();
        Transforms.Log1p([]).Should().BeEmpty();
    }

    [KataFact]
    public void Iqr_fences_on_a_small_even_sample_and_a_custom_k()
    {
        // Sorted: −20, 1, 2, ..., 8, 30. Q1 at position 2.25 is 2.25, Q3 at 6.75 is 6.75, IQR 4.5.
        (double lower, double upper, int[] outliers) = Transforms.IqrOutliers([8, 1, 2, 3, 4, 5, 6, 7, 30, -20], k: 3);

        lower.Should().BeApproximately(2.25 - (3 * 4.5), 1e-12, "Q1 of the ten values is 2.25 (position 2.25 of the sorted values): definition 7");
        upper.Should().BeApproximately(6.75 + (3 * 4.5), 1e-12);
        outliers.Should().Equal([8, 9], "30 and −20 are beyond the fences, found at indices 8 and 9 of the input (not of the sorted values)");
        FluentActions.Invoking(() => Transforms.IqrOutliers([])).Should().Throw<ArgumentException>();
    }

    [KataFact]
    public void Bad_arguments_name_the_parameter_and_the_problem()
    {
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays([0.0, 10.0], [2.0, 10.0]);
        Matrix<double> empty = Matrix<double>.Build.Dense(0, 2);
        Matrix<double> three = Matrix<double>.Build.Dense(1, 3);
        StandardScaler standard = StandardScaler.Fit(train);
        MinMaxScaler minMax = MinMaxScaler.Fit(train);

        FluentActions.Invoking(() => StandardScaler.Fit(null!)).Should().Throw<ArgumentNullException>().WithParameterName("train");
        FluentActions.Invoking(() => MinMaxScaler.Fit(null!)).Should().Throw<ArgumentNullException>().WithParameterName("train");
        FluentActions.Invoking(() => StandardScaler.Fit(empty)).Should().Throw<ArgumentException>().WithParameterName("train").WithMessage("*rows*");
        FluentActions.Invoking(() => MinMaxScaler.Fit(empty)).Should().Throw<ArgumentException>("no rows have no minimum").WithParameterName("train").WithMessage("*rows*");
        FluentActions.Invoking(() => standard.Transform(null!)).Should().Throw<ArgumentNullException>().WithParameterName("data");
        FluentActions.Invoking(() => minMax.Transform(null!)).Should().Throw<ArgumentNullException>().WithParameterName("data");
        FluentActions.Invoking(() => standard.Transform(three)).Should().Throw<ArgumentException>().WithParameterName("data").WithMessage("*columns*");
        FluentActions.Invoking(() => minMax.Transform(three)).Should().Throw<ArgumentException>().WithParameterName("data").WithMessage("*columns*");
        FluentActions.Invoking(() => Transforms.Log1p(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Transforms.Log1p([1, -0.5])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("values").Where(e => Equals(e.ActualValue, -0.5), "the exception carries the offending value");
        FluentActions.Invoking(() => Transforms.IqrOutliers(null!)).Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => Transforms.IqrOutliers([1, 2, 3], k: -1)).Should().Throw<ArgumentOutOfRangeException>("negative k puts the lower fence above the upper").WithParameterName("k");
        FluentActions.Invoking(() => Transforms.IqrOutliers([1, double.NaN, 3])).Should().Throw<ArgumentException>("a NaN has no place among the quartiles").WithParameterName("values").WithMessage("*NaN*");
        FluentActions.Invoking(() => Transforms.IqrOutliers([])).Should().Throw<ArgumentException>().WithParameterName("values");
    }

    [KataFact]
    public void Zero_is_a_count_and_a_value_on_a_fence_is_not_an_outlier()
    {
        Transforms.Log1p([0]).Should().Equal([0.0], "0 is the commonest count: ln(1 + 0) = 0");

        // Sorted 0, 1, 2, 3, 4, 10: Q1 = 1.25, Q3 = 3.75, IQR = 2.5; with k = 1 the fences are −1.25 and 6.25.
        (double lower, double upper, int[] outliers) = Transforms.IqrOutliers([10, 0, 1, 2, 3, 4], k: 1);
        lower.Should().Be(-1.25);
        upper.Should().Be(6.25);
        outliers.Should().Equal([0]);
        // Sorted −1, 1, 1, 1, 3, 3, 3, 5: Q1 = 1, Q3 = 3, so with k = 1 the fences are −1 and 5, the extremes themselves.
        Transforms.IqrOutliers([5, 1, 3, -1, 1, 3, 1, 3], k: 1).Outliers.Should().BeEmpty("a value on a fence is inside it: outliers lie strictly beyond");
        Transforms.IqrOutliers([5], k: 0).Outliers.Should().BeEmpty("one value is its own quartiles");
    }
}
