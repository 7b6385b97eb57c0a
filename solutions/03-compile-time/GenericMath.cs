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
        T total = T.AdditiveIdentity;
        foreach (T value in values)
        {
            // checked(...) makes the compiler call the type's "operator checked +" (op_CheckedAddition);
            // types without one (double) fall back to their plain operator.
            total = checked(total + value);
        }

        return total;
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
        if (values.IsEmpty)
        {
            throw new ArgumentException("The mean of no values is undefined: pass at least one value.", nameof(values));
        }

        // The count is counted in T itself, one MultiplicativeIdentity per value: no conversion from int is
        // needed (so none can lose precision), and a count the type cannot hold overflows like the sum does.
        T total = T.AdditiveIdentity;
        T count = T.AdditiveIdentity;
        foreach (T value in values)
        {
            total = checked(total + value);
            count = checked(count + T.MultiplicativeIdentity);
        }

        // One division at the end: dividing every value first would truncate every term for integers.
        return total / count;
    }
}
