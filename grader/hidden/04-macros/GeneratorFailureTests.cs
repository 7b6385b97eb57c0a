using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Katas.Macros.HiddenTests;

/// <summary>
/// How a broken generator fails its test: with the generator's exception or the compiler's first errors, in a
/// message the grader can show, never with a crashed test run. These generators are the tests' own, so the
/// tests pass on the stubs too: not an exercise's tests, the grader does not run them; the repository's own test
/// run (dotnet test -p:KataSource=solutions) does.
/// </summary>
public sealed class GeneratorFailureTests
{
    [KataFact]
    public void A_generator_that_throws_fails_with_its_exception_and_no_stack_trace()
    {
        GeneratorRun run = Compiler.GenerateUnchecked(new ThrowingGenerator(), "public class Anything { }");

        string message = FailureOf(run.ShouldHaveRunCleanly);

        message.Should().Contain("threw InvalidOperationException: the model has no members", "the test names the exception and its message");
        message.Should().NotContain(" at Katas.", "a stack trace would put the test's internals in the student's report");
    }

    [KataFact]
    public void A_generator_whose_output_does_not_compile_fails_with_the_compiler_errors_and_the_file()
    {
        GeneratorRun run = Compiler.GenerateUnchecked(new BrokenOutputGenerator(), "public class Anything { }");

        string message = FailureOf(run.ShouldHaveRunCleanly);

        message.Should().Contain("Broken.g.cs", "the message names the generated file");
        message.Should().Contain("CS1002", "and quotes the compiler's first error (here: ; expected)");
    }

    [KataFact]
    public void A_generator_that_reports_an_error_fails_with_that_diagnostic()
    {
        GeneratorRun run = Compiler.GenerateUnchecked(new ReportingGenerator(), "public class Anything { }");

        FailureOf(run.ShouldHaveRunCleanly).Should().Contain("DEMO001", "an error the generator reports fails the run, with its id");
    }

    private static string FailureOf(Action check)
    {
        try
        {
            check();
        }
        catch (XunitException failure)
        {
            return failure.Message;
        }

        throw new XunitException("The check passed, but the generator is broken: it must fail.");
    }

    private sealed class ThrowingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, static (_, _) => throw new InvalidOperationException("the model has no members"));
    }

    private sealed class BrokenOutputGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterPostInitializationOutput(static output => output.AddSource("Broken.g.cs", SourceText.From("public class Broken { int x }", System.Text.Encoding.UTF8)));
    }

    private sealed class ReportingGenerator : IIncrementalGenerator
    {
#pragma warning disable RS2008 // A test's own generator, never shipped: no release tracking.
        private static readonly DiagnosticDescriptor s_error = new("DEMO001", "Demo", "Unsupported member", "Demo", DiagnosticSeverity.Error, isEnabledByDefault: true);
#pragma warning restore RS2008

        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, static (output, _) => output.ReportDiagnostic(Diagnostic.Create(s_error, Location.None)));
    }
}
