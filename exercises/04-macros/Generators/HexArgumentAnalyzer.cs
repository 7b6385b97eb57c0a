using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Katas.Macros.Generators;

/// <summary>
/// Exercise 4.4, the diagnostics: on every call to <c>Katas.Macros.Hex.Decode</c>, KATA002 (a warning) when
/// the argument is not a constant, so the call cannot be replaced; KATA003 (an error) when it is a constant
/// that is not hexadecimal, so the call would throw. Both at the argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HexArgumentAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(MacroDiagnostics.HexNotConstant, MacroDiagnostics.HexInvalid);

    public override void Initialize(AnalysisContext context)
    {
        // TODO: report MacroDiagnostics.HexNotConstant on the argument of every call to Katas.Macros.Hex.Decode
        // whose argument is not a compile-time constant, and MacroDiagnostics.HexInvalid (with the constant
        // and TryDecode's reason) on one that is a constant TryDecode rejects, null included. However the
        // call is spelled (using static, a named argument); never for another type's Decode; not in generated code.
        throw new NotImplementedException("Exercise 4.4 (HexArgumentAnalyzer.Initialize) is not solved yet. Hint: dotnet run --project grader -- hint 4.4");
    }
}
