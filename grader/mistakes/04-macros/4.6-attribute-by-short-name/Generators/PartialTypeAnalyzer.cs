// Mistake: the attribute is recognised by its short name, so any AutoEquatableAttribute in any namespace triggers it.
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Katas.Macros.Generators;

/// <summary>
/// Exercise 4.6: a clippy-style lint. Reports KATA001 on every declaration of a type that the generators
/// must add code to and that is not partial: a type marked [AutoEquatable], a type with a [Memoize]
/// method, and every type such a type is nested in.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialTypeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(MacroDiagnostics.MustBePartial);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // One symbol action per type, each reporting only its own declarations: an outer type with two
        // marked nested types is reported once, not once per nested type.
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        string? reason = Reason(type);
        if (reason is null)
        {
            return;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                // At the name: that is what the editor underlines, and where the fix puts the caret.
                context.ReportDiagnostic(Diagnostic.Create(MacroDiagnostics.MustBePartial, declaration.Identifier.GetLocation(), type.Name, reason));
            }
        }
    }

    /// <summary>Why <paramref name="type"/> must be partial, or null when it need not be.</summary>
    private static string? Reason(INamedTypeSymbol type)
    {
        if (HasAttribute(type, AttributeSources.AutoEquatableName))
        {
            return "[AutoEquatable]";
        }

        if (type.GetMembers().OfType<IMethodSymbol>().Any(m => HasAttribute(m, AttributeSources.MemoizeName)))
        {
            return "[Memoize]";
        }

        return type.GetTypeMembers().Any(nested => Reason(nested) is not null) ? "a nested type needs generated code" : null;
    }

    // By full name: an unrelated attribute that happens to be called AutoEquatable elsewhere is not ours.
    private static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => metadataName.EndsWith("." + a.AttributeClass?.Name, System.StringComparison.Ordinal)); // bug: by short name
}
