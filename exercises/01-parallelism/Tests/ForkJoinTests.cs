namespace Katas.Parallelism.Tests;

[Exercise("1.9", "Fork–join: Join(a, b) and a parallel quicksort", Points = 20, Hint = """
    Join(a, b) is the one primitive of divide and conquer: offer b to whoever is idle, do a yourself, then
    take b back if nobody took it. The pool runs on your deque from 1.8.
    Think about it: when a is done and b was stolen, what should this worker do while it waits? What if every
    worker waited the same way? And if a throws, may Join return while b is still running?
    """, MoreHint = """
    Wrap b in a Job (waitable: false), push it on worker.Deque and NotifyWork; run a in a try; then loop until
    the job IsCompleted, running what TryFindWork finds (it pops your own deque first). Quicksort: Partition a
    range, Join the two halves, and Array.Sort below SequentialThreshold.
    Reading: https://docs.rs/rayon/latest/rayon/fn.join.html
    and https://learn.microsoft.com/dotnet/standard/parallel-programming/task-parallel-library-tpl
    """, Recap = """
    rayon::join in C#: a worker that waits for stolen work keeps working, so nested joins never deadlock, even
    on two workers; and Join waits for both halves, even when one throws. Divide and conquer needs nothing more.
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*ParallelSort*' --job short", StudentFiles = "ForkJoinPool.cs ParallelSort.cs", BuildsOn = "1.8")]
public sealed class ForkJoinTests
{
    [KataFact]
    public void QuickSort_sorts_100_000_random_numbers()
    {
        int[] data = RandomNumbers(100_000, seed: 19);
        int[] expected = data.Order().ToArray();
        using var pool = new ForkJoinPool(workerCount: 4);

        ParallelSort.QuickSort(data, pool);

        data.Should().Equal(expected, "QuickSort must sort the array in place, ascending, like Array.Sort");
    }

    [KataFact]
    public void QuickSort_sorts_both_halves_at_the_same_time_on_the_pool_workers()
    {
        // The values are 0..n-1, shuffled. Elements from the bottom sixteenth are compared with each other only
        // deep in the left part of the recursion, elements from the top sixteenth only deep in the right part;
        // the first partitions compare everything with pivots near the middle. The probe opens when two such
        // deep comparisons run at the same time: both halves sorted at once. One Array.Sort of the whole
        // array (or a recursion without Join) never has two inside, and makes its comparisons off the pool.
        const int Size = 200_000;
        using var pool = new ForkJoinPool(workerCount: 2);
        var watcher = new SortWatcher(Size, pool);
        Watched[] data = Shuffled(Size, seed: 23).Select(value => new Watched(value, watcher)).ToArray();

        ParallelSort.QuickSort(data, pool);

        data.Select(item => item.Value).Should().Equal(Enumerable.Range(0, Size), "QuickSort must sort ascending");
        watcher.ComparedOffThePool.Should().BeFalse(
            "every comparison must run on a worker of the pool that QuickSort was given: Run the recursion there and "
            + "fork it with pool.Join, not with tasks, Parallel.Invoke or one library sort on the caller's thread");
        watcher.Probe.SawConcurrency.Should().BeTrue(
            "the two halves of a partition must be sorted at the same time, by pool.Join: one sort of the whole "
            + "array, or a recursion that sorts one half after the other, compares on one thread at a time");
    }

    [KataFact]
    public void Join_runs_both_halves_at_the_same_time()
    {
        using var pool = new ForkJoinPool(workerCount: 2);
        using var probe = new ConcurrencyProbe();

        (string a, int b) = pool.Run(() => pool.Join(
            () =>
            {
                probe.Arrive();
                return "a";
            },
            () =>
            {
                probe.Arrive();
                return 2;
            }));

        (a, b).Should().Be(("a", 2), "Join returns a's result and b's result");
        probe.SawConcurrency.Should().BeTrue(
            "while this worker runs a, the other (idle) worker must be able to steal b from this worker's deque and run it");
    }

    [KataFact]
    public void Deeply_nested_joins_finish_with_only_two_workers()
    {
        // Fibonacci with a Join at every level: thousands of nested joins, 20 deep, on 2 workers. If a
        // worker blocks while it waits for a stolen b, both workers soon wait for jobs that sit in their own
        // deques with nobody to run them, and the test times out.
        using var pool = new ForkJoinPool(workerCount: 2);

        int result = pool.Run(() => Fibonacci(pool, 20));

        result.Should().Be(6_765, "fib(20) = 6765");
    }

    [KataFact]
    public void An_exception_in_either_half_reaches_the_caller()
    {
        using var pool = new ForkJoinPool(workerCount: 2);

        FluentActions.Invoking(() => pool.Run(() => pool.Join<int, int>(() => 1, () => throw new InvalidOperationException("b failed"))))
            .Should().Throw<InvalidOperationException>().WithMessage("b failed", "an exception thrown by b must reach whoever called Run");
        FluentActions.Invoking(() => pool.Run(() => pool.Join<int, int>(() => throw new InvalidOperationException("a failed"), () => 2)))
            .Should().Throw<InvalidOperationException>().WithMessage("a failed", "an exception thrown by a must reach whoever called Run");
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

    private static int[] Shuffled(int count, int seed)
    {
        int[] values = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(values);
        return values;
    }

    private static int[] RandomNumbers(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
    }

    /// <summary>Watches the comparisons of a sort of the values 0..size-1.</summary>
    private sealed class SortWatcher(int size, ForkJoinPool pool)
    {
        private int _comparedOffThePool;

        public ConcurrencyProbe Probe { get; } = new();

        public bool ComparedOffThePool => Volatile.Read(ref _comparedOffThePool) != 0;

        public void Compared(int x, int y)
        {
            if (!pool.OwnsCurrentThread)
            {
                Volatile.Write(ref _comparedOffThePool, 1);
            }

            int sixteenth = size / 16;
            if ((x < sixteenth && y < sixteenth) || (x >= size - sixteenth && y >= size - sixteenth))
            {
                Probe.Arrive();
            }
        }
    }

    /// <summary>An int that tells its <see cref="SortWatcher"/> about every comparison.</summary>
    private readonly struct Watched(int value, SortWatcher watcher) : IComparable<Watched>
    {
        public int Value => value;

        public int CompareTo(Watched other)
        {
            watcher.Compared(value, other.Value);
            return value.CompareTo(other.Value);
        }
    }
}
