using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Katas.Macros.Generators;

/// <summary>
/// Exercise 4.4: a function-like macro, <c>hex!("DEADBEEF")</c>. Adds <c>Katas.Macros.Hex</c>, and replaces
/// every call <c>Hex.Decode(constant)</c> whose constant is hexadecimal by an interceptor that returns the
/// bytes decoded at build time: constant data in the assembly, so the call allocates nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HexInterceptorGenerator : IIncrementalGenerator
{
    /// <summary>The hint name of the file with the interceptors.</summary>
    public const string InterceptorsHintName = "Katas.Macros.Hex.Interceptors.g.cs";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Given: the Hex class whose calls you replace.
        context.RegisterPostInitializationOutput(static output =>
            output.AddSource(AttributeSources.HexHintName, SourceText.From(AttributeSources.HexText, Encoding.UTF8)));

        // TODO: when the compilation calls Katas.Macros.Hex.Decode (AttributeSources.HexName; not another
        // type's Decode) with an argument the compiler evaluates to a hexadecimal string (a literal, a const,
        // a concatenation of constants; either case; "" too), add one file named InterceptorsHintName whose
        // interceptors, in the namespace AttributeSources.InterceptorsNamespace, return those bytes as constant
        // data: every such call site intercepted exactly once, no allocation per call. Leave every other
        // call alone (a constant that is not hexadecimal must still throw at run time), and add no file when
        // there is nothing to intercept. Pipeline models hold values only (as in 4.2).
        throw new NotImplementedException("Exercise 4.4 (HexInterceptorGenerator.Initialize) is not solved yet. Hint: dotnet run --project grader -- hint 4.4");
    }

    /// <summary>
    /// Decodes <paramref name="hex"/>, two digits per byte in either case, as <c>Convert.FromHexString</c>
    /// would (which netstandard2.0 lacks); false with the reason when it would throw instead.
    /// </summary>
    public static bool TryDecode(string? hex, out byte[] bytes, out string? error)
    {
        // TODO: accept exactly what Convert.FromHexString accepts (null, an odd length, or any character
        // other than 0-9, a-f, A-F is rejected); on rejection say why, naming the bad character and its position.
        throw new NotImplementedException("Exercise 4.4 (HexInterceptorGenerator.TryDecode) is not solved yet. Hint: dotnet run --project grader -- hint 4.4");
    }
}
