using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics;

/// <summary>
/// Exercise 6.4: standardisation learned on the training rows and applied, unchanged, to any rows.
/// </summary>
/// <remarks>
/// Like scikit-learn's <c>StandardScaler</c>: <see cref="Scale"/> is the population standard deviation
/// (divide by n, not n − 1) of each training column, and a constant column gets the scale 1 so that it
/// becomes 0 instead of NaN.
/// </remarks>
public sealed class StandardScaler
{
    private StandardScaler(Vector<double> mean, Vector<double> scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>The mean of each training column.</summary>
    public Vector<double> Mean { get; }

    /// <summary>The population standard deviation of each training column, 1 where it is 0.</summary>
    public Vector<double> Scale { get; }

    /// <summary>Learns the mean and the scale of each column of <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="train"/> has no rows.</exception>
    public static StandardScaler Fit(Matrix<double> train)
    {
        ArgumentNullException.ThrowIfNull(train);

        // TODO: learn the mean and the population standard deviation of each column (1 for a constant column).
        throw new NotImplementedException("Exercise 6.4 (StandardScaler.Fit) is not solved yet. Hint: dotnet run --project grader -- hint 6.4");
    }

    /// <summary>(x − mean) / scale per column, with the statistics of the training rows: never of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has another number of columns than the training rows.</exception>
    public Matrix<double> Transform(Matrix<double> data)
    {
        ArgumentNullException.ThrowIfNull(data);

        if (data.ColumnCount != Mean.Count)
        {
            throw new ArgumentException($"The scaler was fitted on {Mean.Count} columns, not {data.ColumnCount}.", nameof(data));
        }

        // TODO: scale with the statistics learned by Fit, never with statistics of data.
        throw new NotImplementedException("Exercise 6.4 (StandardScaler.Transform) is not solved yet. Hint: dotnet run --project grader -- hint 6.4");
    }
}

/// <summary>Exercise 6.4: min–max scaling to [0, 1] learned on the training rows (scikit-learn's <c>MinMaxScaler</c>).</summary>
public sealed class MinMaxScaler
{
    private MinMaxScaler(Vector<double> min, Vector<double> range)
    {
        Min = min;
        Range = range;
    }

    /// <summary>The smallest value of each training column.</summary>
    public Vector<double> Min { get; }

    /// <summary>max − min of each training column, 1 where it is 0 (a constant column maps to 0).</summary>
    public Vector<double> Range { get; }

    /// <summary>Learns the minimum and the range of each column of <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="train"/> has no rows.</exception>
    public static MinMaxScaler Fit(Matrix<double> train)
    {
        ArgumentNullException.ThrowIfNull(train);

        // TODO: learn the minimum and the range of each column (1 for a constant column).
        throw new NotImplementedException("Exercise 6.4 (MinMaxScaler.Fit) is not solved yet. Hint: dotnet run --project grader -- hint 6.4");
    }

    /// <summary>(x − min) / range per column; test rows may fall outside [0, 1], and that is information, not an error.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has another number of columns than the training rows.</exception>
    public Matrix<double> Transform(Matrix<double> data)
    {
        ArgumentNullException.ThrowIfNull(data);

        if (data.ColumnCount != Min.Count)
        {
            throw new ArgumentException($"The scaler was fitted on {Min.Count} columns, not {data.ColumnCount}.", nameof(data));
        }

        // TODO: scale with the minimum and range learned by Fit.
        throw new NotImplementedException("Exercise 6.4 (MinMaxScaler.Transform) is not solved yet. Hint: dotnet run --project grader -- hint 6.4");
    }
}

/// <summary>Exercise 6.4: a log transform and outliers by the interquartile range.</summary>
public static class Transforms
{
    /// <summary>ln(1 + x) for every value: compresses a long right tail, keeps 0 at 0.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or NaN (amounts and counts only).</exception>
    public static double[] Log1p(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // TODO: ln(1 + x) of every value; reject a negative value or NaN.
        throw new NotImplementedException("Exercise 6.4 (Transforms.Log1p) is not solved yet. Hint: dotnet run --project grader -- hint 6.4");
    }

    /// <summary>
    /// The Tukey fences Q1 − k·IQR and Q3 + k·IQR, and the indices (ascending) of the values outside them.
    /// Q1 and Q3 are the linear-interpolation quantiles (Hyndman and Fan's definition 7, numpy's default).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public static (double Lower, double Upper, int[] Outliers) IqrOutliers(IReadOnlyList<double> values, double k = 1.5)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        // TODO: compute the quartiles by definition 7 (linear interpolation) yourself, then the fences and the
        // indices of the values outside them.
        throw new NotImplementedException("Exercise 6.4 (Transforms.IqrOutliers) is not solved yet. Hint: dotnet run --project grader -- hint 6.4");
    }
}
