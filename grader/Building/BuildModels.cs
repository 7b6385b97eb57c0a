using Katas.Grader.Isolation;

namespace Katas.Grader.Building;

/// <summary>One error line of the build: <c>file(line,col): error CODE: message [project]</c>.</summary>
internal sealed record CompilerError(string File, int Line, int Column, string Code, string Message, string Project);

/// <summary>What to build and how.</summary>
/// <param name="Root">The Katas checkout whose tests are built.</param>
/// <param name="SourceRoot">The tree the tests compile against (<c>exercises/</c> of the student, or <c>solutions/</c>); ends with a separator.</param>
/// <param name="Side"><c>exercises</c> or <c>solutions</c> (the KataSource property).</param>
/// <param name="ArtifactsRoot">Where build output goes (the KatasArtifacts property); ends with a separator.</param>
/// <param name="Restore">Restore packages as part of the build (off with --no-restore).</param>
/// <param name="PassSourceRoot">Pass <c>-p:KataSourceRoot</c>: the exercises come from another checkout (--student).</param>
/// <param name="PassArtifactsRoot">Pass <c>-p:KatasArtifacts</c>: that other checkout builds into its own folder.</param>
/// <param name="Isolation">Set with --isolate-network: the build runs in a network namespace (restored first, outside it).</param>
internal sealed record BuildSettings(string Root, string SourceRoot, string Side, string ArtifactsRoot, bool Restore, bool PassSourceRoot, bool PassArtifactsRoot, Sandbox? Isolation = null)
{
    /// <summary>Folder of a built test program.</summary>
    public string OutputDirectory(string projectName) => Path.Combine(ArtifactsRoot, Side, "bin", projectName, "debug");
}

/// <summary>The result of building the selected test projects: which modules failed and why.</summary>
internal sealed record BuildOutcome(IReadOnlyDictionary<string, IReadOnlyList<CompilerError>> FailedModules, TimeSpan Duration, string? GeneralFailure)
{
    /// <summary>Warnings in a module's own sources (the student's files), by module: shown, never fatal.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CompilerError>> Warnings { get; init; } = new Dictionary<string, IReadOnlyList<CompilerError>>();
}
