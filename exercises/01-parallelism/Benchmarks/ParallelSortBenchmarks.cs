using BenchmarkDotNet.Attributes;

namespace Katas.Parallelism.Benchmarks;

/// <summary>
/// Exercise 1.9: sorting a million random ints. Array.Sort against the quicksort on your
/// <see cref="ForkJoinPool"/>, and against the same quicksort forked with Parallel.Invoke on the thread pool.
/// Every method first copies the unsorted input into the array it sorts: the same cost for all three.
/// </summary>
public class ParallelSortBenchmarks : IDisposable
{
    private const int Size = 1_000_000;
    private int[] _unsorted = [];
    private int[] _data = [];
    private ForkJoinPool? _pool;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(19);
        _unsorted = Enumerable.Range(0, Size).Select(_ => random.Next()).ToArray();
        _data = new int[Size];
        _pool = new ForkJoinPool(Environment.ProcessorCount);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _pool?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public void ArraySort()
    {
        _unsorted.CopyTo(_data, 0);
        Array.Sort(_data);
    }

    [Benchmark]
    public void ForkJoinQuickSort()
    {
        _unsorted.CopyTo(_data, 0);
        ParallelSort.QuickSort(_data, _pool!);
    }

    [Benchmark]
    public void ParallelInvokeQuickSort()
    {
        _unsorted.CopyTo(_data, 0);
        InvokeSort(_data, 0, Size);
    }

    /// <summary>The same recursion as ParallelSort.QuickSort, with Parallel.Invoke (thread-pool tasks) as the fork.</summary>
    private static void InvokeSort(int[] data, int start, int end)
    {
        if (end - start <= ParallelSort.SequentialThreshold)
        {
            Array.Sort(data, start, end - start);
            return;
        }

        int split = ParallelSort.Partition(data, start, end);
        Parallel.Invoke(() => InvokeSort(data, start, split), () => InvokeSort(data, split, end));
    }
}
