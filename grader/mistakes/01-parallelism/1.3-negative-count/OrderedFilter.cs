// Mistake: A negative count can be left to Take; it quietly returns nothing instead of reporting the caller's mistake.
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

        // A source that is not a list is handed out to the workers in chunks, as they ask for more, so the
        // matches reach the merge interleaved. AsOrdered tags every element with its source position and
        // the merge puts the matches back in that order. It costs some buffering; leave it out when the
        // order does not matter.
        return source.AsParallel().AsOrdered().Where(predicate).ToArray();
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
        // bug: count is not checked; Take(-1) returns an empty array

        // AsOrdered must come before Where and Take: it makes Take(count) mean "the count matches with the
        // lowest source positions". Without it Take keeps the first count matches the workers happen to
        // produce: the right number of matches, not the earliest ones. Ordered Take also lets each worker
        // stop once it is past the positions already known to be in the answer, so the source is not read
        // to its end. Filter(source, predicate).Take(count) gives the same answer after testing everything.
        return source.AsParallel().AsOrdered().Where(predicate).Take(count).ToArray();
    }
}
