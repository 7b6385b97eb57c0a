// Mistake: only Nullable<T> values are checked for null; a null string, object or collection throws or is skipped.
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
/// Exercise 4.5: serde's <c>#[derive(Serialize)]</c>. For every partial class or struct marked [Serialize],
/// generates <c>WriteJson(Utf8JsonWriter)</c> and <c>ToJson()</c> that write its public instance properties
/// the way System.Text.Json's default options do, decided per property type at build time: no reflection.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SerializeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The attribute comes with AutoEquatableGenerator's AttributeSources.Text, as for [Memoize].
        IncrementalValuesProvider<SerializedType> types = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeSources.SerializeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax,
                transform: static (attributed, cancellationToken) => Describe((INamedTypeSymbol)attributed.TargetSymbol, cancellationToken))
            .Where(static type => type is not null)
            .Select(static (type, _) => type!)
            .WithTrackingName("Serialize.Model");

        context.RegisterSourceOutput(types, static (output, type) =>
            output.AddSource(type.HintName, SourceText.From(Render(type), Encoding.UTF8)));
    }

    /// <summary>The model of <paramref name="type"/>, or null when code cannot be added to it (not partial, or generic).</summary>
    private static SerializedType? Describe(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.Arity > 0 || !t.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return null;
            }
        }

        var members = new List<SerializedMember>();
        foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
        {
            // System.Text.Json's defaults: public, instance, with a public getter, not an indexer.
            if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public })
            {
                continue;
            }

            if (ShapeOf(property.Type) is { } shape)
            {
                members.Add(new SerializedMember(property.Name, Escape(property.Name), shape));
            }
        }

        var containers = new List<string>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containers.Insert(0, $"partial {(outer.IsRecord ? "record " : "")}{(outer.TypeKind == TypeKind.Struct ? "struct" : "class")} {outer.Name}");
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var names = new List<string>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            names.Insert(0, t.Name);
        }

        return new SerializedType(
            ns,
            string.Join(".", new[] { ns }.Concat(names).Where(n => n is not null)) + ".Serialize.g.cs",
            new EquatableArray<string>(containers),
            type.TypeKind == TypeKind.Struct ? "struct" : "class",
            type.Name,
            new EquatableArray<SerializedMember>(members));
    }

    /// <summary>How to write a value of <paramref name="type"/>, or null when it is not supported (the property is left out).</summary>
    private static ValueShape? ShapeOf(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return ShapeOf(nullable.TypeArguments[0]) is { } inner ? new ValueShape(ShapeKind.Nullable, inner, IsReference: false) : null;
        }

        bool reference = type.IsReferenceType;
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return new ValueShape(ShapeKind.String, null, reference);
            case SpecialType.System_Boolean:
                return new ValueShape(ShapeKind.Boolean, null, reference);
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return new ValueShape(ShapeKind.Number, null, reference);
        }

        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeSources.SerializeName))
        {
            return new ValueShape(ShapeKind.Object, null, reference);
        }

        // Any IEnumerable<T> (arrays, List<T>, ...) is a JSON array of its elements.
        IEnumerable<INamedTypeSymbol> candidates = type is INamedTypeSymbol named ? type.AllInterfaces.Prepend(named) : type.AllInterfaces;
        ITypeSymbol? element = type is IArrayTypeSymbol { Rank: 1 } array
            ? array.ElementType
            : candidates.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
        return element is not null && ShapeOf(element) is { } elementShape ? new ValueShape(ShapeKind.Array, elementShape, reference) : null;
    }

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string Render(SerializedType type)
    {
        var code = new StringBuilder("// <auto-generated/>\n#nullable enable\n\n");
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

        string i = indent;
        code.Append(i).Append("partial ").Append(type.Keyword).Append(' ').Append(type.Name).Append('\n').Append(i).Append("{\n");
        // Property names escaped and encoded once per type, as System.Text.Json's own generator does.
        for (int m = 0; m < type.Members.Count; m++)
        {
            code.Append(i).Append("    private static readonly global::System.Text.Json.JsonEncodedText __JsonName").Append(m)
                .Append(" = global::System.Text.Json.JsonEncodedText.Encode(\"").Append(type.Members[m].JsonName).Append("\");\n");
        }

        code.Append(i).Append("    [global::System.ThreadStatic]\n");
        code.Append(i).Append("    private static global::System.Buffers.ArrayBufferWriter<byte>? __JsonBuffer;\n\n");
        code.Append(i).Append("    [global::System.ThreadStatic]\n");
        code.Append(i).Append("    private static global::System.Text.Json.Utf8JsonWriter? __JsonWriter;\n\n");
        code.Append(i).Append("    public void WriteJson(global::System.Text.Json.Utf8JsonWriter writer)\n");
        code.Append(i).Append("    {\n");
        code.Append(i).Append("        global::System.ArgumentNullException.ThrowIfNull(writer);\n");
        code.Append(i).Append("        writer.WriteStartObject();\n");
        for (int m = 0; m < type.Members.Count; m++)
        {
            code.Append(i).Append("        writer.WritePropertyName(__JsonName").Append(m).Append(");\n");
            WriteValue(code, i + "        ", type.Members[m].Shape, type.Members[m].Expression, depth: 0);
        }

        code.Append(i).Append("        writer.WriteEndObject();\n");
        code.Append(i).Append("    }\n\n");
        code.Append(i).Append("    public string ToJson()\n");
        code.Append(i).Append("    {\n");
        // One buffer and writer per thread, reused: a new pair per call costs more than the writing. Taken out
        // of the fields while in use, so a getter that calls ToJson again gets a pair of its own; a buffer
        // grown past 64 KiB is dropped rather than kept for the thread's lifetime.
        code.Append(i).Append("        var buffer = __JsonBuffer ?? new global::System.Buffers.ArrayBufferWriter<byte>(1024);\n");
        code.Append(i).Append("        var writer = __JsonWriter ?? new global::System.Text.Json.Utf8JsonWriter(buffer);\n");
        code.Append(i).Append("        __JsonBuffer = null;\n");
        code.Append(i).Append("        __JsonWriter = null;\n");
        code.Append(i).Append("        try\n");
        code.Append(i).Append("        {\n");
        code.Append(i).Append("            writer.Reset(buffer);\n");
        code.Append(i).Append("            WriteJson(writer);\n");
        code.Append(i).Append("            writer.Flush();\n");
        code.Append(i).Append("            return global::System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);\n");
        code.Append(i).Append("        }\n");
        code.Append(i).Append("        finally\n");
        code.Append(i).Append("        {\n");
        code.Append(i).Append("            buffer.ResetWrittenCount();\n");
        code.Append(i).Append("            if (buffer.Capacity <= 64 * 1024)\n");
        code.Append(i).Append("            {\n");
        code.Append(i).Append("                __JsonBuffer = buffer;\n");
        code.Append(i).Append("                __JsonWriter = writer;\n");
        code.Append(i).Append("            }\n");
        code.Append(i).Append("        }\n");
        code.Append(i).Append("    }\n");
        code.Append(i).Append("}\n");
        while (indent.Length > 0)
        {
            indent = indent.Substring(4);
            code.Append(indent).Append("}\n");
        }

        return code.ToString();
    }

    /// <summary>The statements that write <paramref name="expression"/>; the writer escapes strings, so the JSON is always valid.</summary>
    private static void WriteValue(StringBuilder code, string indent, ValueShape shape, string expression, int depth)
    {
        if (shape.Kind == ShapeKind.Nullable) // bug: references can be null too
        {
            string value = shape.Kind == ShapeKind.Nullable ? expression + ".Value" : expression;
            ValueShape inner = shape.Kind == ShapeKind.Nullable ? shape.Element! : shape with { IsReference = false };
            code.Append(indent).Append("if (").Append(expression).Append(" is null)\n");
            code.Append(indent).Append("{\n").Append(indent).Append("    writer.WriteNullValue();\n").Append(indent).Append("}\n");
            code.Append(indent).Append("else\n").Append(indent).Append("{\n");
            WriteValue(code, indent + "    ", inner, value, depth);
            code.Append(indent).Append("}\n");
            return;
        }

        switch (shape.Kind)
        {
            case ShapeKind.String:
                code.Append(indent).Append("writer.WriteStringValue(").Append(expression).Append(");\n");
                break;
            case ShapeKind.Boolean:
                code.Append(indent).Append("writer.WriteBooleanValue(").Append(expression).Append(");\n");
                break;
            case ShapeKind.Number:
                code.Append(indent).Append("writer.WriteNumberValue(").Append(expression).Append(");\n");
                break;
            case ShapeKind.Object:
                code.Append(indent).Append(expression).Append(".WriteJson(writer);\n");
                break;
            case ShapeKind.Array:
                string item = "item" + depth;
                code.Append(indent).Append("writer.WriteStartArray();\n");
                code.Append(indent).Append("foreach (var ").Append(item).Append(" in ").Append(expression).Append(")\n");
                code.Append(indent).Append("{\n");
                WriteValue(code, indent + "    ", shape.Element!, item, depth + 1);
                code.Append(indent).Append("}\n");
                code.Append(indent).Append("writer.WriteEndArray();\n");
                break;
        }
    }

    private enum ShapeKind
    {
        String,
        Boolean,
        Number,
        Nullable,
        Object,
        Array,
    }

    /// <summary>A type as the writer sees it: its kind, its element (array, nullable) and whether it can be null.</summary>
    private sealed record ValueShape(ShapeKind Kind, ValueShape? Element, bool IsReference);

    private sealed record SerializedMember(string JsonName, string Expression, ValueShape Shape);

    private sealed record SerializedType(string? Namespace, string HintName, EquatableArray<string> Containers, string Keyword, string Name, EquatableArray<SerializedMember> Members);
}
