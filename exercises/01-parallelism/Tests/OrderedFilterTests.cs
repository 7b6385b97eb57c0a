namespace Katas.Parallelism.Tests;

[Exercise("1.3", "Filter in parallel and keep the order", Points = 10, Hint = """
    Filtering in parallel is easy; keeping the order is the part that costs something. The workers find
    their matches in their own order.
    Think about it: "the first five matches" only means something if the query knows the order of the source.
    Where in the query must that be said, so that taking the first few can stop early instead of testing
    everything?
    """, MoreHint = """
    PLINQ's AsOrdered right after AsParallel, then Where and Take: on an ordered query Take(n) means the first n
    in source order, and the workers stop once the answer is known. ArgumentOutOfRangeException.ThrowIfNegative
    checks count.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/order-preservation-in-plinq
    """, Recap = """
    Order is a property of the query, asked for before the operators that depend on it (rayon's filter keeps
    order on an indexed iterator; find_first stops early). Filtering everything and cutting afterwards gives
    the same answer at the price of reading the whole source.
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*OrderedFilter*' --job short")]
public sealed class OrderedFilterTests
{
    // The probe makes the first element a worker tests wait until a second worker is testing too, so the
    // workers really overlap, the way they do on a busy many-core machine. A query that forgets the order
    // then returns the second worker's matches before the first worker's; one that runs on one thread
    // leaves SawConcurrency false.

    [KataFact]
    public void Filter_keeps_the_source_order_while_the_workers_overlap()
    {
        using var probe = new ConcurrencyProbe();

        int[] evens = OrderedFilter.Filter(Numbers(100_000), n =>
        {
            probe.Arrive();
            return n % 2 == 0;
        });

        probe.SawConcurrency.Should().BeTrue("Filter must test elements on several threads at once (PLINQ)");
        evens.Should().Equal(Enumerable.Range(0, 50_000).Select(i => 2 * i),
            "the matches must come back in source order: look at where you ask PLINQ to keep the order");
    }

    [KataFact]
    public void FirstMatches_returns_the_earliest_matches_in_source_order()
    {
        using var probe = new ConcurrencyProbe();

        int[] firsts = OrderedFilter.FirstMatches(Numbers(100_000), n =>
        {
            probe.Arrive();
            return n % 7 == 0;
        }, count: 5);

        probe.SawConcurrency.Should().BeTrue("FirstMatches must test elements on several threads at once (PLINQ)");
        firsts.Should().Equal([0, 7, 14, 21, 28],
            "these are the first five multiples of 7 in the source; Take on an unordered query returns "
            + "whichever five matches the workers found first");
    }

    [KataFact]
    public void FirstMatches_returns_every_match_when_there_are_fewer_than_count()
    {
        int[] matches = OrderedFilter.FirstMatches(Numbers(1_000), n => n % 100 == 42, count: 50);

        matches.Should().Equal([42, 142, 242, 342, 442, 542, 642, 742, 842, 942],
            "only ten elements match, so all ten come back, in source order");
    }

    /// <summary>0, 1, ..., count - 1 as a sequence that is not a list, like lines streaming from a file.</summary>
    private static IEnumerable<int> Numbers(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
