using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Katas.Macros.Generators;

/// <summary>Exercise 4.6: the fix clippy would suggest for KATA001: add <c>partial</c> to the declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix))]
[Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(MacroDiagnostics.MustBePartial.Id);

    // TODO: return a provider that fixes every KATA001 of a document, project or solution in one go.
    public override FixAllProvider GetFixAllProvider() =>
        throw new NotImplementedException("Exercise 4.6 (MakePartialCodeFix.GetFixAllProvider) is not solved yet. Hint: dotnet run --project grader -- hint 4.6");

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        // TODO: for each diagnostic, register one code action titled "Make '<Name>' partial" (the same
        // equivalence key for all) that adds 'partial' to the type declaration at the diagnostic, in the
        // place C# requires, keeping the other modifiers, attributes, comments and layout as they were.
        throw new NotImplementedException("Exercise 4.6 (MakePartialCodeFix.RegisterCodeFixesAsync) is not solved yet. Hint: dotnet run --project grader -- hint 4.6");
    }
}
