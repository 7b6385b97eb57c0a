using Microsoft.Data.Analysis;

namespace Katas.Statistics;

/// <summary>What to do with the missing (null) values of one column.</summary>
public enum FillPolicy
{
    /// <summary>Drop every row in which this column is missing.</summary>
    DropRow,

    /// <summary>Fill with the arithmetic mean of the column's present values (double columns only).</summary>
    Mean,

    /// <summary>Fill with the median of the present values: the middle one, or the mean of the two middle ones (double columns only).</summary>
    Median,

    /// <summary>Fill with the most frequent present value; on a tie, the smallest (ordinal order for strings), as pandas' <c>mode()[0]</c>.</summary>
    Mode,
}

/// <summary>Exercise 6.3: missing values, one policy per column.</summary>
public static class MissingValues
{
    /// <summary>
    /// A copy of <paramref name="frame"/> with the policies applied: first every <see cref="FillPolicy.DropRow"/>
    /// column drops its incomplete rows, then the fill values are computed on the rows that remain and the
    /// other policies fill their columns. Columns without a policy are copied as they are, nulls included.
    /// <paramref name="frame"/> itself is not changed.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A policy names a column the frame does not have, or asks a mean or a
    /// median of a column that is not of type double.</exception>
    /// <exception cref="InvalidOperationException">A column to fill has no present value to compute its fill value from
    /// (a column left without rows by the drops has nothing to fill, and is no error).</exception>
    public static DataFrame Impute(DataFrame frame, IReadOnlyDictionary<string, FillPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(policies);
        foreach ((string name, FillPolicy policy) in policies)
        {
            if (frame.Columns.IndexOf(name) < 0)
            {
                throw new ArgumentException($"The frame has no column '{name}'.", nameof(policies));
            }

            if (policy is FillPolicy.Mean or FillPolicy.Median && frame[name] is not PrimitiveDataFrameColumn<double>)
            {
                throw new ArgumentException($"A {policy} fill needs a double column; '{name}' holds {frame[name].DataType.Name}.", nameof(policies));
            }
        }

        // Drop first, so that the statistics describe the rows that are kept (pandas: dropna, then fillna).
        // Filter returns a new frame; with no rows to drop, Clone does, so the caller's frame is never touched.
        var keep = new PrimitiveDataFrameColumn<bool>("keep", Enumerable.Repeat(true, checked((int)frame.Rows.Count)));
        foreach ((string name, FillPolicy policy) in policies)
        {
            if (policy == FillPolicy.DropRow)
            {
                DataFrameColumn column = frame[name];
                for (long row = 0; row < column.Length; row++)
                {
                    if (column[row] is null)
                    {
                        keep[row] = false;
                    }
                }
            }
        }

        DataFrame result = frame.Filter(keep);
        foreach ((string name, FillPolicy policy) in policies)
        {
            if (policy == FillPolicy.DropRow)
            {
                continue;
            }

            DataFrameColumn column = result[name];
            if (column.NullCount == 0)
            {
                continue;
            }

            object fill = policy switch
            {
                FillPolicy.Mean => Mean(Present<double>(column, name)),
                FillPolicy.Median => Median(Present<double>(column, name)),
                _ => Mode(Present<object>(column, name)),
            };
            result[name] = column.FillNulls(fill, inPlace: false);
        }

        return result;
    }

    private static List<T> Present<T>(DataFrameColumn column, string name)
    {
        var values = new List<T>();
        for (long row = 0; row < column.Length; row++)
        {
            if (column[row] is T value)
            {
                values.Add(value);
            }
        }

        return values.Count > 0
            ? values
            : throw new InvalidOperationException($"Column '{name}' has no present value to compute a fill value from.");
    }

    // The mean of the present values only: counting a null as 0 would pull the mean towards 0.
    private static double Mean(List<double> values) => values.Sum() / values.Count;

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static object Mode(List<object> values)
    {
        // Group equal values, take the largest group, and break ties by the smallest value so that the answer
        // does not depend on the order of the rows.
        return values
            .GroupBy(v => v)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, Comparer<object>.Create(CompareValues))
            .First().Key;
    }

    private static int CompareValues(object a, object b) =>
        a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : Comparer<object>.Default.Compare(a, b);
}
