using System.Runtime.CompilerServices;

namespace Katas.Parallelism.Tests;

[Exercise("1.2", "When parallel pays: work size and false sharing", Points = 15, Hint = """
    Two costs decide whether parallel code beats a plain loop: how much work each delegate call does, and
    which memory the workers write. Cores trade memory in 64-byte cache lines, not in single longs.
    Think about it: if two workers each write "their own" counter, and both counters sit on one line, what
    does each write cost the other core? And how much work should one work item be worth, next to the
    price of handing it out?
    """, MoreHint = """
    Padding: StructLayout (System.Runtime.InteropServices) can give a struct its size; LayoutKind.Explicit
    puts each field at a FieldOffset. Unsafe.SizeOf tells you what you got.
    Chunking: Partitioner.Create(from, to, rangeSize) (System.Collections.Concurrent) hands out index ranges;
    the Parallel.ForEach overload with localInit and localFinally gives each worker a subtotal of its own.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/how-to-speed-up-small-loop-bodies
    and https://learn.microsoft.com/dotnet/standard/parallel-programming/how-to-write-a-parallel-for-loop-with-thread-local-variables
    """, Recap = """
    Parallel code can be slower and still right: a work item must be worth its hand-off (rayon's
    with_min_len), and two cores writing one cache line slow each other down (crossbeam's CachePadded).
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*CostModel*' --job short")]
public sealed class CostModelTests
{
    [KataFact]
    public void A_padded_counter_fills_a_whole_cache_line()
    {
        Unsafe.SizeOf<PaddedCounter>().Should().BeGreaterThanOrEqualTo(64,
            "cores exchange memory in 64-byte cache lines: a smaller PaddedCounter shares its line with its "
            + "neighbour in the array, and two workers writing neighbours slow each other down (false sharing). "
            + "Pad the struct in CostModel.cs to 64 bytes");
    }

    [KataFact]
    public void Every_worker_counts_exactly_its_own_increments()
    {
        long[] counts = CostModel.CountPerWorker(workers: 4, incrementsPerWorker: 100_000);

        counts.Should().Equal([100_000L, 100_000L, 100_000L, 100_000L],
            "worker w adds 1 to counters[w] incrementsPerWorker times and nobody else touches that counter");
    }

    [KataFact]
    public void The_workers_count_at_the_same_time()
    {
        using var probe = new ConcurrencyProbe();

        CostModel.CountPerWorker(workers: 2, incrementsPerWorker: 1_000, workerStarted: _ => probe.Arrive());

        probe.SawConcurrency.Should().BeTrue(
            "CountPerWorker must run its workers on several threads at once (Parallel.For), calling "
            + "workerStarted at the start of each worker");
    }

    [KataFact]
    public void The_chunked_sum_is_exact_even_past_int_MaxValue()
    {
        int[] values = Enumerable.Repeat(int.MaxValue, 10_000).ToArray();

        long sum = CostModel.SumInChunks(values, chunkSize: 1_000);

        sum.Should().Be(10_000L * int.MaxValue,
            "10,000 times int.MaxValue does not fit in an int: every subtotal must be a long");
    }

    [KataFact]
    public void The_chunks_are_summed_on_several_threads_at_once()
    {
        using var probe = new ConcurrencyProbe();
        int[] values = Enumerable.Range(1, 100_000).ToArray();

        long sum = CostModel.SumInChunks(values, chunkSize: 1_000, chunkStarted: _ => probe.Arrive());

        sum.Should().Be(5_000_050_000L, "1 + 2 + ... + 100,000 = 5,000,050,000");
        probe.SawConcurrency.Should().BeTrue(
            "SumInChunks must hand the chunks to several workers at once, calling chunkStarted as each chunk "
            + "starts; a loop on one thread (or a call that never reports its chunks) leaves the probe closed");
    }
}
