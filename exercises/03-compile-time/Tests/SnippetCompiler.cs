using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Katas.CompileTime.Tests;

/// <summary>Compiles C# declarations in memory, only far enough to learn the compiler's errors (no emit).</summary>
internal static class SnippetCompiler
{
    /// <summary>Made once: a MetadataReference reads and indexes its whole file.</summary>
    private static readonly MetadataReference[] s_framework = [Net100.References.SystemRuntime];

    /// <summary>The errors of <paramref name="members"/> declared inside <c>public static class C</c>, in the compiler's order.</summary>
    public static IReadOnlyList<Diagnostic> Errors(string members, params IEnumerable<MetadataReference> references)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Katas.Snippet",
            [CSharpSyntaxTree.ParseText($"public static class C {{ {members} }}")],
            [.. s_framework, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }
}
