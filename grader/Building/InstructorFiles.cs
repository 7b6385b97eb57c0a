namespace Katas.Grader.Building;

/// <summary>The instructor's files that decide how every module builds (one list: the builder, the golden course and the docs use it).</summary>
internal static class InstructorFiles
{
    /// <summary>
    /// Build settings at the top of a checkout. A student's copies of these (or of any file but their
    /// exercise sources) are never used: see <see cref="GradedTree"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> BuildSettings =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", ".editorconfig", "NuGet.config", "nuget.config"];
}
