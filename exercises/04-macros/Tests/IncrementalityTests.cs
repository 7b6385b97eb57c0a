using Katas.Macros.Generators;
using Microsoft.CodeAnalysis;

namespace Katas.Macros.Tests;

[Exercise("4.7", "Incrementality: a pipeline that caches", Points = 15, StudentFiles = "Generators/AutoEquatableGenerator.cs", BuildsOn = "4.2", Hint = """
    In the editor your generator runs on every keystroke. The driver keeps each step's last outputs and
    compares the new ones with them: equal outputs stop the work there, and the file is not rewritten.
    What does that comparison do with a model that holds a symbol, a syntax node or a List<T>, and what
    does a symbol keep alive in memory?
    """, MoreHint = """
    Name the step that builds your model with .WithTrackingName("AutoEquatable.Model"). Make the model a
    record of strings, booleans and EquatableArray<T> (never ImmutableArray<T> or List<T>, which compare by
    reference), built inside the ForAttributeWithMetadataName transform so no symbol leaves it. The tests
    read GeneratorDriverRunResult.Results[0].TrackedSteps and TrackedOutputSteps; IncrementalStepRunReason
    tells Cached and Unchanged from New and Modified.
    """, Recap = """
    An incremental generator is a chain of cached steps; value-equal models are what make "nothing
    changed" visible to the driver, just as cargo's incremental compilation needs stable inputs.
    """)]
public sealed class IncrementalityTests
{
    internal const string Types = """
        using Katas.Macros;

        namespace Demo;

        [AutoEquatable]
        public partial class Person
        {
            public string Name { get; init; } = "";

            public int[] Scores { get; init; } = [];
        }

        [AutoEquatable]
        public partial struct Point
        {
            public int X;
        }
        """;

    internal const string Other = """
        namespace Demo;

        public static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    [KataFact(Timeout = 30_000)]
    public void After_an_unrelated_edit_every_step_is_cached_or_unchanged()
    {
        GeneratorRun first = Compiler.Generate(new AutoEquatableGenerator(), Types, Other);

        GeneratorRun second = first.RunAgainAfter(1, code => code.Replace("42", "43", StringComparison.Ordinal));

        second.ShouldHaveRunCleanly();
        GeneratorRunResult result = second.Result.Results[0];
        result.TrackedSteps.Keys.Should().Contain("AutoEquatable.Model", "the step that builds the model is named with WithTrackingName(\"AutoEquatable.Model\")");
        Incremental.Reasons(result.TrackedSteps["AutoEquatable.Model"]).Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged,
            "an edit in another file leaves both types as they were: the models must compare equal to the last run's");
        Incremental.Reasons(result.TrackedOutputSteps.SelectMany(s => s.Value)).Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged,
            "with equal models the driver does not rewrite any generated file");
    }

    [KataFact]
    public void No_step_output_holds_a_symbol_syntax_or_compilation()
    {
        GeneratorRun run = Compiler.Generate(new AutoEquatableGenerator(), Types, Other);
        GeneratorRunResult result = run.Result.Results[0];

        result.TrackedSteps.Keys.Should().Contain("AutoEquatable.Model", "the step that builds the model is named AutoEquatable.Model");
        IEnumerable<object> models = result.TrackedSteps["AutoEquatable.Model"].SelectMany(s => s.Outputs).Select(o => o.Value);
        models.Should().HaveCount(2, "there is one model per marked type");
        models.SelectMany(m => Incremental.RoslynObjectsIn(m, "model")).Should().BeEmpty(
            "a model that holds a symbol, a syntax node or a compilation keeps the whole compilation alive and never compares equal");
    }
}
