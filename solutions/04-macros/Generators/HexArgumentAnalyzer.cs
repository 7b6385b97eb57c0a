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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // Operations, not syntax: the operation knows the method called and the argument's constant value,
        // however the call is spelled (Hex.Decode, a using static, a named argument).
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "Decode", IsStatic: true } method
            || method.ContainingType.ToDisplayString() != AttributeSources.HexName
            || invocation.Arguments.Length != 1)
        {
            return;
        }

        IOperation argument = invocation.Arguments[0].Value;
        Location where = argument.Syntax.GetLocation();
        if (!argument.ConstantValue.HasValue)
        {
            context.ReportDiagnostic(Diagnostic.Create(MacroDiagnostics.HexNotConstant, where));
        }
        else if (!HexInterceptorGenerator.TryDecode(argument.ConstantValue.Value as string, out _, out string? error))
        {
            context.ReportDiagnostic(Diagnostic.Create(MacroDiagnostics.HexInvalid, where, argument.ConstantValue.Value ?? "null", error));
        }
    }
}
