namespace Katas.CompileTime.Tests;

[Exercise("3.5", "What the JIT folds", Points = 15, StudentFiles = "JitFolding.cs", Hint = """
    The JIT compiles a generic method once per value type it is used with, and in that copy T is known:
    typeof(T) == typeof(int) is then as constant as 1 == 1, and the branch that cannot run is not compiled.
    A static readonly field is constant too, once its class has started and the method is recompiled at
    tier 1. How do you hand a span of T to a method that takes a span of int, without copying or boxing?
    And why may a fast path regroup the additions of ints but not of doubles?
    """, MoreHint = """
    MemoryMarshal.Cast<T, int> reinterprets the span, Unsafe.As<int, T> the result. Vector<int> adds
    Vector<int>.Count lanes at once (new Vector<int>(span), Vector.Sum); the values that do not fill a
    vector are added one by one. The switch: a private static readonly bool initialised from
    AppContext.TryGetSwitch. For RotateLeft: [ConstantExpected(Min = .., Max = ..)] from
    System.Diagnostics.CodeAnalysis, ArgumentOutOfRangeException's throw helpers, BitOperations.RotateLeft.
    Docs: https://devblogs.microsoft.com/dotnet/performance-improvements-in-net-8/#jit
    """, Recap = """
    Per value type, the JIT specialises generic code as Rust monomorphises it, and folds typeof tests and
    initialised static readonly fields to constants: a checked-in fast path costs nothing where it is not
    taken. A fast path must give exactly the generic result: integers may be regrouped, floating point may not.
    """, Benchmark = "dotnet run -c Release --project exercises/03-compile-time/Benchmarks -- --filter '*JitFolding*' --job short")]
public sealed class JitFoldingTests
{
    [KataFact]
    public void Int_and_long_take_the_fast_path_and_other_types_do_not()
    {
        FastPaths.Enabled.Should().BeTrue($"nothing set {FastPaths.DisableSwitch}, so the fast paths are on");
        FastPaths.UsesFastPath<int>().Should().BeTrue("Sum<int> is specialised");
        FastPaths.UsesFastPath<long>().Should().BeTrue("Sum<long> is specialised");
        FastPaths.UsesFastPath<double>().Should().BeFalse("a vector sum of doubles adds in another order, and rounds differently");
        FastPaths.UsesFastPath<decimal>().Should().BeFalse("decimal has no vector path");
        FastPaths.UsesFastPath<short>().Should().BeFalse("only int and long are specialised");
    }

    [KataFact]
    public void Every_length_gives_the_generic_result()
    {
        var random = new Random(42);
        int[] ints = [.. Enumerable.Range(0, 1000).Select(_ => random.Next(int.MinValue, int.MaxValue))];
        long[] longs = [.. Enumerable.Range(0, 1000).Select(_ => random.NextInt64())];
        foreach (int length in Enumerable.Range(0, 41).Append(1000))
        {
            int expectedInt = 0;
            long expectedLong = 0;
            for (int i = 0; i < length; i++)
            {
                expectedInt = unchecked(expectedInt + ints[i]);
                expectedLong = unchecked(expectedLong + longs[i]);
            }

            FastPaths.Sum<int>(ints.AsSpan(0, length)).Should().Be(expectedInt, $"the sum of the first {length} ints, wrapping; the values that do not fill a whole vector count too");
            FastPaths.Sum<long>(longs.AsSpan(0, length)).Should().Be(expectedLong, $"the sum of the first {length} longs, wrapping");
            FastPaths.SumGeneric<int>(ints.AsSpan(0, length)).Should().Be(expectedInt, $"the generic path gives the same {length}-int sum");
        }
    }

    [KataFact]
    public void Integer_sums_wrap_on_both_paths()
    {
        int[] maxima = [.. Enumerable.Repeat(int.MaxValue, 100)];
        FastPaths.Sum<int>(maxima).Should().Be(unchecked(100 * int.MaxValue), "Sum does not check for overflow: integers wrap, in the vector lanes too");
        FastPaths.Sum<int>([int.MaxValue, 1]).Should().Be(int.MinValue, "int.MaxValue + 1 wraps to int.MinValue");
        FastPaths.Sum<short>([short.MaxValue, 1]).Should().Be(short.MinValue, "the generic path wraps too");
        FastPaths.Sum<byte>([.. Enumerable.Repeat((byte)1, 300)]).Should().Be(44, "300 mod 256");
    }

    [KataFact]
    public void Floating_point_sums_keep_their_order()
    {
        double[] values = [1e16, .. Enumerable.Repeat(1.0, 63)];
        FastPaths.Sum<double>(values).Should().Be(1e16,
            "added from first to last, each 1 is lost against 1e16 (whose neighbours are 2 apart); a vector sum adds the ones in other lanes first and gets more");
        FastPaths.Sum<float>([0.1f, 0.2f, 0.3f]).Should().Be(0.1f + 0.2f + 0.3f, "float keeps the order too");
        FastPaths.Sum<decimal>([0.1m, 0.2m]).Should().Be(0.3m, "decimal takes the generic path");
    }

    [KataFact]
    public void The_switch_is_read_once()
    {
        bool enabled = FastPaths.Enabled;
        AppContext.SetSwitch(FastPaths.DisableSwitch, enabled);
        try
        {
            FastPaths.Enabled.Should().Be(enabled, "the switch is read once, when the class starts; setting it later must change nothing (and the JIT relies on that)");
            FastPaths.UsesFastPath<int>().Should().Be(enabled, "the paths taken do not change either");
        }
        finally
        {
            AppContext.SetSwitch(FastPaths.DisableSwitch, !enabled);
        }
    }
}
