using System.Globalization;
using System.Numerics;

namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.4: a fixed-point number with 16 fractional bits (Q15.16): the value is <see cref="Raw"/> / 65536,
/// from -32768 to 32767.99998, in steps of 1/65536. It takes part in <see cref="GenericMath"/> by
/// implementing the generic-math operator interfaces, whose members are static abstract: the generic code
/// calls <c>Fixed16.op_Addition</c> directly, chosen when the JIT compiles <c>Sum&lt;Fixed16&gt;</c>.
/// </summary>
public readonly struct Fixed16 :
    IAdditionOperators<Fixed16, Fixed16, Fixed16>,
    IMultiplyOperators<Fixed16, Fixed16, Fixed16>,
    IDivisionOperators<Fixed16, Fixed16, Fixed16>,
    IAdditiveIdentity<Fixed16, Fixed16>,
    IMultiplicativeIdentity<Fixed16, Fixed16>,
    IEquatable<Fixed16>
{
    /// <summary>The number of fractional bits: one unit of <see cref="Raw"/> is 2^-16.</summary>
    public const int FractionalBits = 16;

    private const int OneRaw = 1 << FractionalBits;

    private Fixed16(int raw) => Raw = raw;

    /// <summary>The value times 65536, as stored.</summary>
    public int Raw { get; }

    /// <summary>Zero (raw 0), the identity of addition.</summary>
    // TODO: this member, MultiplicativeIdentity and the three operators marked TODO are yours, one line each. With the given
    // members they are all that Sum and Mean need from a number type. (INumber<Fixed16> itself has
    // some 80 static members, parsing and formatting included: too many for this exercise.)
    public static Fixed16 AdditiveIdentity => throw new NotImplementedException("Exercise 3.4 (Fixed16.AdditiveIdentity) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>One (raw 65536), the identity of multiplication.</summary>
    public static Fixed16 MultiplicativeIdentity => throw new NotImplementedException("Exercise 3.4 (Fixed16.MultiplicativeIdentity) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>The number whose raw representation is <paramref name="raw"/>. Given.</summary>
    public static Fixed16 FromRaw(int raw) => new(raw);

    /// <summary>The whole number <paramref name="value"/>. Given.</summary>
    /// <exception cref="OverflowException"><paramref name="value"/> is outside -32768 to 32767.</exception>
    public static Fixed16 FromInt32(int value) => new(checked(value * OneRaw));

    /// <summary><paramref name="value"/> rounded to the nearest 1/65536. Given.</summary>
    /// <exception cref="OverflowException"><paramref name="value"/> is outside the range, or not a number.</exception>
    public static Fixed16 FromDouble(double value) => new(checked((int)Math.Round(value * OneRaw)));

    /// <summary>The value as a double (exact: 32 bits fit in a double's 53). Given.</summary>
    public double ToDouble() => (double)Raw / OneRaw;

    /// <summary>Wrapping addition, like int's: the raw values are added and overflow wraps around. Given.</summary>
    public static Fixed16 operator +(Fixed16 left, Fixed16 right) => new(unchecked(left.Raw + right.Raw));

    /// <summary>Checked addition, used inside <c>checked(...)</c>, as <see cref="GenericMath.Sum{T}"/> does.</summary>
    /// <exception cref="OverflowException">The sum is outside the range.</exception>
    // TODO: throw OverflowException instead of wrapping.
    public static Fixed16 operator checked +(Fixed16 left, Fixed16 right) => throw new NotImplementedException("Exercise 3.4 (Fixed16.op_CheckedAddition) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>
    /// The product, truncated toward negative infinity to 1/65536 (wrapping when out of range).
    /// </summary>
    // TODO: exact for every pair whose product is in range, e.g. 100 * 300 (whose raw product does not fit in an int).
    public static Fixed16 operator *(Fixed16 left, Fixed16 right) =>
        throw new NotImplementedException("Exercise 3.4 (Fixed16.op_Multiply) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>
    /// The quotient, truncated toward zero to 1/65536 (wrapping when out of range).
    /// </summary>
    /// <exception cref="DivideByZeroException"><paramref name="right"/> is zero.</exception>
    // TODO: keep the fractional bits of the quotient (1 / 4 is 0.25); a zero divisor throws DivideByZeroException.
    public static Fixed16 operator /(Fixed16 left, Fixed16 right) =>
        throw new NotImplementedException("Exercise 3.4 (Fixed16.op_Division) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>Equality of the raw values. Given.</summary>
    public static bool operator ==(Fixed16 left, Fixed16 right) => left.Raw == right.Raw;

    /// <summary>Inequality of the raw values. Given.</summary>
    public static bool operator !=(Fixed16 left, Fixed16 right) => left.Raw != right.Raw;

    /// <inheritdoc />
    public bool Equals(Fixed16 other) => Raw == other.Raw;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Fixed16 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Raw;

    /// <summary>The value in the invariant culture, e.g. <c>1.5</c>. Given.</summary>
    public override string ToString() => ToDouble().ToString(CultureInfo.InvariantCulture);
}
