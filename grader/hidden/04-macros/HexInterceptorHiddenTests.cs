using System.Collections.Immutable;
using Katas.Macros.Generators;
using Microsoft.CodeAnalysis;

namespace Katas.Macros.HiddenTests;

[HiddenTests("4.4")]
public sealed class HexInterceptorHiddenTests
{
    // Shared helpers of the sources below: whether two spans are the same memory, and what 100 calls allocate.
    private const string Probe = """
        using System;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;

        public static class Probe
        {
            public static bool SameMemory(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
                Unsafe.AreSame(ref MemoryMarshal.GetReference(left), ref MemoryMarshal.GetReference(right));

            // Intercepted: every call returns the same constant data and allocates nothing (once compiled).
            public static bool Constant(Func<bool> sameMemory)
            {
                sameMemory();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    sameMemory();
                }

                return GC.GetAllocatedBytesForCurrentThread() == before && sameMemory();
            }
        }
        """;

    [KataFact]
    public void Constants_the_compiler_evaluates_are_intercepted_not_only_literals()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), Probe, """
            using System;
            using System.Collections.Generic;
            using Katas.Macros;

            public static class Checks
            {
                private const string Prefix = "CAFE";
                private const string Whole = Prefix + "BABE";

                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    yield return ("a const field is a constant: Hex.Decode(Whole) is CA FE BA BE",
                        Hex.Decode(Whole).SequenceEqual(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE }));
                    yield return ("a const field is a constant: Hex.Decode(Whole) is intercepted",
                        Probe.Constant(() => Probe.SameMemory(Hex.Decode(Whole), Hex.Decode(Whole))));
                    yield return ("a concatenation of constants is a constant: Hex.Decode(Prefix + \"00\") is intercepted",
                        Probe.Constant(() => Probe.SameMemory(Hex.Decode(Prefix + "00"), Hex.Decode(Prefix + "00"))));
                    yield return ("a named argument is still the argument: Hex.Decode(hex: \"0A\") is intercepted",
                        Probe.Constant(() => Probe.SameMemory(Hex.Decode(hex: "0A"), Hex.Decode(hex: "0A"))));
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("GetConstantValue knows every constant, not only literals");
    }

    [KataFact]
    public void Either_case_and_the_empty_string_decode_as_Convert_FromHexString_does()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), Probe, """
            using System;
            using System.Collections.Generic;
            using Katas.Macros;

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    yield return ("lower case: Hex.Decode(\"deadbeef\") is DE AD BE EF", Hex.Decode("deadbeef").SequenceEqual(Convert.FromHexString("deadbeef")));
                    yield return ("mixed case: Hex.Decode(\"aBcD09\") is AB CD 09", Hex.Decode("aBcD09").SequenceEqual(Convert.FromHexString("aBcD09")));
                    yield return ("every digit: Hex.Decode(\"0123456789abcdefABCDEF\")", Hex.Decode("0123456789abcdefABCDEF").SequenceEqual(Convert.FromHexString("0123456789abcdefABCDEF")));
                    yield return ("lower case is intercepted too", Probe.Constant(() => Probe.SameMemory(Hex.Decode("ff00"), Hex.Decode("ff00"))));
                    yield return ("the empty string is no bytes", Hex.Decode("").IsEmpty);
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("the interceptor must return exactly what Convert.FromHexString would");
    }

    [KataFact]
    public void The_empty_string_is_a_constant_call_too()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), """
            public static class Empty
            {
                public static System.ReadOnlySpan<byte> Nothing() => Katas.Macros.Hex.Decode("");
            }
            """);

        run.Sources.Keys.Should().Contain(HexInterceptorGenerator.InterceptorsHintName, "\"\" is valid hexadecimal for no bytes (Convert.FromHexString(\"\") is empty), so the call is intercepted");
    }

    [KataFact]
    public void A_constant_that_is_not_hexadecimal_is_left_to_throw_at_run_time()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), """
            using System;
            using System.Collections.Generic;
            using Katas.Macros;

            public static class Checks
            {
                private static bool Throws(Func<byte[]> call)
                {
                    try
                    {
                        call();
                        return false;
                    }
                    catch (FormatException)
                    {
                        return true;
                    }
                }

                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    yield return ("Hex.Decode(\"0G\") still throws FormatException: 'G' is no digit", Throws(() => Hex.Decode("0G").ToArray()));
                    yield return ("Hex.Decode(\"zz\") still throws FormatException", Throws(() => Hex.Decode("zz").ToArray()));
                    yield return ("Hex.Decode(\"ABC\") still throws FormatException: an odd number of digits", Throws(() => Hex.Decode("ABC").ToArray()));
                    yield return ("Hex.Decode(\"@@\") still throws FormatException: '@' comes just before 'A'", Throws(() => Hex.Decode("@@").ToArray()));
                    yield return ("Hex.Decode(\"::\") still throws FormatException: ':' comes just after '9'", Throws(() => Hex.Decode("::").ToArray()));
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("an interceptor must not turn a call that throws into one that returns made-up bytes");
        run.Sources.Keys.Should().NotContain(HexInterceptorGenerator.InterceptorsHintName, "none of these constants can be decoded, so nothing is intercepted");
    }

    [KataFact]
    public void Only_Katas_Macros_Hex_is_intercepted_however_the_call_is_spelled()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), Probe, """
            using System;
            using System.Collections.Generic;
            using static Katas.Macros.Hex;

            namespace Demo
            {
                public static class Codec
                {
                    // Another type's Decode, with the same signature: not ours to replace.
                    public static ReadOnlySpan<byte> Decode(string hex) => new byte[] { 42 };
                }

                public static class Checks
                {
                    public static IEnumerable<(string Fact, bool Holds)> All()
                    {
                        yield return ("Codec.Decode(\"FF\") is Codec's own answer, 42", Codec.Decode("FF").SequenceEqual(new byte[] { 42 }));
                        yield return ("Decode(\"0F\") through using static is Hex.Decode, and is intercepted",
                            Probe.Constant(() => Probe.SameMemory(Decode("0F"), Decode("0F"))));
                        yield return ("global::Katas.Macros.Hex.Decode(\"0E\") is intercepted",
                            Probe.Constant(() => Probe.SameMemory(global::Katas.Macros.Hex.Decode("0E"), global::Katas.Macros.Hex.Decode("0E"))));
                        Func<byte[]> inLambda = () => Decode("0D").ToArray();
                        yield return ("a call inside a lambda is a call too", inLambda().AsSpan().SequenceEqual(new byte[] { 0x0D }));
                    }
                }
            }
            """, """
            public static class SecondFile
            {
                public static System.ReadOnlySpan<byte> Bytes() => Katas.Macros.Hex.Decode("0102");
            }
            """);

        run.FailedFacts().Should().BeEmpty("the called method decides, not its name or how it is written");
        string generated = run.Generated(HexInterceptorGenerator.InterceptorsHintName);
        generated.Should().Contain("Source2.cs", "the call in the second file is intercepted too: the comment after each attribute names its place");
    }

    [KataFact]
    public async Task The_analyzer_accepts_every_constant_and_names_what_is_wrong()
    {
        ImmutableArray<Diagnostic> diagnostics = await Compiler.AnalyzeAsync(new HexArgumentAnalyzer(), AttributeSources.HexText, """
            using static Katas.Macros.Hex;

            namespace Demo
            {
                public static class Codec
                {
                    public static System.ReadOnlySpan<byte> Decode(string text) => default;
                }

                public static class Calls
                {
                    private const string Prefix = "AB";

                    public static void All(string text)
                    {
                        Decode(Prefix + "CD");
                        Decode(hex: "ef01");
                        Decode("");
                        Codec.Decode(text);
                        Codec.Decode("nothex");
                        Decode("12G4");
                        Decode(null!);
                        Decode(text + "00");
                    }
                }
            }
            """);

        diagnostics.Select(d => $"{d.Id} at {Compiler.LocatedText(d)}").Should().Equal(
            ["KATA003 at \"12G4\"", "KATA003 at null", "KATA002 at text + \"00\""],
            "constants of any spelling are fine, another type's Decode is not ours, a bad digit or null would throw, and a concatenation with a variable is not constant");
        diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain("'G'", "the message names the bad digit").And.Contain("2", "and its position");
        diagnostics[0].Severity.Should().Be(DiagnosticSeverity.Error, "a constant that can never decode is an error");
        diagnostics[2].Severity.Should().Be(DiagnosticSeverity.Warning, "a run-time decode works, it is only not free");
    }

    [KataFact]
    public void TryDecode_agrees_with_Convert_FromHexString()
    {
        string[] good = ["", "00", "ff", "FF", "0123456789abcdefABCDEF", "7f80"];
        string[] bad = ["0", "ABC", "0G", "g0", " 00", "00 ", "0x00", "@@", "``", "::", "//", "GG"];
        foreach (string text in good)
        {
            HexInterceptorGenerator.TryDecode(text, out byte[] bytes, out string? error).Should().BeTrue("\"{0}\" is hexadecimal ({1})", text, error);
            bytes.Should().Equal(Convert.FromHexString(text), "\"{0}\" decodes as Convert.FromHexString does", text);
        }

        foreach (string text in bad)
        {
            HexInterceptorGenerator.TryDecode(text, out _, out string? error).Should().BeFalse("Convert.FromHexString(\"{0}\") throws", text);
            error.Should().NotBeNullOrWhiteSpace("a rejected text comes with the reason");
        }

        HexInterceptorGenerator.TryDecode(null, out _, out _).Should().BeFalse("null is not hexadecimal");
    }
}
