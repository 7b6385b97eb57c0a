using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;

namespace Katas.Macros.Benchmarks;

/// <summary>
/// Exercise 4.4: a call with a constant argument, replaced by the interceptor with bytes decoded at build
/// time, against the same text decoded at run time by Convert.FromHexString on every call.
/// </summary>
[MemoryDiagnoser]
public class HexBenchmarks
{
    private const string Key = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

    // A field, not a constant: the compiler cannot see its value, so nothing is intercepted.
    private string _key = Key;

    [GlobalSetup]
    public void Setup() => _key = string.Concat(Key.AsSpan(0, 32), Key.AsSpan(32));

    [Benchmark(Baseline = true)]
    public int FromHexStringAtRunTime()
    {
        ReadOnlySpan<byte> bytes = Convert.FromHexString(_key);
        return bytes.Length + bytes[^1];
    }

    [Benchmark]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet measures instance methods.")]
    public int InterceptedConstant()
    {
        ReadOnlySpan<byte> bytes = Hex.Decode(Key);
        return bytes.Length + bytes[^1];
    }
}
