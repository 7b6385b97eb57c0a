namespace Katas.Parallelism;

/// <summary>
/// Exercise 1.4: what a worker knows about its share of the values, in a form that two workers can
/// combine: count, sum, minimum and maximum.
/// </summary>
/// <remarks>
/// <para>
/// A parallel reduce splits the values into parts of unknown, uneven sizes, summarizes each part, then
/// combines the partial summaries in whatever grouping the workers finish in. The answer is the same
/// for every split only if <see cref="Combine"/> is associative and <see cref="Empty"/> is its identity.
/// </para>
/// <para>
/// That is why a summary carries the count and the sum, not the mean: the mean of [1] and [2, 3] is 2,
/// but the mean of their means, (1 + 2.5) / 2, is 1.75. Averaging averages is not associative.
/// </para>
/// <para>
/// NaN: a NaN value makes <see cref="Sum"/>, <see cref="Min"/>, <see cref="Max"/> and <see cref="Mean"/>
/// NaN, whatever the order of combining (Math.Min and Math.Max return NaN when either argument is NaN).
/// Infinities are ordinary values: the sum of +∞ and −∞ is NaN, as in IEEE 754 arithmetic.
/// </para>
/// </remarks>
/// <param name="Count">How many values.</param>
/// <param name="Sum">Their sum (floating point: the rounding depends a little on the grouping).</param>
/// <param name="Min">The smallest value; +∞ when there are none (the identity of min).</param>
/// <param name="Max">The largest value; −∞ when there are none (the identity of max).</param>
public readonly record struct Summary(long Count, double Sum, double Min, double Max)
{
    /// <summary>The summary of no values: combining it with any summary leaves that summary unchanged.</summary>
    // TODO: return the identity of Combine: Combine(Empty, s) == s and Combine(s, Empty) == s for every s,
    // negative values and infinities included.
    public static Summary Empty => throw new NotImplementedException("Exercise 1.4 (Summary.Empty) is not solved yet. Hint: dotnet run --project grader -- hint 1.4");

    /// <summary>The arithmetic mean, <see cref="Sum"/> / <see cref="Count"/>; <see cref="double.NaN"/> when <see cref="Count"/> is 0.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The summary of the single value <paramref name="value"/>.</summary>
    public static Summary Of(double value) => new(1, value, value, value);

    /// <summary>The summary of the values of <paramref name="a"/> and of <paramref name="b"/> together.</summary>
    public static Summary Combine(Summary a, Summary b)
    {
        // TODO: return the summary of a's values and b's values together. Any grouping of the same parts must give
        // the same summary (associative), and NaN must win whatever the order (see the remarks on Summary).
        // Do not average means.
        throw new NotImplementedException("Exercise 1.4 (Summary.Combine) is not solved yet. Hint: dotnet run --project grader -- hint 1.4");
    }
}

/// <summary>Exercise 1.4: a parallel reduce with an associative combiner.</summary>
public static class ParallelStatistics
{
    /// <summary>Summarizes <paramref name="values"/> on every core. An empty list gives <see cref="Summary.Empty"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static Summary Summarize(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);

        // TODO: summarize values on all cores: every worker folds its share into a Summary of its own, then the workers'
        // summaries are combined. Limits: one parallel query; nothing shared while the workers run, so no locks
        // and no Interlocked.
        // Also checked: an empty list (Empty, NaN mean), one value, only negative values, NaN, infinities, and
        // parts of very uneven sizes.
        throw new NotImplementedException("Exercise 1.4 (ParallelStatistics.Summarize) is not solved yet. Hint: dotnet run --project grader -- hint 1.4");
    }
}
