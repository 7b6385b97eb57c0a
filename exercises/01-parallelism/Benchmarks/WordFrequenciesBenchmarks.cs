using BenchmarkDotNet.Attributes;

namespace Katas.Parallelism.Benchmarks;

/// <summary>
/// Exercise 1.5: the words of Genesis, ten times over, counted on one thread against the two parallel
/// folds (PLINQ Aggregate, Parallel.ForEach with thread-local dictionaries).
/// </summary>
[MemoryDiagnoser]
public class WordFrequenciesBenchmarks
{
    private string[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        string[] genesis = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "genesis-kjv.txt"));
        _lines = [.. Enumerable.Repeat(genesis, 10).SelectMany(lines => lines)];
    }

    [Benchmark(Baseline = true)]
    public Dictionary<string, int> Sequential() => WordFrequencies.CountSequential(_lines);

    [Benchmark]
    public Dictionary<string, int> ParallelAggregate() => WordFrequencies.CountWithAggregate(_lines);

    [Benchmark]
    public Dictionary<string, int> ParallelForEach() => WordFrequencies.CountWithParallelForEach(_lines);
}
