using Microsoft.CodeAnalysis;

namespace Katas.Macros.Generators;

/// <summary>Given (the same file in exercises/ and solutions/): the diagnostics of exercises 4.4 and 4.6.</summary>
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

    /// <summary>KATA002: a <c>Hex.Decode</c> argument is not a constant, so the call decodes at run time.</summary>
    public static readonly DiagnosticDescriptor HexNotConstant = new(
        id: "KATA002",
        title: "Hex.Decode's argument is not a constant",
        messageFormat: "The argument of Hex.Decode is not a constant: this call decodes at run time, on every call",
        category: "Katas.Macros",
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only a call whose argument the compiler can evaluate (a literal, a const, a concatenation of constants) is replaced by its bytes at build time.");

    /// <summary>KATA003: a constant <c>Hex.Decode</c> argument is not hexadecimal, so the call would throw.</summary>
    public static readonly DiagnosticDescriptor HexInvalid = new(
        id: "KATA003",
        title: "Hex.Decode's constant argument is not hexadecimal",
        messageFormat: "\"{0}\" is not hexadecimal: {1}",
        category: "Katas.Macros",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A constant that Convert.FromHexString would reject at run time is an error at build time.");
}
