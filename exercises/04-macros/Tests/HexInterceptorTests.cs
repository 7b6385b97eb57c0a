using System.Collections.Immutable;
using Katas.Macros.Generators;
using Microsoft.CodeAnalysis;

namespace Katas.Macros.Tests;

[Exercise("4.4", "Function-like: an interceptor that decodes at build time", Points = 20, StudentFiles = "Generators/HexInterceptorGenerator.cs Generators/HexArgumentAnalyzer.cs", Hint = """
    A function-like macro such as hex!("DEADBEEF") runs in the compiler and leaves only its result behind.
    C# cannot add syntax, but since C# 12 a generator can redirect one particular call, at one particular
    place in your source, to a method it writes. Which calls may be replaced (what does "constant" mean to
    the compiler: only a literal?), how do you know a call named Decode is really Hex.Decode, and what must
    the replacement return so that it allocates nothing?
    """, MoreHint = """
    The syntax provider's predicate keeps invocations named Decode; the transform asks the SemanticModel
    for the called symbol (GetSymbolInfo), the argument's constant (GetConstantValue) and the call's
    GetInterceptableLocation. The generated method carries [InterceptsLocation(version, data)], an attribute
    your file declares itself (file-local, in System.Runtime.CompilerServices), has the same signature as
    Hex.Decode, and returns new byte[] { ... } as a ReadOnlySpan<byte>: data in the image, as in 3.3. The
    analyzer: RegisterOperationAction on OperationKind.Invocation, IInvocationOperation.TargetMethod and the
    argument's ConstantValue.
    """, Recap = """
    An interceptor replaces a call the compiler can see is constant with a method written at build time:
    the nearest C# has to a function-like macro. The analyzer tells the user when a call cannot be replaced.
    """, Benchmark = "dotnet run -c Release --project exercises/04-macros/Benchmarks -- --filter '*Hex*' --job short")]
public sealed class HexInterceptorTests
{
    private const string Uses = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        using Katas.Macros;

        namespace Demo;

        public static class Uses
        {
            public static ReadOnlySpan<byte> Magic() => Hex.Decode("DEADBEEF");

            public static ReadOnlySpan<byte> MagicAgain() => Hex.Decode("DEADBEEF");

            public static ReadOnlySpan<byte> Header() => Hex.Decode("89504E47");

            public static ReadOnlySpan<byte> AtRunTime(int n) => Hex.Decode("0" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));

            public static bool SameMemory(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
                Unsafe.AreSame(ref MemoryMarshal.GetReference(left), ref MemoryMarshal.GetReference(right));

            public static long BytesAllocatedBy100Calls()
            {
                int total = Header().Length;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    total += Header().Length;
                }

                return GC.GetAllocatedBytesForCurrentThread() - before + (total == 404 ? 0 : 1_000_000);
            }
        }

        public static class Checks
        {
            public static IEnumerable<(string Fact, bool Holds)> All()
            {
                yield return ("Hex.Decode(\"DEADBEEF\") returns DE AD BE EF", Uses.Magic().SequenceEqual(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }));
                yield return ("Hex.Decode(\"89504E47\") returns 89 50 4E 47", Uses.Header().SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
                yield return ("a call with a constant returns constant data: the same memory on every call, at every call site",
                    Uses.SameMemory(Uses.Magic(), Uses.Magic()) && Uses.SameMemory(Uses.Magic(), Uses.MagicAgain()));
                yield return ("a call with a constant allocates nothing", Uses.BytesAllocatedBy100Calls() == 0);
                yield return ("a call whose argument is not constant still decodes, at run time", Uses.AtRunTime(7).SequenceEqual(new byte[] { 0x07 }));
                yield return ("a call whose argument is not constant is left alone: a new array each time",
                    !Uses.SameMemory(Uses.AtRunTime(7), Uses.AtRunTime(7)));
            }
        }
        """;

    [KataFact]
    public void Constant_calls_return_bytes_decoded_at_build_time()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), Uses);

        run.FailedFacts().Should().BeEmpty("these facts must hold once the constant calls are intercepted");
    }

    [KataFact]
    public void Each_constant_call_site_is_intercepted_once_and_the_others_not_at_all()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), Uses);

        string generated = run.Generated(HexInterceptorGenerator.InterceptorsHintName);
        CountOf(generated, "InterceptsLocation(").Should().Be(3,
            "Uses has three calls with a constant argument (two of \"DEADBEEF\", one of \"89504E47\") and one without; each constant call site needs one [InterceptsLocation]:{0}{1}",
            Environment.NewLine, generated);
    }

    [KataFact]
    public void A_source_without_constant_calls_gets_no_interceptors()
    {
        GeneratorRun run = Compiler.Generate(new HexInterceptorGenerator(), """
            public static class NoCalls
            {
                public static System.ReadOnlySpan<byte> Parse(string text) => Katas.Macros.Hex.Decode(text);
            }
            """);

        run.Sources.Keys.Should().NotContain(HexInterceptorGenerator.InterceptorsHintName, "there is nothing to intercept");
        run.Sources.Keys.Should().Contain(AttributeSources.HexHintName, "Hex itself is always added (RegisterPostInitializationOutput)");
    }

    [KataFact]
    public async Task A_call_that_cannot_be_replaced_is_reported_at_its_argument()
    {
        ImmutableArray<Diagnostic> diagnostics = await Compiler.AnalyzeAsync(new HexArgumentAnalyzer(), AttributeSources.HexText, """
            using Katas.Macros;

            public static class Calls
            {
                public static void All(string text)
                {
                    Hex.Decode("CAFE");
                    Hex.Decode(text);
                    Hex.Decode("ABC");
                }
            }
            """);

        diagnostics.Select(d => $"{d.Id} at {Compiler.LocatedText(d)}").Should().Equal(
            ["KATA002 at text", "KATA003 at \"ABC\""],
            "a constant that is hexadecimal is fine; a variable cannot be replaced (KATA002, a warning); an odd number of digits would throw (KATA003, an error); each at the argument");
        diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain("ABC", "the message quotes the constant").And.Contain("odd", "and says what is wrong with it");
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
