using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Katas.CompileTime.Tests;

[Exercise("3.2", "What can be constant", Points = 10, StudentFiles = "ConstantExpressions.cs", Hint = """
    A constant is a value the compiler works out by itself, with no code run: numbers, bool, char, string,
    decimal, enums and null, combined with operators, casts, nameof, and strings made of other constant
    strings. What would the compiler need to run to know the value of an array, a struct, Math.Sqrt(2) or
    the text of the number 3? And which type does 1 << 40 have before it is stored in a long?
    """, MoreHint = """
    Each Sizes constant is an expression of literals and the constants before it (shifts, *, ~, -); the
    long one needs a long operand (the L suffix), or the shift is an int shift by 40 mod 32. Banner is an
    interpolated string whose holes are constant strings; KiBName is nameof. For the verdicts, the errors
    to know: CS0133 (not constant), CS0283 (type cannot be const), CS0134 (reference type other than string),
    CS0220 (overflow at compile time), CS0020 (division by constant zero), CS0031 (does not fit), CS0110 (circular).
    Docs: https://learn.microsoft.com/dotnet/csharp/language-reference/keywords/const
    """, Recap = """
    C#'s const is Rust's const without const fn: the compiler folds operators, casts, nameof and constant
    strings, and refuses anything that needs code to run or a struct or array to exist. What cannot be
    const is static readonly (computed when the type starts) or constant data in the image (3.3).
    """)]
public sealed class ConstantExpressionsTests
{
    public static TheoryData<Snippet> AllSnippets => [.. Enum.GetValues<Snippet>()];

    [KataFact]
    public void Sizes_are_constants_folded_by_the_compiler()
    {
        foreach (FieldInfo field in typeof(Sizes).GetFields().Concat(typeof(Names).GetFields()))
        {
            field.IsLiteral.Should().BeTrue($"{field.DeclaringType!.Name}.{field.Name} must be a const: a literal in the metadata, copied into every use");
        }

        Sizes.KiB.Should().Be(1024, "a KiB is 2^10 bytes");
        Sizes.PageSize.Should().Be(4096, "a page is 4 KiB");
        Sizes.PageOffsetMask.Should().Be(0xFFFu, "the offset inside a 4 KiB page is its low 12 bits: PageSize - 1");
        Sizes.SecondsPerWeek.Should().Be(604_800, "7 * 24 * 60 * 60");
    }

    [KataFact]
    public void Strings_are_built_from_other_constants()
    {
        Names.Banner.Should().Be("Katas: compile-time", "the banner is Product, a colon and a space, and Module");
        Names.KiBName.Should().Be("KiB", "nameof(Sizes.KiB) is a constant string, and it follows a rename where a typed string would not");
    }

    [KataTheory]
    [MemberData(nameof(AllSnippets))]
    public void Each_snippet_gets_the_compilers_verdict(Snippet snippet)
    {
        string source = ConstSnippets.Source(snippet);
        IReadOnlyList<Diagnostic> errors = SnippetCompiler.Errors(source);
        string? actual = errors.Count == 0 ? null : errors[0].Id;

        string says = actual is null
            ? "the compiler accepts it"
            : $"the compiler's first error is {actual}: {errors[0].GetMessage(CultureInfo.InvariantCulture)}";
        ConstSnippets.Verdict(snippet).Should().Be(actual, $"for `{source}` {says}");
    }
}
