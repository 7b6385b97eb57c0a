using Microsoft.CodeAnalysis;

namespace Katas.Macros.Generators;

/// <summary>Given (the same file in exercises/ and solutions/): the diagnostics of exercise 4.6.</summary>
public static class MacroDiagnostics
{
    /// <summary>KATA001: a type the generators must add code to is not partial.</summary>
    public static readonly DiagnosticDescriptor MustBePartial = new(
        id: "KATA001",
        title: "A type marked for generation must be partial",
        messageFormat: "'{0}' must be declared partial: the generator adds code to it ({1})",
        category: "Katas.Macros",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A source generator can only add members to a type declared partial, and to a nested type only when every type around it is partial too.");
}
