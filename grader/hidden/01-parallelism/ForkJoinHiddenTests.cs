namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.9")]
public sealed class ForkJoinHiddenTests
{
    [KataTheory]
    [InlineData("empty")]
    [InlineData("one element")]
    [InlineData("two elements, reversed")]
    [InlineData("100,000 already sorted")]
    [InlineData("100,000 reversed")]
    [InlineData("100,000 all equal")]
    [InlineData("100,000 of three values")]
    [InlineData("100,000 with int.MinValue and int.MaxValue")]
    public void QuickSort_sorts_every_shape_of_input(string shape)
    {
        int[] data = MakeData(shape);
        int[] expected = data.Order().ToArray();
        using var pool = new ForkJoinPool(workerCount: 3);

        ParallelSort.QuickSort(data, pool);

        data.Should().Equal(expected, $"QuickSort must sort {shape} input");
    }

    [KataFact]
    public void Every_leaf_of_a_tree_of_joins_runs_exactly_once()
    {
        // 16,384 leaves under 16,383 joins on 3 workers: a job lost or run twice while being stolen, or a
        // join that returns before its b has finished, shows up as a leaf count other than 1.
        const int Depth = 14;
        int[] runs = new int[1 << Depth];
        using var pool = new ForkJoinPool(workerCount: 3);

        pool.Run(() => Tree(pool, Depth, 0, runs));

        runs.Should().OnlyContain(count => count == 1, "Join must run a and b exactly once each, and return only when both have finished");
    }

    [KataFact]
    public void Nested_joins_work_with_a_single_worker_and_from_outside_the_pool()
    {
        using var single = new ForkJoinPool(workerCount: 1);
        single.Run(() => Fibonacci(single, 18)).Should().Be(2_584,
            "with one worker nobody can steal b, so Join must pop it back and run it itself");

        using var pool = new ForkJoinPool(workerCount: 2);
        pool.Join(() => Fibonacci(pool, 15), () => "outside").Should().Be((610, "outside"),
            "Join called from a thread that is not a pool worker runs as a Run of itself (this part is provided)");
    }

    [KataFact]
    public void An_exception_deep_in_the_recursion_reaches_the_caller_and_the_pool_keeps_working()
    {
        using var pool = new ForkJoinPool(workerCount: 2);

        FluentActions.Invoking(() => pool.Run(() => Exploding(pool, depth: 10, explodeAt: 700, index: 0)))
            .Should().Throw<ArgumentException>().WithMessage("leaf 700 exploded",
                "the exception of one leaf must travel up through every Join to the caller of Run");

        pool.Run(() => Fibonacci(pool, 16)).Should().Be(987, "a failed Run must leave the workers ready for the next one");
    }

    [KataFact]
    public void When_a_throws_Join_still_waits_for_b_before_it_rethrows()
    {
        // a throws at once; b, stolen by the other worker or run after a, keeps going until it sees the caller
        // catch the exception (or a second has passed). If Join rethrows without waiting for b, the caller
        // catches while b is still running: in real code b may still be writing into the caller's data.
        using var pool = new ForkJoinPool(workerCount: 2);
        using var aThrew = new ManualResetEventSlim(initialState: false);
        using var callerCaught = new ManualResetEventSlim(initialState: false);
        int bFinished = 0;
        bool bFinishedBeforeTheCallerCaught = false;

        try
        {
            pool.Run(() => pool.Join<int, int>(
                () =>
                {
                    aThrew.Set();
                    throw new InvalidOperationException("a failed");
                },
                () =>
                {
                    aThrew.Wait(ConcurrencyProbe.DefaultPatience);
                    callerCaught.Wait(TimeSpan.FromSeconds(1));
                    Volatile.Write(ref bFinished, 1);
                    return 2;
                }));
        }
        catch (InvalidOperationException ex) when (ex.Message == "a failed")
        {
            bFinishedBeforeTheCallerCaught = Volatile.Read(ref bFinished) == 1;
            callerCaught.Set();
        }

        callerCaught.IsSet.Should().BeTrue("a's exception must reach the caller of Run");
        bFinishedBeforeTheCallerCaught.Should().BeTrue(
            "Join must wait for b to finish (helping with other work meanwhile) before it rethrows a's exception");
    }

    [KataFact]
    public void Dispose_is_idempotent_and_a_disposed_pool_refuses_work()
    {
        var pool = new ForkJoinPool(workerCount: 2);
        pool.Run(() => 1).Should().Be(1);

        pool.Dispose();
        FluentActions.Invoking(pool.Dispose).Should().NotThrow("Dispose may be called twice");
        FluentActions.Invoking(() => pool.Run(() => 1)).Should().Throw<ObjectDisposedException>("the workers have stopped");
    }

    [KataFact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        FluentActions.Invoking(() => new ForkJoinPool(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("workerCount");
        using var pool = new ForkJoinPool(workerCount: 1);
        FluentActions.Invoking(() => pool.Join<int, int>(null!, () => 1)).Should().Throw<ArgumentNullException>().WithParameterName("a");
        FluentActions.Invoking(() => pool.Join<int, int>(() => 1, null!)).Should().Throw<ArgumentNullException>().WithParameterName("b");
        FluentActions.Invoking(() => ParallelSort.QuickSort<int>(null!, pool)).Should().Throw<ArgumentNullException>().WithParameterName("data");
        FluentActions.Invoking(() => ParallelSort.QuickSort(Array.Empty<int>(), null!)).Should().Throw<ArgumentNullException>().WithParameterName("pool");
        FluentActions.Invoking(() => pool.Run<int>(null!)).Should().Throw<ArgumentNullException>().WithParameterName("root");
        FluentActions.Invoking(() => pool.Run((Action)null!)).Should().Throw<ArgumentNullException>().WithParameterName("root");
        FluentActions.Invoking(() => pool.Join(null!, () => { })).Should().Throw<ArgumentNullException>().WithParameterName("a");
        FluentActions.Invoking(() => pool.Join(() => { }, null!)).Should().Throw<ArgumentNullException>().WithParameterName("b");
    }

    [KataTheory]
    [InlineData(-1, 2, "start")] // before the array
    [InlineData(0, 6, "end")] // past its end
    [InlineData(2, 3, "end")] // one element: nothing to split
    [InlineData(3, 3, "end")] // empty
    public void Partition_rejects_a_range_outside_the_array_or_shorter_than_two(int start, int end, string parameterName)
    {
        int[] data = [5, 1, 4, 2, 3];
        FluentActions.Invoking(() => ParallelSort.Partition(data, start, end))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameterName);
        FluentActions.Invoking(() => ParallelSort.Partition<int>(null!, 0, 2))
            .Should().Throw<ArgumentNullException>().WithParameterName("data");
    }

    private static void Tree(ForkJoinPool pool, int depth, int index, int[] runs)
    {
        if (depth == 0)
        {
            Interlocked.Increment(ref runs[index]);
            return;
        }

        pool.Join(() => Tree(pool, depth - 1, 2 * index, runs), () => Tree(pool, depth - 1, 2 * index + 1, runs));
    }

    private static int Exploding(ForkJoinPool pool, int depth, int explodeAt, int index)
    {
        if (depth == 0)
        {
            return index == explodeAt ? throw new ArgumentException($"leaf {index} exploded") : 1;
        }

        (int left, int right) = pool.Join(
            () => Exploding(pool, depth - 1, explodeAt, 2 * index),
            () => Exploding(pool, depth - 1, explodeAt, 2 * index + 1));
        return left + right;
    }

    private static int Fibonacci(ForkJoinPool pool, int n)
    {
        if (n < 2)
        {
            return n;
        }

        (int smaller, int larger) = pool.Join(() => Fibonacci(pool, n - 2), () => Fibonacci(pool, n - 1));
        return smaller + larger;
    }

    private static int[] MakeData(string shape)
    {
        var random = new Random(19);
        return shape switch
        {
            "empty" => [],
            "one element" => [42],
            "two elements, reversed" => [2, 1],
            "100,000 already sorted" => Enumerable.Range(0, 100_000).ToArray(),
            "100,000 reversed" => Enumerable.Range(0, 100_000).Reverse().ToArray(),
            "100,000 all equal" => Enumerable.Repeat(7, 100_000).ToArray(),
            "100,000 of three values" => Enumerable.Range(0, 100_000).Select(_ => random.Next(3)).ToArray(),
            "100,000 with int.MinValue and int.MaxValue" =>
                Enumerable.Range(0, 100_000).Select(i => (i % 3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => random.Next() }).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown shape."),
        };
    }
}
