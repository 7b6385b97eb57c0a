// Mistake: dividing by n − 1 is not what StandardScaler does: it scales by the population standard deviation.
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
        if (train.RowCount == 0)
        {
            throw new ArgumentException("Cannot fit a scaler on no rows.", nameof(train));
        }

        Vector<double> mean = train.ColumnSums() / train.RowCount;
        Vector<double> scale = Vector<double>.Build.Dense(train.ColumnCount, j =>
        {
            Vector<double> centred = train.Column(j) - mean[j];
            double sd = Math.Sqrt(centred.DotProduct(centred) / (train.RowCount - 1)); // bug
            return sd == 0 ? 1 : sd;
        });
        return new StandardScaler(mean, scale);
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

        // The test rows are scaled with the training statistics: refitting here would let the test set
        // shape its own preprocessing, information a model in production never has.
        return data.MapIndexed((_, j, x) => (x - Mean[j]) / Scale[j]);
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
        if (train.RowCount == 0)
        {
            throw new ArgumentException("Cannot fit a scaler on no rows.", nameof(train));
        }

        Vector<double> min = Vector<double>.Build.Dense(train.ColumnCount, j => train.Column(j).Minimum());
        Vector<double> range = Vector<double>.Build.Dense(train.ColumnCount, j =>
        {
            double r = train.Column(j).Maximum() - min[j];
            return r == 0 ? 1 : r;
        });
        return new MinMaxScaler(min, range);
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

        return data.MapIndexed((_, j, x) => (x - Min[j]) / Range[j]);
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

        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            double x = values[i];
            if (!(x >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(values), x, $"Value {i} is {x}: the log transform here is for amounts and counts, which are never negative.");
            }

            // ln(1 + x), not ln(x): zero is common in counts, and ln(0) is −∞. For tiny x, 1 + x rounds, so
            // the series x − x²/2 would be more exact; Math.Log(1 + x) is within 1e-16 absolute, enough here.
            result[i] = Math.Log(1 + x);
        }

        return result;
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
        if (values.Count == 0 || values.Any(double.IsNaN))
        {
            throw new ArgumentException("The values must be non-empty and hold no NaN.", nameof(values));
        }

        double[] sorted = [.. values.Order()];
        double q1 = LinearQuantile(sorted, 0.25);
        double q3 = LinearQuantile(sorted, 0.75);
        double lower = q1 - (k * (q3 - q1));
        double upper = q3 + (k * (q3 - q1));
        int[] outliers = [.. Enumerable.Range(0, values.Count).Where(i => values[i] < lower || values[i] > upper)];
        return (lower, upper, outliers);
    }

    // Definition 7: the value at position h = (n − 1)p of the sorted values (0-based), interpolating linearly
    // between its two neighbours. (6.6 compares it with the other definitions.)
    private static double LinearQuantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }
}
