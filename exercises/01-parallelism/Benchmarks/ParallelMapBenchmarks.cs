using BenchmarkDotNet.Attributes;

namespace Katas.Parallelism.Benchmarks;

/// <summary>Exercise 1.1: a CPU-bound map, sequential LINQ against <see cref="ParallelMap.Map"/>.</summary>
[MemoryDiagnoser]
public class ParallelMapBenchmarks
{
    private int[] _numbers = [];

    [GlobalSetup]
    public void Setup() => _numbers = Enumerable.Range(0, 20_000).ToArray();

    [Benchmark(Baseline = true)]
    public double[] Sequential() => _numbers.Select(Work).ToArray();

    [Benchmark]
    public double[] Parallel() => ParallelMap.Map(_numbers, Work);

    /// <summary>About a microsecond of pure arithmetic: enough work per item for parallelism to pay.</summary>
    private static double Work(int n)
    {
        double x = n;
        for (int i = 0; i < 200; i++)
        {
            x = Math.Sqrt(x + i);
        }

        return x;
    }
}
