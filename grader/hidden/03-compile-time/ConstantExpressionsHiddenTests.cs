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
    public void An_undefined_snippet_is_rejected()
    {
        Action undefined = () => ConstSnippets.Verdict((Snippet)999);
        undefined.Should().Throw<ArgumentOutOfRangeException>("999 is no snippet").Which.ParamName.Should().Be("snippet");
    }
}
