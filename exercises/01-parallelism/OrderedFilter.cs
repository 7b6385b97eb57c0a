namespace Katas.Parallelism;

/// <summary>Exercise 1.3: filter in parallel and keep the order.</summary>
public static class OrderedFilter
{
    /// <summary>
    /// Tests every element of <paramref name="source"/> with <paramref name="predicate"/>, spreading the
    /// calls over all cores, and returns the elements that pass in the order they have in the source.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="predicate"/> is null.</exception>
    /// <exception cref="AggregateException"><paramref name="predicate"/> threw; the inner exceptions say why.</exception>
    public static T[] Filter<T>(IEnumerable<T> source, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);

        // TODO: one PLINQ query that tests the elements on every core and returns the matches as an array,
        // in source order. Do not sort the results afterwards: ask PLINQ to keep the order.
        throw new NotImplementedException("Exercise 1.3 (OrderedFilter.Filter) is not solved yet. Hint: dotnet run --project grader -- hint 1.3");
    }

    /// <summary>
    /// Returns the first <paramref name="count"/> elements of <paramref name="source"/> that pass
    /// <paramref name="predicate"/>, in source order (all of them if fewer pass), testing elements on every
    /// core. Stops reading the source soon after those matches are known, so it works on very long sequences.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="predicate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="AggregateException"><paramref name="predicate"/> threw; the inner exceptions say why.</exception>
    public static T[] FirstMatches<T>(IEnumerable<T> source, Func<T, bool> predicate, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(predicate);

        // TODO: reject a negative count the way the lines above reject nulls (ArgumentOutOfRangeException has
        // a throw helper too), then write one PLINQ query for the first `count` matches in SOURCE order: not
        // just any `count` matches. Do not filter the whole source first and cut afterwards.
        throw new NotImplementedException("Exercise 1.3 (OrderedFilter.FirstMatches) is not solved yet. Hint: dotnet run --project grader -- hint 1.3");
    }
}
