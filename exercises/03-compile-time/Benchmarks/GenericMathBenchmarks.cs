using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Katas.CompileTime.Benchmarks;

/// <summary>
/// Exercise 3.4: the generic Sum, specialised by the JIT per value type, against a loop written by hand for
/// that one type. Same checked additions, so the ratio is the price of writing it once for every type: none.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GenericMathBenchmarks
{
    private int[] _ints = [];
    private decimal[] _decimals = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _ints = [.. Enumerable.Range(0, 64 * 1024).Select(_ => random.Next(-1000, 1000))];
        _decimals = [.. _ints.Take(4096).Select(i => i / 100m)];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("int")]
    public int HandWrittenInt()
    {
        int total = 0;
        foreach (int value in _ints)
        {
            total = checked(total + value);
        }

        return total;
    }

    [Benchmark]
    [BenchmarkCategory("int")]
    public int GenericInt() => GenericMath.Sum<int>(_ints);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("decimal")]
    public decimal HandWrittenDecimal()
    {
        decimal total = 0;
        foreach (decimal value in _decimals)
        {
            total += value;
        }

        return total;
    }

    [Benchmark]
    [BenchmarkCategory("decimal")]
    public decimal GenericDecimal() => GenericMath.Sum<decimal>(_decimals);
}
