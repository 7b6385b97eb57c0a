// Mistake: a class compares its fields without checking the runtime type, so a base instance equals a derived one.
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Katas.Macros.Generators;

/// <summary>
/// Exercise 4.2: C#'s <c>#[derive(PartialEq, Eq, Hash)]</c>. For every partial class or struct marked
/// <c>[AutoEquatable]</c>, generates IEquatable&lt;T&gt;, Equals, GetHashCode, == and != over its instance
/// fields (auto-properties' included), by records' rules, except that arrays compare element by element.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AutoEquatableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static output =>
            output.AddSource(AttributeSources.HintName, SourceText.From(AttributeSources.Text, Encoding.UTF8)));

        // ForAttributeWithMetadataName looks only at nodes carrying an attribute, and the transform turns
        // the symbol into plain strings at once: the model must be equal to last run's model when nothing
        // relevant changed, and must not keep a compilation alive (exercise 4.7).
        IncrementalValuesProvider<EquatableType> types = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeSources.AutoEquatableName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax,
                transform: static (attributed, cancellationToken) => Describe((INamedTypeSymbol)attributed.TargetSymbol, cancellationToken))
            .Where(static type => type is not null)
            .Select(static (type, _) => type!)
            .WithTrackingName("AutoEquatable.Model");

        context.RegisterSourceOutput(types, static (output, type) =>
            output.AddSource(type.HintName, SourceText.From(Render(type), Encoding.UTF8)));
    }

    /// <summary>The model of <paramref name="type"/>, or null when it cannot get code added (not partial: 4.6 reports that).</summary>
    private static EquatableType? Describe(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (!IsPartial(t, cancellationToken))
            {
                return null;
            }
        }

        var members = new List<EquatableMember>();
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst)
            {
                continue;
            }

            // An auto-property's value lives in a hidden backing field: compare it through the property.
            string name = field.AssociatedSymbol is IPropertySymbol property ? property.Name : field.Name;
            bool isArray = field.Type is IArrayTypeSymbol { Rank: 1 };
            members.Add(new EquatableMember(Escape(name), field.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), isArray));
        }

        var containers = new List<string>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containers.Insert(0, $"partial {Keyword(outer)} {NameWithParameters(outer)}");
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        string hint = string.Join(".", new[] { ns }.Concat(Outers(type).Select(t => t.Arity > 0 ? $"{t.Name}_{t.Arity}" : t.Name)).Where(p => p is not null));
        return new EquatableType(
            ns,
            hint + ".AutoEquatable.g.cs",
            new EquatableArray<string>(containers),
            Keyword(type),
            NameWithParameters(type),
            IsStruct: type.TypeKind == TypeKind.Struct,
            new EquatableArray<EquatableMember>(members));
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static List<INamedTypeSymbol> Outers(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            chain.Insert(0, t);
        }

        return chain;
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (_, TypeKind.Struct) => "struct",
        (_, TypeKind.Interface) => "interface",
        _ => "class",
    };

    private static string NameWithParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0 ? Escape(type.Name) : $"{Escape(type.Name)}<{string.Join(", ", type.TypeParameters.Select(p => Escape(p.Name)))}>";

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string Render(EquatableType type)
    {
        var code = new StringBuilder();
        code.Append("// <auto-generated/>\n#nullable enable\n\n");
        string indent = "";
        if (type.Namespace is not null)
        {
            code.Append("namespace ").Append(type.Namespace).Append("\n{\n");
            indent = "    ";
        }

        foreach (string container in type.Containers)
        {
            code.Append(indent).Append(container).Append('\n').Append(indent).Append("{\n");
            indent += "    ";
        }

        string self = type.Name;
        string nullable = type.IsStruct ? "" : "?";
        string i = indent;
        code.Append(i).Append("partial ").Append(type.Keyword).Append(' ').Append(self).Append(" : global::System.IEquatable<").Append(self).Append(">\n");
        code.Append(i).Append("{\n");

        // Equals(T): records' rules. A class is equal only to an instance of exactly its own type.
        var conditions = new List<string>();
        if (!type.IsStruct)
        {
            conditions.Add("other is not null");
            // bug: no GetType() check, a derived instance with the same fields is "equal"
        }

        conditions.AddRange(type.Members.Select(m => m.IsArray
            ? $"global::Katas.Macros.AutoEquatableArrays.Equal({m.Name}, other.{m.Name})"
            : $"global::System.Collections.Generic.EqualityComparer<{m.Type}>.Default.Equals({m.Name}, other.{m.Name})"));
        if (conditions.Count == 0)
        {
            conditions.Add("true");
        }

        code.Append(i).Append("    public bool Equals(").Append(self).Append(nullable).Append(" other)\n");
        code.Append(i).Append("    {\n");
        code.Append(i).Append("        return ").Append(string.Join("\n" + i + "            && ", conditions)).Append(";\n");
        code.Append(i).Append("    }\n\n");

        code.Append(i).Append("    public override bool Equals(object? obj) => obj is ").Append(self).Append(" other && Equals(other);\n\n");

        // GetHashCode: the same fields as Equals, so equal values always hash alike.
        code.Append(i).Append("    public override int GetHashCode()\n");
        code.Append(i).Append("    {\n");
        code.Append(i).Append("        var hash = new global::System.HashCode();\n");
        foreach (EquatableMember member in type.Members)
        {
            string value = member.IsArray ? $"global::Katas.Macros.AutoEquatableArrays.Hash({member.Name})" : member.Name;
            code.Append(i).Append("        hash.Add(").Append(value).Append(");\n");
        }

        code.Append(i).Append("        return hash.ToHashCode();\n");
        code.Append(i).Append("    }\n\n");

        string left = type.IsStruct ? "left.Equals(right)" : "left is null ? right is null : left.Equals(right)";
        string right = type.IsStruct ? "!left.Equals(right)" : "!(left is null ? right is null : left.Equals(right))";
        code.Append(i).Append("    public static bool operator ==(").Append(self).Append(nullable).Append(" left, ").Append(self).Append(nullable).Append(" right) => ").Append(left).Append(";\n\n");
        code.Append(i).Append("    public static bool operator !=(").Append(self).Append(nullable).Append(" left, ").Append(self).Append(nullable).Append(" right) => ").Append(right).Append(";\n");
        code.Append(i).Append("}\n");

        while (indent.Length > 0)
        {
            indent = indent.Substring(4);
            code.Append(indent).Append("}\n");
        }

        return code.ToString();
    }

    /// <summary>Everything the output needs, as strings and booleans: equal when the type's shape is.</summary>
    private sealed record EquatableType(
        string? Namespace,
        string HintName,
        EquatableArray<string> Containers,
        string Keyword,
        string Name,
        bool IsStruct,
        EquatableArray<EquatableMember> Members);

    private sealed record EquatableMember(string Name, string Type, bool IsArray);
}
