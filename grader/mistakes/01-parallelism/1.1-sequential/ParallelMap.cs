// Mistake: Plain LINQ gives the right results, on one core.
namespace Katas.Parallelism;

/// <summary>Exercise 1.1: map a list in parallel, in one line.</summary>
public static class ParallelMap
{
    /// <summary>
    /// Applies <paramref name="selector"/> to every element of <paramref name="source"/>, spreading the
    /// calls over all cores, and returns the results in the same order as the input.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="AggregateException"><paramref name="selector"/> threw; the inner exceptions say why.</exception>
    public static TResult[] Map<TSource, TResult>(IReadOnlyList<TSource> source, Func<TSource, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selector);

        return source.Select(selector).ToArray(); // bug: sequential
    }
}
