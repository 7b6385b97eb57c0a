namespace Katas.Parallelism.Tests;

[Exercise("1.1", "Map a list in parallel", Points = 10, Hint = """
    PLINQ turns any IEnumerable<T> into a parallel query with .AsParallel(); after that the LINQ
    operators you already know (Select, Where, Sum...) run on every core.
    A parallel query hands results back in the order the workers finish them. One more operator,
    right after AsParallel(), asks PLINQ to put them back in input order.
    Finish with .ToArray(): the whole method body fits on one line.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/introduction-to-plinq
    """)]
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
