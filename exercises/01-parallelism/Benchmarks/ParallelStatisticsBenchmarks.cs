using BenchmarkDotNet.Attributes;

namespace Katas.Parallelism.Benchmarks;

/// <summary>
/// Exercise 1.4: count, sum, min and max of four million doubles, one sequential pass against
/// <see cref="ParallelStatistics.Summarize"/>.
/// </summary>
/// <remarks>
/// The work per value is tiny (an add and two comparisons), so this is exercise 1.2's lesson again: the
/// parallel version pays a delegate call per value and may gain less than the core count suggests.
/// </remarks>
[MemoryDiagnoser]
public class ParallelStatisticsBenchmarks
{
    private double[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = Enumerable.Range(0, 4_000_000).Select(_ => random.NextDouble()).ToArray();
    }

    [Benchmark(Baseline = true)]
    public Summary Sequential()
    {
        long count = 0;
        double sum = 0;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double value in _values)
        {
            count++;
            sum += value;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return new Summary(count, sum, min, max);
    }

    [Benchmark]
    public Summary Parallel() => ParallelStatistics.Summarize(_values);
}
