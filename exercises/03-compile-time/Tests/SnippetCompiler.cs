using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// The compiler's first use in a process costs seconds (loading and JIT-compiling Roslyn): it is paid
// once, before the first test, instead of inside one test's time limit.
[assembly: AssemblyFixture(typeof(Katas.CompileTime.Tests.CompilerWarmUp))]

namespace Katas.CompileTime.Tests;

/// <summary>Compiles and emits one small program before any test runs (see the assembly attribute above).</summary>
public sealed class CompilerWarmUp
{
    public CompilerWarmUp()
    {
        using var stream = new MemoryStream();
        CSharpCompilation.Create("Katas.WarmUp", [CSharpSyntaxTree.ParseText("public static class WarmUp { public const int Answer = 42; }")],
            [Net100.References.SystemRuntime], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).Emit(stream);
    }
}

/// <summary>Compiles C# declarations in memory, only far enough to learn the compiler's errors (no emit).</summary>
internal static class SnippetCompiler
{
    /// <summary>Made once: a MetadataReference reads and indexes its whole file.</summary>
    private static readonly MetadataReference[] s_framework = [Net100.References.SystemRuntime];

    /// <summary>The errors of <paramref name="members"/> declared inside <c>public static class C</c>, in the compiler's order.</summary>
    public static IReadOnlyList<Diagnostic> Errors(string members, params IEnumerable<MetadataReference> references) =>
        [.. Compile(members, references).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>The values the compiler folds the constants of <paramref name="members"/> to, by name (an enum's as its underlying number).</summary>
    public static IReadOnlyDictionary<string, object?> Constants(string members) =>
        Compile(members, []).GetTypeByMetadataName("C")!.GetMembers().OfType<IFieldSymbol>()
            .Where(field => field.HasConstantValue)
            .ToDictionary(field => field.Name, field => field.ConstantValue);

    private static CSharpCompilation Compile(string members, IEnumerable<MetadataReference> references) => CSharpCompilation.Create(
        "Katas.Snippet",
        [CSharpSyntaxTree.ParseText($"public static class C {{ {members} }}")],
        [.. s_framework, .. references],
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
