using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Katas.Grader.Discovery;

/// <summary>An <c>[Exercise]</c> attribute found in a source file.</summary>
internal sealed record ExerciseDeclaration(string? Id, string? Title, int? Points, string? Hint, string ClassName, int Line)
{
    /// <summary>The named string arguments besides <c>Hint</c> (<c>MoreHint</c>, <c>Recap</c>, <c>Benchmark</c>, <c>StudentFiles</c>, <c>BuildsOn</c>), as written.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string Text(string name) => Texts.TryGetValue(name, out string? value) ? value : "";
}

/// <summary>A <c>[HiddenTests]</c> attribute found in a source file.</summary>
internal sealed record HiddenTestsDeclaration(string? Id, string ClassName, int Line);

/// <summary>What one source file declares, and what could not be read.</summary>
internal sealed record SourceMetadata(
    IReadOnlyList<ExerciseDeclaration> Exercises,
    IReadOnlyList<HiddenTestsDeclaration> HiddenTests,
    IReadOnlyList<string> Problems);

/// <summary>
/// Reads <c>[Exercise]</c> and <c>[HiddenTests]</c> from C# source text with the Roslyn parser alone: no
/// compilation, no references, so it works on a checkout whose code does not build. Attribute arguments
/// must be literals (strings, raw string literals, numbers) or concatenations of them.
/// </summary>
internal static class MetadataReader
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    /// <summary>The string properties of <c>[Exercise]</c> read besides Hint (see Katas.Testing's ExerciseAttribute).</summary>
    public static readonly IReadOnlySet<string> TextProperties = new HashSet<string>(["MoreHint", "Recap", "Benchmark", "StudentFiles", "BuildsOn"], StringComparer.Ordinal);

    public static SourceMetadata Read(string sourceText, string filePath = "")
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(sourceText, s_parseOptions, filePath);
        var exercises = new List<ExerciseDeclaration>();
        var hidden = new List<HiddenTestsDeclaration>();
        var problems = new List<string>();

        foreach (TypeDeclarationSyntax type in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            foreach (AttributeSyntax attribute in type.AttributeLists.SelectMany(list => list.Attributes))
            {
                string name = SimpleName(attribute.Name);
                int line = type.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                string className = FullName(type);
                if (name is "Exercise" or "ExerciseAttribute")
                {
                    exercises.Add(ReadExercise(attribute, className, line, problems));
                }
                else if (name is "HiddenTests" or "HiddenTestsAttribute")
                {
                    string? id = Positional(attribute, 0, "exerciseId") is { } expression
                        ? ReadString(expression, $"the id of [HiddenTests] on {className}", problems)
                        : null;
                    hidden.Add(new HiddenTestsDeclaration(id, className, line));
                }
            }
        }

        return new SourceMetadata(exercises, hidden, problems);
    }

    private static ExerciseDeclaration ReadExercise(AttributeSyntax attribute, string className, int line, List<string> problems)
    {
        string where = $"[Exercise] on {className}";
        string? id = Positional(attribute, 0, "id") is { } idExpression ? ReadString(idExpression, $"the id of {where}", problems) : null;
        string? title = Positional(attribute, 1, "title") is { } titleExpression ? ReadString(titleExpression, $"the title of {where}", problems) : null;
        int? points = null;
        string? hint = null;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AttributeArgumentSyntax argument in attribute.ArgumentList?.Arguments ?? default)
        {
            switch (argument.NameEquals?.Name.Identifier.ValueText)
            {
                case "Points":
                    points = ReadInt(argument.Expression, $"Points of {where}", problems);
                    break;
                case "Hint":
                    hint = ReadString(argument.Expression, $"the Hint of {where}", problems);
                    break;
                case { } named when TextProperties.Contains(named):
                    if (ReadString(argument.Expression, $"the {named} of {where}", problems) is { } text)
                    {
                        texts[named] = text;
                    }

                    break;
            }
        }

        return new ExerciseDeclaration(id, title, points, hint, className, line) { Texts = texts };
    }

    /// <summary>The n-th positional argument, or the one written with its parameter name (<c>id: "1.3"</c>).</summary>
    private static ExpressionSyntax? Positional(AttributeSyntax attribute, int index, string parameterName)
    {
        var positional = (attribute.ArgumentList?.Arguments ?? default).Where(a => a.NameEquals is null).ToList();
        AttributeArgumentSyntax? named = positional.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
        if (named is not null)
        {
            return named.Expression;
        }

        var unnamed = positional.Where(a => a.NameColon is null).ToList();
        return index < unnamed.Count ? unnamed[index].Expression : null;
    }

    private static string? ReadString(ExpressionSyntax expression, string what, List<string> problems)
    {
        var builder = new StringBuilder();
        if (TryAppendString(expression, builder))
        {
            return builder.ToString();
        }

        problems.Add($"{what} must be a string literal, not '{Shorten(expression.ToString())}'.");
        return null;
    }

    private static bool TryAppendString(ExpressionSyntax expression, StringBuilder builder)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                // ValueText is the string's value: escapes decoded, and for raw string literals the
                // closing quotes' indentation removed from every line, exactly as the compiler does.
                builder.Append(literal.Token.ValueText);
                return true;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return TryAppendString(binary.Left, builder) && TryAppendString(binary.Right, builder);
            case ParenthesizedExpressionSyntax parenthesized:
                return TryAppendString(parenthesized.Expression, builder);
            default:
                return false;
        }
    }

    private static int? ReadInt(ExpressionSyntax expression, string what, List<string> problems)
    {
        bool negative = false;
        while (expression is PrefixUnaryExpressionSyntax unary && unary.IsKind(SyntaxKind.UnaryMinusExpression))
        {
            negative = !negative;
            expression = unary.Operand;
        }

        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression)
            && literal.Token.Value is int value)
        {
            return negative ? -value : value;
        }

        problems.Add($"{what} must be an integer literal, not '{Shorten(expression.ToString())}'.");
        return null;
    }

    private static string SimpleName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => name.ToString(),
    };

    /// <summary>The type's name as reflection and xunit write it: <c>Namespace.Outer+Inner</c>.</summary>
    private static string FullName(BaseTypeDeclarationSyntax type)
    {
        string name = type.Identifier.ValueText;
        if (type is TypeDeclarationSyntax { TypeParameterList.Parameters.Count: > 0 } generic)
        {
            name += "`" + generic.TypeParameterList.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var parts = new List<string> { name };
        for (SyntaxNode? parent = type.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case BaseTypeDeclarationSyntax outer:
                    parts.Insert(0, outer.Identifier.ValueText + "+");
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    parts.Insert(0, ns.Name.ToString() + ".");
                    break;
            }
        }

        return string.Concat(parts);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
