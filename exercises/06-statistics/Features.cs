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

        // TODO: the distinct non-null values, in ordinal order.
        throw new NotImplementedException("Exercise 6.5 (Features.Categories) is not solved yet. Hint: dotnet run --project grader -- hint 6.5");
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

        // TODO: one row per value, one column per category; unknown values give a row of zeros.
        throw new NotImplementedException("Exercise 6.5 (Features.OneHot) is not solved yet. Hint: dotnet run --project grader -- hint 6.5");
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

        // TODO: validate the edges, then find each value's bin as documented above.
        throw new NotImplementedException("Exercise 6.5 (Features.Bin) is not solved yet. Hint: dotnet run --project grader -- hint 6.5");
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

        // TODO: build every product of total degree 1 to degree, in scikit-learn's order (see the summary).
        throw new NotImplementedException("Exercise 6.5 (Features.Polynomial) is not solved yet. Hint: dotnet run --project grader -- hint 6.5");
    }

    /// <summary>Year, month, day, day of the week (Monday = 0), day of the year (1 January = 1) and whether it is a Saturday or a Sunday.</summary>
    public static DateParts PartsOf(DateOnly date)
    {
        // TODO: the parts of the date, the week counted from Monday = 0.
        throw new NotImplementedException("Exercise 6.5 (Features.PartsOf) is not solved yet. Hint: dotnet run --project grader -- hint 6.5");
    }
}
