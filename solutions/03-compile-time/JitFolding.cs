using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.5: code that looks like run-time tests, which the JIT turns into no code at all. In
/// <see cref="Sum{T}"/>, <c>typeof(T) == typeof(int)</c> is a constant in every instantiation over a value
/// type (the JIT compiles one copy per value type, as Rust monomorphises), so each copy keeps one branch.
/// <see cref="Enabled"/> is a <c>static readonly</c> field: once the class has started, the tier-1 JIT
/// reads its value and compiles it in as a constant, so a disabled fast path leaves no test behind.
/// </summary>
public static class FastPaths
{
    /// <summary>The <see cref="AppContext"/> switch that turns the fast paths off, read once, when the class starts.</summary>
    public const string DisableSwitch = "Katas.CompileTime.DisableFastPaths";

    /// <summary>
    /// Read once: a static readonly field is initialised when the class starts, and from then on the tier-1
    /// JIT treats it as the constant it has become. A property that asked AppContext on each call would cost
    /// a lookup per call and could change its answer halfway through a run.
    /// </summary>
    private static readonly bool s_enabled = !(AppContext.TryGetSwitch(DisableSwitch, out bool disabled) && disabled);

    /// <summary>Whether the specialised paths are on: true unless <see cref="DisableSwitch"/> was set to true before the class started.</summary>
    public static bool Enabled => s_enabled;

    /// <summary>
    /// The sum of <paramref name="values"/> in <typeparamref name="T"/>, without overflow checking (integers
    /// wrap), added from first to last. Exactly <see cref="SumGeneric{T}"/>'s result, faster for int and long.
    /// </summary>
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : struct, INumberBase<T>
    {
        // Each test is a constant in each instantiation: Sum<int> compiles to the SumInt32 call alone,
        // Sum<double> to the generic loop alone. Only integer types get a vector path: wrapping integer
        // addition can be regrouped freely, floating-point addition cannot (the rounding depends on the order).
        if (s_enabled && typeof(T) == typeof(int))
        {
            int sum = SumInt32(MemoryMarshal.Cast<T, int>(values));
            return Unsafe.As<int, T>(ref sum);
        }

        if (s_enabled && typeof(T) == typeof(long))
        {
            long sum = SumInt64(MemoryMarshal.Cast<T, long>(values));
            return Unsafe.As<long, T>(ref sum);
        }

        return SumGeneric(values);
    }

    /// <summary>Whether <see cref="Sum{T}"/> takes a specialised path for <typeparamref name="T"/>: int and long, when <see cref="Enabled"/>.</summary>
    public static bool UsesFastPath<T>()
        where T : struct, INumberBase<T> =>
        s_enabled && (typeof(T) == typeof(int) || typeof(T) == typeof(long));

    /// <summary>The generic path: T's own +, unchecked, from first to last.</summary>
    public static T SumGeneric<T>(ReadOnlySpan<T> values)
        where T : struct, INumberBase<T>
    {
        T total = T.Zero;
        foreach (T value in values)
        {
            total = unchecked(total + value);
        }

        return total;
    }

    /// <summary>The specialised path for int: <see cref="Vector{T}.Count"/> sums at a time, wrapping.</summary>
    public static int SumInt32(ReadOnlySpan<int> values)
    {
        Vector<int> lanes = Vector<int>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector<int>.Count; i += Vector<int>.Count)
        {
            lanes += new Vector<int>(values[i..]);
        }

        // Vector addition wraps like unchecked int addition, so regrouping the sum changes nothing.
        int total = Vector.Sum(lanes);
        for (; i < values.Length; i++)
        {
            total = unchecked(total + values[i]);
        }

        return total;
    }

    /// <summary>The specialised path for long: <see cref="Vector{T}.Count"/> sums at a time, wrapping.</summary>
    public static long SumInt64(ReadOnlySpan<long> values)
    {
        Vector<long> lanes = Vector<long>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector<long>.Count; i += Vector<long>.Count)
        {
            lanes += new Vector<long>(values[i..]);
        }

        long total = Vector.Sum(lanes);
        for (; i < values.Length; i++)
        {
            total = unchecked(total + values[i]);
        }

        return total;
    }

    /// <summary>
    /// <paramref name="value"/> rotated left by <paramref name="count"/> bits. <see cref="ConstantExpectedAttribute"/>
    /// tells callers (analyzer CA1857) to pass a constant: inlined with one, the range check folds away and
    /// the rotation is a single instruction with an immediate operand.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 0 to 31.</exception>
    public static uint RotateLeft(uint value, [ConstantExpected(Min = 0, Max = 31)] int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 31);
        return BitOperations.RotateLeft(value, count);
    }
}
