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

    /// <summary>Whether the specialised paths are on: true unless <see cref="DisableSwitch"/> was set to true before the class started.</summary>
    // TODO: read the switch once for the whole program, into something the JIT can treat as a constant once the
    // class has started. Setting the switch later changes nothing.
    public static bool Enabled => throw new NotImplementedException("Exercise 3.5 (FastPaths.Enabled) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");

    /// <summary>
    /// The sum of <paramref name="values"/> in <typeparamref name="T"/>, without overflow checking (integers
    /// wrap), added from first to last. Exactly <see cref="SumGeneric{T}"/>'s result, faster for int and long.
    /// </summary>
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : struct, INumberBase<T>
    {
        // TODO: SumInt32 for int and SumInt64 for long when Enabled, with no boxing and no copy; every other
        // type takes SumGeneric. Use only conditions the JIT can decide per instantiation: nothing looked up at run time.
        throw new NotImplementedException("Exercise 3.5 (FastPaths.Sum) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");
    }

    /// <summary>Whether <see cref="Sum{T}"/> takes a specialised path for <typeparamref name="T"/>: int and long, when <see cref="Enabled"/>.</summary>
    public static bool UsesFastPath<T>()
        where T : struct, INumberBase<T> =>
        // TODO: true exactly when Sum<T> takes a specialised path.
        throw new NotImplementedException("Exercise 3.5 (FastPaths.UsesFastPath) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");

    /// <summary>The generic path: T's own +, unchecked, from first to last.</summary>
    public static T SumGeneric<T>(ReadOnlySpan<T> values)
        where T : struct, INumberBase<T>
    {
        // TODO: T's own + from the first value to the last, wrapping on overflow.
        throw new NotImplementedException("Exercise 3.5 (FastPaths.SumGeneric) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");
    }

    /// <summary>The specialised path for int: <see cref="Vector{T}.Count"/> sums at a time, wrapping.</summary>
    public static int SumInt32(ReadOnlySpan<int> values)
    {
        // TODO: add Vector<int>.Count values at a time, then the ones left over; the result must be exactly
        // SumGeneric's, for every length and on overflow.
        throw new NotImplementedException("Exercise 3.5 (FastPaths.SumInt32) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");
    }

    /// <summary>The specialised path for long: <see cref="Vector{T}.Count"/> sums at a time, wrapping.</summary>
    public static long SumInt64(ReadOnlySpan<long> values)
    {
        // TODO: as SumInt32, for long.
        throw new NotImplementedException("Exercise 3.5 (FastPaths.SumInt64) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");
    }

    /// <summary>
    /// <paramref name="value"/> rotated left by <paramref name="count"/> bits. <see cref="ConstantExpectedAttribute"/>
    /// tells callers (analyzer CA1857) to pass a constant: inlined with one, the range check folds away and
    /// the rotation is a single instruction with an immediate operand.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 0 to 31.</exception>
    public static uint RotateLeft(uint value, int count)
    {
        // TODO: mark count as a value callers should pass as a constant from 0 to 31, reject any other, and rotate.
        throw new NotImplementedException("Exercise 3.5 (FastPaths.RotateLeft) is not solved yet. Hint: dotnet run --project grader -- hint 3.5");
    }
}
