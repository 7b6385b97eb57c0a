namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.2: sizes and masks as constants. The compiler folds each expression to one number, stored in
/// the metadata and copied into every use: no code runs, ever, to compute them (the tests find them as
/// literal fields). They are written as expressions of each other on purpose: the folding is free.
/// </summary>
public static class Sizes
{
    /// <summary>1024.</summary>
    public const int KiB = 1 << 10;

    /// <summary>A 4 KiB page.</summary>
    public const int PageSize = 4 * KiB;

    /// <summary>2^40. <c>1 &lt;&lt; 40</c> would be an int shift, by 40 mod 32: 256, without a warning.</summary>
    public const long TiB = 1L << 40;

    /// <summary>The bits of an address that select a byte inside its page: 0xFFF.</summary>
    public const uint PageOffsetMask = PageSize - 1;

    /// <summary>The bits of an address that select its page: every bit but the offset's, 0xFFFFF000.</summary>
    public const uint PageNumberMask = ~PageOffsetMask;

    /// <summary>7 days of 24 hours of 3600 seconds.</summary>
    public const int SecondsPerWeek = 7 * 24 * 60 * 60;
}

/// <summary>Exercise 3.2: strings can be constant too, built from other constant strings.</summary>
public static class Names
{
    /// <summary>Given.</summary>
    public const string Product = "Katas";

    /// <summary>Given.</summary>
    public const string Module = "compile-time";

    /// <summary>"Katas: compile-time". An interpolated string is constant when every hole is a constant string.</summary>
    public const string Banner = $"{Product}: {Module}";

    /// <summary>"KiB": nameof is a constant, and it follows a rename where a typed string would not.</summary>
    public const string KiBName = nameof(Sizes.KiB);
}

/// <summary>The declarations of <see cref="ConstSnippets"/>: some compile, some the compiler refuses.</summary>
public enum Snippet
{
    /// <summary><c>const int KiB = 1 &lt;&lt; 10;</c></summary>
    ShiftedInt,

    /// <summary><c>const string Joined = "Katas." + nameof(C);</c></summary>
    ConcatenatedNames,

    /// <summary><c>const string Label = $"{"v"}{nameof(C)}";</c></summary>
    InterpolatedStrings,

    /// <summary><c>const string Version = $"v{3}";</c></summary>
    InterpolatedNumber,

    /// <summary><c>const string Version = "v" + 3;</c></summary>
    StringPlusNumber,

    /// <summary><c>const int Wrapped = unchecked(int.MaxValue + 1);</c></summary>
    UncheckedOverflow,

    /// <summary><c>const int Mib = 1 &lt;&lt; 20; const int Tib = Mib * Mib;</c></summary>
    CheckedOverflow,

    /// <summary><c>const long Tera = 1 &lt;&lt; 40;</c></summary>
    ShiftPastWidth,

    /// <summary><c>const int Three = (int)3.9;</c></summary>
    TruncatingCast,

    /// <summary><c>const double Third = 1 / 3;</c></summary>
    IntegerDivision,

    /// <summary><c>const int Zero = 0; const int Infinite = 1 / Zero;</c></summary>
    DivideByZero,

    /// <summary><c>const byte Max = 256;</c></summary>
    NarrowByte,

    /// <summary><c>const System.DayOfWeek Payday = System.DayOfWeek.Friday;</c></summary>
    EnumMember,

    /// <summary><c>const int[] Primes = [2, 3, 5];</c></summary>
    IntArray,

    /// <summary><c>const System.Guid Empty = default;</c></summary>
    GuidStruct,

    /// <summary><c>const object One = 1;</c></summary>
    BoxedNumber,

    /// <summary><c>const double Root = System.Math.Sqrt(2);</c></summary>
    MethodCall,

    /// <summary><c>const int Length = "abc".Length;</c></summary>
    StringLength,

    /// <summary><c>const int A = B; const int B = A;</c></summary>
    Circular,
}

/// <summary>
/// Exercise 3.2: what can be a constant. Each <see cref="Snippet"/> is a declaration inside
/// <c>public static class C { ... }</c>; <see cref="Verdict"/> says what the compiler makes of it.
/// </summary>
public static class ConstSnippets
{
    /// <summary>Given: the source of <paramref name="snippet"/>, declared inside <c>public static class C</c>.</summary>
    public static string Source(Snippet snippet) => snippet switch
    {
        Snippet.ShiftedInt => "const int KiB = 1 << 10;",
        Snippet.ConcatenatedNames => "const string Joined = \"Katas.\" + nameof(C);",
        Snippet.InterpolatedStrings => "const string Label = $\"{\"v\"}{nameof(C)}\";",
        Snippet.InterpolatedNumber => "const string Version = $\"v{3}\";",
        Snippet.StringPlusNumber => "const string Version = \"v\" + 3;",
        Snippet.UncheckedOverflow => "const int Wrapped = unchecked(int.MaxValue + 1);",
        Snippet.CheckedOverflow => "const int Mib = 1 << 20; const int Tib = Mib * Mib;",
        Snippet.ShiftPastWidth => "const long Tera = 1 << 40;",
        Snippet.TruncatingCast => "const int Three = (int)3.9;",
        Snippet.IntegerDivision => "const double Third = 1 / 3;",
        Snippet.DivideByZero => "const int Zero = 0; const int Infinite = 1 / Zero;",
        Snippet.NarrowByte => "const byte Max = 256;",
        Snippet.EnumMember => "const System.DayOfWeek Payday = System.DayOfWeek.Friday;",
        Snippet.IntArray => "const int[] Primes = [2, 3, 5];",
        Snippet.GuidStruct => "const System.Guid Empty = default;",
        Snippet.BoxedNumber => "const object One = 1;",
        Snippet.MethodCall => "const double Root = System.Math.Sqrt(2);",
        Snippet.StringLength => "const int Length = \"abc\".Length;",
        Snippet.Circular => "const int A = B; const int B = A;",
        _ => throw new ArgumentOutOfRangeException(nameof(snippet), snippet, "Not a snippet."),
    };

    /// <summary>
    /// The id of the first error the C# compiler reports for <paramref name="snippet"/> (e.g. "CS0133"),
    /// or null when it compiles.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="snippet"/> is not a defined snippet.</exception>
    public static string? Verdict(Snippet snippet) =>
        // Grouped by reason. A constant is a value the compiler computes: numbers, bool, char, string,
        // decimal, enums and null, combined by operators, casts and nameof. Anything that needs code to run
        // (a method, a property, an allocation) or a type the runtime must build (a struct, an array) is out.
        snippet switch
        {
            // Folded by the compiler; some to a surprising value (1 / 3 is 0, 1 << 40 is 256).
            Snippet.ShiftedInt or Snippet.ConcatenatedNames or Snippet.InterpolatedStrings or Snippet.UncheckedOverflow
                or Snippet.ShiftPastWidth or Snippet.TruncatingCast or Snippet.IntegerDivision or Snippet.EnumMember => null,

            // CS0133, "must be constant": a conversion of a number to text (culture-dependent, done by
            // ToString at run time), an array, a method call, a property.
            Snippet.InterpolatedNumber or Snippet.StringPlusNumber or Snippet.IntArray or Snippet.MethodCall or Snippet.StringLength => "CS0133",

            // CS0220: constant arithmetic is checked at compile time, unless written unchecked.
            Snippet.CheckedOverflow => "CS0220",

            // CS0020: division by a constant zero.
            Snippet.DivideByZero => "CS0020",

            // CS0031: the constant does not fit its type.
            Snippet.NarrowByte => "CS0031",

            // CS0283: no struct other than the built-in numeric types can be const.
            Snippet.GuidStruct => "CS0283",

            // CS0134: a const of a reference type other than string can only be null (1 would need a box).
            Snippet.BoxedNumber => "CS0134",

            // CS0110: a circular definition.
            Snippet.Circular => "CS0110",

            _ => throw new ArgumentOutOfRangeException(nameof(snippet), snippet, "Not a snippet."),
        };
}
