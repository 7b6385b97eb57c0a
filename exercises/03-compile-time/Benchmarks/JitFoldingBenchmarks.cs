using BenchmarkDotNet.Attributes;

namespace Katas.CompileTime.Benchmarks;

/// <summary>
/// Exercise 3.5: <c>FastPaths.Sum&lt;int&gt;</c>, whose typeof tests and static readonly switch the JIT folds
/// away, against calling the specialised <c>SumInt32</c> by hand (the baseline), and against the generic path
/// alone. The disassembly (in BenchmarkDotNet.Artifacts/results/*-asm.md) shows Sum&lt;int&gt; compiled to the
/// SumInt32 code with no test of the switch or of T left in it.
/// </summary>
[MemoryDiagnoser]
[DisassemblyDiagnoser(maxDepth: 2)]
public class JitFoldingBenchmarks
{
    private int[] _ints = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _ints = [.. Enumerable.Range(0, 64 * 1024).Select(_ => random.Next())];
    }

    [Benchmark(Baseline = true)]
    public int HandSpecialised() => FastPaths.SumInt32(_ints);

    [Benchmark]
    public int FoldedDispatch() => FastPaths.Sum<int>(_ints);

    [Benchmark]
    public int GenericPathOnly() => FastPaths.SumGeneric<int>(_ints);
}
