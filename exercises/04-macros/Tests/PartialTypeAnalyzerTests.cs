using System.Collections.Immutable;
using Katas.Macros.Generators;
using Microsoft.CodeAnalysis;

namespace Katas.Macros.Tests;

[Exercise("4.6", "A lint with a suggestion: an analyzer and its code fix", Points = 20, StudentFiles = "Generators/PartialTypeAnalyzer.cs, CodeFixes/MakePartialCodeFix.cs", Hint = """
    Clippy finds a pattern and suggests the edit. A Roslyn analyzer finds it (on symbols or on syntax) and
    reports a diagnostic at a location; a code fix turns that diagnostic into a changed document. Which
    symbols need 'partial' (think of a nested type), where exactly should the squiggle go, and how does
    your fix avoid breaking the order of the modifiers?
    """, MoreHint = """
    In Initialize: ConfigureGeneratedCodeAnalysis, EnableConcurrentExecution, then RegisterSymbolAction for
    SymbolKind.NamedType. DeclaringSyntaxReferences give the declarations, TypeDeclarationSyntax.Identifier
    the location. In the fix: root.FindToken(span.Start).Parent is the declaration; SyntaxFactory.Token(
    SyntaxKind.PartialKeyword) with AddModifiers, or WithModifiers and the keyword's leading trivia moved
    onto it when there is no modifier; Document.WithSyntaxRoot. Fix All: WellKnownFixAllProviders.BatchFixer.
    Tutorial: https://learn.microsoft.com/dotnet/csharp/roslyn-sdk/tutorials/how-to-write-csharp-analyzer-code-fix
    """, Recap = """
    An analyzer is a lint that runs in every build and editor; a code fix is its machine-applicable
    suggestion, and Fix All applies it everywhere at once, like cargo clippy --fix.
    """)]
public sealed class PartialTypeAnalyzerTests
{
    private const string Attributes = TestSources.Attributes;

    [KataFact]
    public async Task A_marked_type_that_is_not_partial_is_reported_at_its_name()
    {
        ImmutableArray<Diagnostic> diagnostics = await Compiler.AnalyzeAsync(new PartialTypeAnalyzer(), Attributes + """
            [Katas.Macros.AutoEquatable]
            public sealed class Point
            {
                public int X;
            }
            """);

        Diagnostic diagnostic = diagnostics.Should().ContainSingle("Point is marked [AutoEquatable] and is not partial").Which;
        diagnostic.Id.Should().Be("KATA001", "it is MacroDiagnostics.MustBePartial");
        Compiler.LocatedText(diagnostic).Should().Be("Point", "the diagnostic goes on the type's name, not on the whole declaration");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Should().Contain("'Point'", "the message names the type");
    }

    [KataFact]
    public async Task Partial_and_unmarked_types_are_not_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await Compiler.AnalyzeAsync(new PartialTypeAnalyzer(), Attributes + """
            [Katas.Macros.AutoEquatable]
            public partial struct Point
            {
                public int X;
            }

            public class Plain
            {
            }
            """);

        diagnostics.Should().BeEmpty("a partial type can take generated code, and an unmarked type needs none");
    }

    [KataFact(Timeout = 30_000)]
    public async Task The_fix_adds_partial_where_CSharp_wants_it()
    {
        string fixedCode = await Compiler.ApplyFixAsync(new PartialTypeAnalyzer(), new MakePartialCodeFix(), Attributes + """
            /// <summary>A point.</summary>
            [Katas.Macros.AutoEquatable]
            public sealed class Point // stays here
            {
                public int X;
            }
            """);

        fixedCode.Should().Be(Attributes + """
            /// <summary>A point.</summary>
            [Katas.Macros.AutoEquatable]
            public sealed partial class Point // stays here
            {
                public int X;
            }
            """, "'partial' goes last among the modifiers, just before 'class', and nothing else changes");
        (await Compiler.AnalyzeAsync(new PartialTypeAnalyzer(), fixedCode)).Should().BeEmpty("after the fix nothing is left to report");
    }

    [KataFact]
    public async Task Fix_all_makes_every_reported_type_partial()
    {
        string fixedCode = await Compiler.ApplyFixAllAsync(new PartialTypeAnalyzer(), new MakePartialCodeFix(), Attributes + """
            [Katas.Macros.AutoEquatable]
            class A
            {
            }

            [Katas.Macros.AutoEquatable]
            internal struct B
            {
            }

            public static class C
            {
                [Katas.Macros.Memoize]
                public static partial int Slow(int x);
            }
            """);

        fixedCode.Should().Be(Attributes + """
            [Katas.Macros.AutoEquatable]
            partial class A
            {
            }

            [Katas.Macros.AutoEquatable]
            internal partial struct B
            {
            }

            public static partial class C
            {
                [Katas.Macros.Memoize]
                public static partial int Slow(int x);
            }
            """, "Fix All fixes the three reported types in one change");
    }
}
