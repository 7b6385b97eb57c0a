using Katas.Macros.Generators;
using Microsoft.CodeAnalysis;

namespace Katas.Macros.HiddenTests;

[HiddenTests("4.7")]
public sealed class IncrementalityHiddenTests
{
    private const string Types = """
        using Katas.Macros;

        namespace Demo;

        [AutoEquatable]
        public partial class Person
        {
            public string Name { get; init; } = "";
        }

        [AutoEquatable]
        public partial struct Point
        {
            public int X;
        }
        """;

    [KataFact]
    public void Changing_one_type_regenerates_only_that_type()
    {
        GeneratorRun first = Compiler.Generate(new AutoEquatableGenerator(), Types);

        GeneratorRun second = first.RunAgainAfter(0, code => code.Replace("public int X;", "public int X;\n\n    public int Y;", StringComparison.Ordinal));

        second.ShouldHaveRunCleanly();
        second.Generated("Demo.Point.AutoEquatable.g.cs").Should().Contain("other.Y", "the new field is compared");
        var outputs = second.Result.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        outputs.Should().Contain(IncrementalStepRunReason.Modified, "Point changed, so its file is written again");
        outputs.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).Should().BeGreaterThan(0,
            "Person did not change: with one model per type (not one collected model for all) its file is reused");
    }

    [KataFact]
    public void A_new_method_changes_no_model()
    {
        GeneratorRun first = Compiler.Generate(new AutoEquatableGenerator(), Types);

        GeneratorRun second = first.RunAgainAfter(0, code => code.Replace("public int X;", "public int X;\n\n    public int Twice() => 2 * X;", StringComparison.Ordinal));
        GeneratorRun third = second.RunAgainAfter(0, code => code.Replace("2 * X", "X + X", StringComparison.Ordinal));

        foreach (GeneratorRun run in new[] { second, third })
        {
            run.ShouldHaveRunCleanly();
            GeneratorRunResult result = run.Result.Results[0];
            Incremental.Reasons(result.TrackedSteps["AutoEquatable.Model"]).Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged,
                "a method is not part of the model: the models compare equal to the last run's");
            Incremental.Reasons(result.TrackedOutputSteps.SelectMany(s => s.Value)).Should().OnlyContain(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged,
                "equal models mean no file is written again");
        }
    }
}
