using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics;

/// <summary>The calendar features of a date. <paramref name="DayOfWeek"/> counts from Monday = 0 to Sunday = 6 (ISO order, as pandas' <c>dayofweek</c>).</summary>
public readonly record struct DateParts(int Year, int Month, int Day, int DayOfWeek, int DayOfYear, bool IsWeekend);

/// <summary>Exercise 6.5: turning raw columns into the numbers a model can use.</summary>
public static class Features
{
    /// <summary>The distinct values of <paramref name="values"/> in ordinal order: the columns of a one-hot encoding. Nulls are not a category.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static IReadOnlyList<string> Categories(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // Ordinal, not the culture's order: the columns must come out the same on every machine.
        return [.. values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// One row per value and one column per category: 1 in the value's column, 0 elsewhere. A value that is
    /// not among <paramref name="categories"/> (or null) gives a row of zeros, as scikit-learn's
    /// <c>OneHotEncoder(handle_unknown="ignore")</c>: a test set may hold a category the training set never saw.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="categories"/> holds a duplicate.</exception>
    public static Matrix<double> OneHot(IReadOnlyList<string?> values, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(categories);

        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < categories.Count; j++)
        {
            if (!column.TryAdd(categories[j], j))
            {
                throw new ArgumentException($"The category '{categories[j]}' appears twice.", nameof(categories));
            }
        }

        Matrix<double> encoded = Matrix<double>.Build.Dense(values.Count, categories.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is string value && column.TryGetValue(value, out int j))
            {
                encoded[i, j] = 1;
            }
        }

        return encoded;
    }

    /// <summary>
    /// The bin of each value between consecutive <paramref name="edges"/>: bin i is [edges[i], edges[i + 1]),
    /// except the last, which includes its right edge. A value outside the edges, or NaN, gets −1.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two edges, or edges that are not strictly increasing.</exception>
    public static int[] Bin(IReadOnlyList<double> values, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2)
        {
            throw new ArgumentException("At least two edges are needed to make one bin.", nameof(edges));
        }

        for (int i = 1; i < edges.Count; i++)
        {
            if (!(edges[i] > edges[i - 1]))
            {
                throw new ArgumentException($"The edges must increase strictly: edge {i} ({edges[i]}) is not above edge {i - 1} ({edges[i - 1]}).", nameof(edges));
            }
        }

        double[] sortedEdges = [.. edges];
        var bins = new int[values.Count];
        for (int i = 0; i < bins.Length; i++)
        {
            double x = values[i];
            if (!(x >= sortedEdges[0] && x <= sortedEdges[^1]))
            {
                bins[i] = -1;
                continue;
            }

            // Binary search for the last edge <= x; the right end of the last bin is closed.
            int found = Array.BinarySearch(sortedEdges, x);
            int edge = found >= 0 ? found : ~found - 1;
            bins[i] = Math.Min(edge, sortedEdges.Length - 2);
        }

        return bins;
    }

    /// <summary>
    /// Every product of the columns of <paramref name="x"/> of total degree 1 to <paramref name="degree"/>: powers
    /// and interactions, in scikit-learn's <c>PolynomialFeatures(include_bias=False)</c> order (by degree, then
    /// the column indices in non-decreasing order: x0, x1, x0², x0·x1, x1², ...).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degree"/> is less than 1.</exception>
    public static Matrix<double> Polynomial(Matrix<double> x, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);

        var terms = new List<int[]>();
        for (int d = 1; d <= degree; d++)
        {
            AddCombinations(terms, new int[d], 0, 0, x.ColumnCount);
        }

        return Matrix<double>.Build.Dense(x.RowCount, terms.Count, (i, t) =>
        {
            double product = 1;
            foreach (int j in terms[t])
            {
                product *= x[i, j];
            }

            return product;
        });
    }

    /// <summary>Year, month, day, day of the week (Monday = 0), day of the year (1 January = 1) and whether it is a Saturday or a Sunday.</summary>
    public static DateParts PartsOf(DateOnly date)
    {
        // .NET's DayOfWeek counts from Sunday = 0; ISO and pandas count from Monday = 0.
        int dayOfWeek = ((int)date.DayOfWeek + 6) % 7;
        return new DateParts(date.Year, date.Month, date.Day, dayOfWeek, date.DayOfYear, dayOfWeek >= 5);
    }

    // The multisets of `length` column indices, each index >= the one before: combinations with replacement,
    // in lexicographic order.
    private static void AddCombinations(List<int[]> terms, int[] current, int position, int from, int columns)
    {
        if (position == current.Length)
        {
            terms.Add((int[])current.Clone());
            return;
        }

        for (int j = from; j < columns; j++)
        {
            current[position] = j;
            AddCombinations(terms, current, position + 1, j, columns);
        }
    }
}
