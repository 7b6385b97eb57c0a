using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        context.RegisterPostInitializationOutput(static output =>
            output.AddSource(AttributeSources.HexHintName, SourceText.From(AttributeSources.HexText, Encoding.UTF8)));

        // The predicate sees only syntax, so it keeps every call named Decode; the transform asks the
        // semantic model whether it is ours (another type's Decode is not) and whether its argument is constant.
        IncrementalValuesProvider<HexCall> calls = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
                    && CalledName(invocation.Expression) == "Decode",
                transform: static (syntax, cancellationToken) => Describe((InvocationExpressionSyntax)syntax.Node, syntax.SemanticModel, cancellationToken))
            .Where(static call => call is not null)
            .Select(static (call, _) => call!)
            .WithTrackingName("Hex.Calls");

        context.RegisterSourceOutput(calls.Collect(), static (output, all) =>
        {
            if (!all.IsEmpty)
            {
                output.AddSource(InterceptorsHintName, SourceText.From(Render(all), Encoding.UTF8));
            }
        });
    }

    /// <summary>
    /// Decodes <paramref name="hex"/>, two digits per byte in either case, as <c>Convert.FromHexString</c>
    /// would (which netstandard2.0 lacks); false with the reason when it would throw instead.
    /// </summary>
    public static bool TryDecode(string? hex, out byte[] bytes, out string? error)
    {
        bytes = [];
        if (hex is null)
        {
            error = "null has no digits";
            return false;
        }

        if (hex.Length % 2 != 0)
        {
            error = $"it has an odd number of digits ({hex.Length})";
            return false;
        }

        var decoded = new byte[hex.Length / 2];
        for (int i = 0; i < hex.Length; i++)
        {
            int digit = DigitValue(hex[i]);
            if (digit < 0)
            {
                error = $"'{hex[i]}' at position {i} is not a hexadecimal digit";
                return false;
            }

            // The first digit of a pair is the high nibble.
            decoded[i / 2] |= (byte)(i % 2 == 0 ? digit << 4 : digit);
        }

        bytes = decoded;
        error = null;
        return true;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary><c>Decode</c> in <c>Hex.Decode(x)</c>, and in <c>Decode(x)</c> under <c>using static</c>.</summary>
    internal static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    private static HexCall? Describe(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "Decode", IsStatic: true } method
            || method.ContainingType.ToDisplayString() != AttributeSources.HexName)
        {
            return null;
        }

        // A constant is whatever the compiler evaluates: a literal, a const, a concatenation of constants.
        // A constant that is not hexadecimal is left alone: the analyzer reports it, and at run time it throws.
        Optional<object?> constant = model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, cancellationToken);
        if (!constant.HasValue || constant.Value is not string hex || !TryDecode(hex, out _, out _))
        {
            return null;
        }

        InterceptableLocation? location = model.GetInterceptableLocation(invocation, cancellationToken);
        // The comment after the attribute names the file without its folder: generated code stays the same on every machine.
        return location is null ? null : new HexCall(location.Version, location.Data, System.IO.Path.GetFileName(location.GetDisplayLocation()), hex);
    }

    private static string Render(ImmutableArray<HexCall> calls)
    {
        var code = new StringBuilder("""
            // <auto-generated/>
            #nullable enable

            namespace System.Runtime.CompilerServices
            {
                [global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]
                file sealed class InterceptsLocationAttribute : global::System.Attribute
                {
                    public InterceptsLocationAttribute(int version, string data)
                    {
                    }
                }
            }

            namespace Katas.Macros.Generated
            {
                file static class HexInterceptors
                {

            """);

        // One method per distinct constant, carrying one attribute per call site it replaces.
        int index = 0;
        foreach (IGrouping<string, HexCall> sameValue in calls.GroupBy(call => call.Hex, System.StringComparer.Ordinal).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            TryDecode(sameValue.Key, out byte[] bytes, out _);
            code.Append(index == 0 ? "" : "\n").Append("        // \"").Append(sameValue.Key).Append("\"\n");
            foreach (HexCall call in sameValue)
            {
                code.Append("        [global::System.Runtime.CompilerServices.InterceptsLocation(").Append(call.Version).Append(", \"").Append(call.Data)
                    .Append("\")] // ").Append(call.DisplayLocation).Append('\n');
            }

            // new byte[] { constants } as a ReadOnlySpan<byte> is data in the image, not an allocation.
            code.Append("        public static global::System.ReadOnlySpan<byte> Decode").Append(index++).Append("(string hex) => ")
                .Append(bytes.Length == 0 ? "default" : "new byte[] { " + string.Join(", ", bytes.Select(b => "0x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))) + " }")
                .Append(";\n");
        }

        code.Append("    }\n}\n");
        return code.ToString();
    }

    /// <summary>One call to replace: where (as the compiler encodes it), for the comment, and its constant.</summary>
    private sealed record HexCall(int Version, string Data, string DisplayLocation, string Hex);
}
