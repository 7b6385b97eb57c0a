namespace Katas.Parallelism.Tests;

[Exercise("1.1", "Map a list in parallel", Points = 10, Hint = """
    A parallel query is an ordinary LINQ query whose operators run on every core. The workers each take a
    part of the input, and they finish in their own order.
    Think about it: when the results are gathered into one array, whose order do they come in? What would
    you have to ask for to get the input order back, and what might that cost?
    """, MoreHint = """
    PLINQ: the AsParallel extension method turns a sequence into a ParallelQuery; Select and ToArray work on it
    as in LINQ. AsOrdered, placed right after AsParallel, asks for the results in source order.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/introduction-to-plinq
    and https://learn.microsoft.com/dotnet/standard/parallel-programming/order-preservation-in-plinq
    """, Recap = """
    One operator makes a query parallel (rayon's par_iter); the order of the results is a promise you ask for,
    not a default. An array often keeps its order by accident; a list read in chunks does not.
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*ParallelMap*' --job short")]
public sealed class ParallelMapTests
{
    [KataFact]
    public void Every_element_is_mapped_and_the_results_keep_the_input_order()
    {
        int[] numbers = Enumerable.Range(0, 1_000).ToArray();

        int[] squares = ParallelMap.Map(numbers, n => n * n);

        squares.Should().Equal(numbers.Select(n => n * n), "result i must be selector(source[i]), in input order");
    }

    [KataFact]
    public void The_input_order_is_kept_even_when_the_workers_take_the_elements_in_chunks()
    {
        // This list is not an array: PLINQ hands its elements out in chunks, and the probe makes two workers
        // overlap. A query that does not ask for the input order then returns the chunks in the order the
        // workers finish them. (With an array the order often survives by accident.)
        using var probe = new ConcurrencyProbe();
        var numbers = new ReadOnlyListOnly<int>(Enumerable.Range(0, 100_000).ToArray());

        int[] doubled = ParallelMap.Map(numbers, n =>
        {
            probe.Arrive();
            return 2 * n;
        });

        probe.SawConcurrency.Should().BeTrue("Map must call the selector on several threads at the same time");
        doubled.Should().Equal(Enumerable.Range(0, 100_000).Select(n => 2 * n),
            "result i must be selector(source[i]) for any list, not only for arrays: a parallel query gives "
            + "back results in the order the workers finish them unless you ask it to keep the input order");
    }

    [KataFact]
    public void The_selector_runs_on_several_cores_at_once()
    {
        using var probe = new ConcurrencyProbe();

        ParallelMap.Map(Enumerable.Range(0, 100).ToArray(), n =>
        {
            probe.Arrive();
            return n;
        });

        probe.SawConcurrency.Should().BeTrue(
            "Map must call the selector on several threads at the same time, not one element after another");
    }
}
