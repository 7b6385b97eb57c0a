using System.Numerics;

namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.4: one <see cref="Sum{T}"/> and one <see cref="Mean{T}"/> for every number type, written once.
/// The operators are static abstract members of the generic-math interfaces; the JIT compiles one copy of
/// each method per value type (int, double, decimal, <see cref="Fixed16"/>), with the type's own operator
/// inlined: Rust's monomorphised <c>fn sum&lt;T: Add&gt;</c>, with no boxing and no virtual call.
/// </summary>
/// <remarks>
/// The constraints are the four interfaces of <see cref="INumber{TSelf}"/> that the two methods use, not
/// INumber itself, so that a type needs only those operators to take part: int, double and decimal
/// implement them as part of INumber, <see cref="Fixed16"/> implements exactly these.
/// </remarks>
public static class GenericMath
{
    /// <summary>
    /// The sum of <paramref name="values"/>, added in <typeparamref name="T"/> with overflow checking:
    /// int, decimal and <see cref="Fixed16"/> throw <see cref="OverflowException"/> when the sum leaves their
    /// range; double follows IEEE 754 and becomes infinity. The sum of no values is zero.
    /// </summary>
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
    {
        // TODO: add the values in T, with overflow checking (an int or decimal sum out of range throws
        // OverflowException). No boxing, no dynamic, no conversion to double or any other type.
        throw new NotImplementedException("Exercise 3.4 (GenericMath.Sum) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");
    }

    /// <summary>
    /// The arithmetic mean of <paramref name="values"/>: their checked <see cref="Sum{T}"/> divided by their
    /// count, in <typeparamref name="T"/>. For integers the division truncates toward zero (the mean of 1 and
    /// 2 as int is 1); decimal keeps every digit; the sum overflowing throws as in <see cref="Sum{T}"/>, and
    /// so does a count that <typeparamref name="T"/> cannot hold (128 values of sbyte).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty: the mean of nothing is undefined.</exception>
    public static T Mean<T>(ReadOnlySpan<T> values)
        where T : IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IDivisionOperators<T, T, T>
    {
        // TODO: reject no values (naming the argument), then the checked sum divided by the count, computed in
        // T: the constraints give you every operation you need. No conversion to double or any other type.
        throw new NotImplementedException("Exercise 3.4 (GenericMath.Mean) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");
    }
}
