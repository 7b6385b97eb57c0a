using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Katas.Parallelism.Benchmarks;

/// <summary>
/// Exercise 1.3: an expensive predicate (trial-division primality) over a list, sequential LINQ against
/// <see cref="OrderedFilter"/>. "Filter" keeps every match; "First" wants only the first 100 matches.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OrderedFilterBenchmarks
{
    private const int FirstCount = 100;

    private int[] _candidates = [];

    /// <summary>Large odd numbers, so that each test is a few microseconds of division.</summary>
    [GlobalSetup]
    public void Setup() => _candidates = Enumerable.Range(0, 20_000).Select(i => 1_000_000_001 + (2 * i)).ToArray();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Filter")]
    public int[] FilterSequential() => _candidates.Where(IsPrime).ToArray();

    [Benchmark]
    [BenchmarkCategory("Filter")]
    public int[] FilterParallelOrdered() => OrderedFilter.Filter(_candidates, IsPrime);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("First")]
    public int[] FirstSequential() => _candidates.Where(IsPrime).Take(FirstCount).ToArray();

    [Benchmark]
    [BenchmarkCategory("First")]
    public int[] FirstParallelOrdered() => OrderedFilter.FirstMatches(_candidates, IsPrime, FirstCount);

    private static bool IsPrime(int n)
    {
        if (n < 2)
        {
            return false;
        }

        for (int divisor = 2; (long)divisor * divisor <= n; divisor++)
        {
            if (n % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
