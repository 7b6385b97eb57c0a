// Mistake: double.MaxValue and double.MinValue are the identities of min and max; the infinities lie beyond them.
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
    // Count 0 and Sum 0 are the identities of +. Min and Max need the identities of min and max: a Min
    // that is never smaller than any value (+∞) and a Max never larger (−∞). default(Summary) would not
    // do: its Max of 0 would become the maximum of any all-negative list.
    public static Summary Empty => new(0, 0, double.MaxValue, double.MinValue); // bug: not below +∞, not above −∞

    /// <summary>The arithmetic mean, <see cref="Sum"/> / <see cref="Count"/>; <see cref="double.NaN"/> when <see cref="Count"/> is 0.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The summary of the single value <paramref name="value"/>.</summary>
    public static Summary Of(double value) => new(1, value, value, value);

    /// <summary>The summary of the values of <paramref name="a"/> and of <paramref name="b"/> together.</summary>
    public static Summary Combine(Summary a, Summary b)
    {
        // Each field combines with an associative, commutative operation that has an identity (+ with 0,
        // min with +∞, max with −∞), so Combine is associative and Empty is its identity: any split, any
        // grouping gives the same summary (up to the rounding of the floating-point sum). Math.Min and
        // Math.Max rather than a < b ? a : b: a comparison with NaN is false, so the hand-written form would
        // keep or drop a NaN depending on the argument order.
        return new(a.Count + b.Count, a.Sum + b.Sum, Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max));
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

        // Every worker folds its share into a Summary of its own, starting from Empty (the seed factory
        // runs once per worker); PLINQ then combines the workers' summaries. Nothing is shared while the
        // workers run, so nothing needs a lock. Because Combine is associative with Empty as identity, the
        // answer does not depend on how PLINQ split the list. (Summary is an immutable struct, so the
        // overload with a seed value would be as safe here; 1.5 shows why a mutable seed needs the factory.)
        return values.AsParallel().Aggregate(
            seedFactory: () => Summary.Empty,
            updateAccumulatorFunc: (summary, value) => Summary.Combine(summary, Summary.Of(value)),
            combineAccumulatorsFunc: Summary.Combine,
            resultSelector: summary => summary);
    }
}
