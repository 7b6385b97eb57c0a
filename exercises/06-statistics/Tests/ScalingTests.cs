using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.Tests;

[Exercise("6.4", "Scale on the training rows, log, and IQR outliers", Points = 10, StudentFiles = "Scaling.cs", Hint = """
    A scaler is a tiny model: Fit learns numbers from the training rows, Transform applies those same
    numbers to any rows. If Transform looked at the rows it is given, the test set would decide its own
    preprocessing: information leaks from test into train, and the scores you report are too good.
    Which standard deviation does scikit-learn's StandardScaler use, n or n − 1? What should a constant
    column become? Why ln(1 + x) and not ln(x) for counts?
    """, MoreHint = """
    Matrix.ColumnSums, Matrix.Column(j), Vector.Minimum and Maximum; MapIndexed applies a function of
    (row, column, value). Tukey's fences are Q1 − k·IQR and Q3 + k·IQR with the quartiles of definition 7:
    position (n − 1)p in the sorted values, interpolated.
    """, Recap = """
    Preprocessing is part of the model: fit it on the training rows only and reuse it unchanged. A log
    compresses a long tail; IQR fences flag outliers without being moved by them.
    """)]
public sealed class ScalingTests
{
    [KataFact]
    public void Standard_scaler_learns_on_train_and_applies_the_same_numbers_to_test()
    {
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("scaling.train"));
        Matrix<double> test = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("scaling.test"));

        StandardScaler scaler = StandardScaler.Fit(train);
        Matrix<double> scaled = scaler.Transform(test);

        scaler.Mean.ToArray().Should().BeEquivalentTo(Reference.Numbers("scaling.standardMean"), o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
        scaler.Scale.ToArray().Should().BeEquivalentTo(Reference.Numbers("scaling.standardScale"), o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>(),
            "scikit-learn divides by n (the population standard deviation) and uses 1 for a constant column (the third one)");
        AssertMatrix(scaled, Reference.Rows("scaling.standardTest"),
            "the test rows are scaled with the training mean and scale: a Transform that recomputes them from its own rows leaks the test set into the preprocessing");
    }

    [KataFact]
    public void Min_max_scaler_maps_the_training_range_and_lets_test_rows_fall_outside()
    {
        Matrix<double> train = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("scaling.train"));
        Matrix<double> test = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("scaling.test"));

        AssertMatrix(MinMaxScaler.Fit(train).Transform(test), Reference.Rows("scaling.minMaxTest"),
            "(x − train min) / (train max − train min); a test value beyond the training range falls outside [0, 1]");
        Matrix<double> ownRange = MinMaxScaler.Fit(train).Transform(train);
        ownRange.Column(0).Minimum().Should().Be(0);
        ownRange.Column(0).Maximum().Should().Be(1);
    }

    [KataFact]
    public void Log1p_keeps_zero_and_iqr_flags_the_values_beyond_the_fences()
    {
        Transforms.Log1p([0, Math.E - 1, 99]).Should().Equal([0, 1, Math.Log(100)], "ln(1 + x): 0 stays 0, where ln(0) would be −∞");

        (double lower, double upper, int[] outliers) = Transforms.IqrOutliers(Reference.Numbers("scaling.skewed"));

        double q1 = Reference.Number("scaling.q1"), q3 = Reference.Number("scaling.q3");
        lower.Should().BeApproximately(q1 - (1.5 * (q3 - q1)), 1e-9, "the quartiles are numpy's default (linear, definition 7)");
        upper.Should().BeApproximately(q3 + (1.5 * (q3 - q1)), 1e-9);
        outliers.Should().Equal(Reference.At("scaling.outliers").EnumerateArray().Select(e => e.GetInt32()), "the indices of the values outside the fences, ascending");
    }

    internal static void AssertMatrix(Matrix<double> actual, double[][] expected, string because)
    {
        actual.RowCount.Should().Be(expected.Length);
        actual.ColumnCount.Should().Be(expected[0].Length);
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                actual[i, j].Should().BeApproximately(expected[i][j], 1e-9, $"entry ({i}, {j}): {because}");
            }
        }
    }
}
