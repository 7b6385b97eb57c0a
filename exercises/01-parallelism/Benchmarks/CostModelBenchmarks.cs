using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Katas.Parallelism.Benchmarks;

/// <summary>
/// Exercise 1.2: two ways to make parallel code slower than sequential code, and their fixes. Each category
/// has its own sequential baseline, so every Ratio reads "compared with one thread doing all the work".
/// </summary>
/// <remarks>
/// Counters: every worker increments its own counter. Packed 8-byte counters share cache lines (false
/// sharing); <see cref="PaddedCounter"/>s do not. Sum: a per-element parallel loop pays a delegate call per
/// addition (and, with a shared total, a contended Interlocked.Add); <see cref="CostModel.SumInChunks"/>
/// pays one call per chunk.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CostModelBenchmarks
{
    private const int IncrementsPerWorker = 5_000_000;
    private const int SumLength = 1_000_000;

    private readonly int _workers = Math.Max(2, Environment.ProcessorCount);
    private int[] _values = [];

    [GlobalSetup]
    public void Setup() => _values = Enumerable.Range(0, SumLength).Select(i => (i % 1_000) - 500).ToArray();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Counters")]
    public long CountersSequential()
    {
        var counters = new PaddedCounter[_workers];
        for (int worker = 0; worker < _workers; worker++)
        {
            ref long value = ref counters[worker].Value;
            for (int i = 0; i < IncrementsPerWorker; i++)
            {
                value++;
            }
        }

        return counters[^1].Value;
    }

    /// <summary>The same loop as the solution's, over counters packed eight to a cache line.</summary>
    [Benchmark]
    [BenchmarkCategory("Counters")]
    public long CountersParallelUnpadded()
    {
        var counters = new UnpaddedCounter[_workers];
        Parallel.For(0, _workers, worker =>
        {
            ref long value = ref counters[worker].Value;
            for (int i = 0; i < IncrementsPerWorker; i++)
            {
                value++;
            }
        });

        return counters[^1].Value;
    }

    [Benchmark]
    [BenchmarkCategory("Counters")]
    public long CountersParallelPadded() => CostModel.CountPerWorker(_workers, IncrementsPerWorker)[^1];

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Sum")]
    public long SumSequential()
    {
        long sum = 0;
        foreach (int value in _values)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary>Thread-local subtotals, but one delegate call per element: the work item is one addition.</summary>
    [Benchmark]
    [BenchmarkCategory("Sum")]
    public long SumParallelPerElement()
    {
        int[] values = _values;
        long total = 0;
        Parallel.For(0, values.Length, () => 0L, (i, _, subtotal) => subtotal + values[i],
            subtotal => Interlocked.Add(ref total, subtotal));
        return total;
    }

    /// <summary>The worst case: one delegate call and one contended Interlocked.Add per element.</summary>
    [Benchmark]
    [BenchmarkCategory("Sum")]
    public long SumParallelPerElementSharedTotal()
    {
        int[] values = _values;
        long total = 0;
        Parallel.For(0, values.Length, i => Interlocked.Add(ref total, values[i]));
        return total;
    }

    [Benchmark]
    [BenchmarkCategory("Sum")]
    public long SumParallelChunked() => CostModel.SumInChunks(_values);

    /// <summary>The control: a plain 8-byte counter, eight of them to a 64-byte cache line.</summary>
    private struct UnpaddedCounter
    {
        public long Value;
    }
}
