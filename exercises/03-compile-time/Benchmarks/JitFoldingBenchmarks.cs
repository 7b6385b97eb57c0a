using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Katas.CompileTime.Benchmarks;

/// <summary>
/// Exercise 3.5: <c>FastPaths.Sum&lt;int&gt;</c>, whose typeof tests and static readonly switch the JIT folds
/// away, against calling the specialised <c>SumInt32</c> by hand (the baseline), and against the generic path
/// alone. The disassembly (in BenchmarkDotNet.Artifacts/results/*-asm.md) shows Sum&lt;int&gt; compiled to the
/// SumInt32 code with no test of the switch or of T left in it.
/// </summary>
/// <remarks>
/// The DisassemblyDiagnoser is added on Windows only: BenchmarkDotNet 0.15.8 disassembles an in-process run
/// by attaching ClrMD to its own process, which on Linux can end the run silently (dotnet/runtime#90691).
/// Elsewhere, DOTNET_JitDisasm shows the same code (see the module README).
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(DisassemblyOnWindows))]
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

    /// <summary>Adds the DisassemblyDiagnoser (two levels of calls deep) where it is safe in process.</summary>
    private sealed class DisassemblyOnWindows : ManualConfig
    {
        public DisassemblyOnWindows()
        {
            if (OperatingSystem.IsWindows())
            {
                AddDiagnoser(new DisassemblyDiagnoser(new DisassemblyDiagnoserConfig(maxDepth: 2)));
            }
        }
    }
}
