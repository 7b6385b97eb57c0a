using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Isolation;
using Katas.Grader.Running;

namespace Katas.Grader.Grading;

/// <summary>How an exercise was graded. The JSON report writes these in kebab-case (<c>compile-error</c>).</summary>
internal enum ExerciseStatus
{
    Passed,
    Failed,
    Timeout,
    Crashed,
    CompileError,
    Tampered,
}

/// <summary>One graded exercise: the unit of points, of every report and of the gradebooks.</summary>
internal sealed record ExerciseResult(
    string Id,
    string Title,
    string Module,
    ExerciseStatus Status,
    int Points,
    int MaxPoints,
    string Message,
    long DurationMs,
    IReadOnlyList<TestRecord> VisibleTests,
    IReadOnlyList<TestRecord> HiddenTests,
    string Hint,
    string? SourceFile = null,
    int SourceLine = 0)
{
    public bool Passed => Status == ExerciseStatus.Passed;

    /// <summary>The stack traces of the failure <see cref="Message"/> describes (empty for a timeout, a crash or no failure).</summary>
    public string FailureTrace { get; init; } = "";
}

/// <summary>A module's build result as the report shows it.</summary>
internal sealed record ModuleReport(string Name, IReadOnlyList<CompilerError> CompileErrors)
{
    /// <summary>Warnings in the module's own sources: they cost nothing.</summary>
    public IReadOnlyList<CompilerError> Warnings { get; init; } = [];

    public bool Compiled => CompileErrors.Count == 0;
}

/// <summary>The whole grading run: every report (console, JSON, Markdown, gradebooks) is a view of this.</summary>
internal sealed record GradeReport(
    string Side,
    IReadOnlyList<ExerciseResult> Exercises,
    IReadOnlyList<ModuleReport> Modules,
    IReadOnlyList<MetadataProblem> Problems,
    string? Isolation = null)
{
    /// <summary>With --student: the student's files that were not graded (only their own sources are; see <see cref="Building.GradedTree"/>).</summary>
    public IReadOnlyList<string> IgnoredFiles { get; init; } = [];

    /// <summary>With --student: the checkout the graded files are in (paths in messages are relative to it).</summary>
    public string? StudentRoot { get; init; }

    public int Points => Exercises.Sum(e => e.Points);

    public int MaxPoints => Exercises.Sum(e => e.MaxPoints);

    public bool AllPassed => Exercises.Count > 0 && Exercises.All(e => e.Passed);

    /// <summary>The first exercise (in id order) not passed yet: what the student should work on next.</summary>
    public ExerciseResult? Next => Exercises.FirstOrDefault(e => !e.Passed);
}

/// <summary>The knobs of a grading run (command-line options end up here).</summary>
internal sealed record GradeOptions
{
    public required string Root { get; init; }

    /// <summary>The checkout whose <c>exercises/</c> is graded (the root unless --student).</summary>
    public required string Student { get; init; }

    public bool Solutions { get; init; }

    public TimeSpan TestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ModuleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public long MemoryLimitBytes { get; init; } = 512L * 1024 * 1024;

    public bool Restore { get; init; } = true;

    /// <summary>Set with --isolate-network: how the student's build and tests are cut off from the network (or why they are not).</summary>
    public Sandbox? Isolation { get; init; }

    /// <summary>How the builds differ from a plain grading build (verify keeps build servers warm; never with isolation).</summary>
    public BuildTuning? Tuning { get; init; }

    public string Side => Solutions ? "solutions" : "exercises";
}

/// <summary>What the live display hears about while grading runs.</summary>
internal interface IGradeObserver
{
    public void BuildStarted(IReadOnlyList<Module> modules);

    public void BuildFinished(BuildOutcome outcome);

    public void ModuleStarted(Module module);

    public void TestProgress(Module module, TestProgress progress);

    public void ModuleFinished(Module module, IReadOnlyList<ExerciseResult> results);
}
