using Katas.CompileTime.Tests;
using Microsoft.CodeAnalysis;

namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.2")]
public sealed class ConstantExpressionsHiddenTests
{
    [KataFact]
    public void A_tebibyte_needs_a_long_shift_and_the_masks_are_complements()
    {
        Sizes.TiB.Should().Be(1_099_511_627_776L, "2^40; 1 << 40 is an int shift, by 40 mod 32 = 8 bits: 256, and the compiler does not warn");
        Sizes.PageNumberMask.Should().Be(0xFFFF_F000u, "every bit but the page offset's: ~PageOffsetMask");
        (Sizes.PageNumberMask & Sizes.PageOffsetMask).Should().Be(0u, "the page number and the offset share no bit");
    }

    [KataFact]
    public void The_constants_are_constants_to_another_compiler_too()
    {
        MetadataReference library = MetadataReference.CreateFromFile(typeof(Sizes).Assembly.Location);

        SnippetCompiler.Errors(
            "const long Petabyte = Katas.CompileTime.Sizes.TiB * 1024; const string Shout = Katas.CompileTime.Names.Banner + \"!\";" +
            " const string Named = Katas.CompileTime.Names.KiBName;",
            library).Should().BeEmpty("a const of another assembly is a constant expression in its callers: the values must be const, not static readonly");
    }

    [KataFact]
    public void The_snippets_that_compile_fold_to_surprising_values()
    {
        // What the compiler computes for each snippet it accepts: the value is baked into every caller as is.
        (Snippet Snippet, string Name, object Value, string Because)[] folded =
        [
            (Snippet.ShiftedInt, "KiB", 1024, ""),
            (Snippet.ConcatenatedNames, "Joined", "Katas.C", ""),
            (Snippet.InterpolatedStrings, "Label", "vC", ""),
            (Snippet.UncheckedOverflow, "Wrapped", int.MinValue, "unchecked constant arithmetic wraps at compile time as it would at run time"),
            (Snippet.ShiftPastWidth, "Tera", 256L, "1 << 40 is an int shift by 40 mod 32, widened to long afterwards"),
            (Snippet.TruncatingCast, "Three", 3, ""),
            (Snippet.IntegerDivision, "Third", 0.0, "1 / 3 is an int division, converted to double afterwards"),
            (Snippet.EnumMember, "Payday", (int)DayOfWeek.Friday, ""),
        ];
        foreach ((Snippet snippet, string name, object value, string because) in folded)
        {
            SnippetCompiler.Constants(ConstSnippets.Source(snippet)).Should().Equal(new Dictionary<string, object?> { [name] = value }, because);
        }
    }

    [KataFact]
    public void An_undefined_snippet_is_rejected()
    {
        Action undefined = () => ConstSnippets.Verdict((Snippet)999);
        undefined.Should().Throw<ArgumentOutOfRangeException>("999 is no snippet").Which.ParamName.Should().Be("snippet");
    }
}
