using Katas.Grader.Building;
using Katas.Grader.Discovery;

namespace Katas.Grader.Verification;

/// <summary>
/// Given code, every source file of a module that no exercise names as the student's, must be the same in
/// <c>exercises/</c> and <c>solutions/</c>: the tests and the later exercises build on it, so a copy changed in one
/// tree only grades the stubs and the reference against different code (and the template ships the wrong one).
/// </summary>
internal static class GivenFiles
{
    /// <summary>One check per module of <paramref name="exercises"/>.</summary>
    public static IEnumerable<VerifyCheck> Check(Course course, IReadOnlyList<Exercise> exercises)
    {
        foreach (string module in exercises.Select(e => e.Module).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var studentFiles = course.Exercises.Where(e => e.Module == module)
                .SelectMany(e => e.StudentFileNames())
                .ToHashSet(StringComparer.Ordinal);
            string stubs = Path.Combine(course.Root, "exercises", module);
            string reference = Path.Combine(course.Root, "solutions", module);
            var given = SourceFiles(stubs)
                .Where(f => !studentFiles.Contains(f) && File.Exists(Path.Combine(reference, f)))
                .ToList();
            var differing = given.Where(f => !GradedTree.SameContent(Path.Combine(stubs, f), Path.Combine(reference, f))).ToList();
            yield return new VerifyCheck($"given code {module}", differing.Count == 0, differing.Count == 0
                ? given.Count switch
                {
                    0 => "no given files: every source file is a student's",
                    1 => "the 1 given file is the same in exercises/ and solutions/",
                    _ => $"all {given.Count} given files are the same in exercises/ and solutions/",
                }
                : $"given files differ between exercises/{module} and solutions/{module}: {string.Join(", ", differing)}; make them the same, or name the file in its exercise's StudentFiles");
        }
    }

    /// <summary>
    /// The files compiled into a module (project files and Dockerfiles may differ by design), relative to
    /// <paramref name="directory"/> with '/', outside build output.
    /// </summary>
    private static IEnumerable<string> SourceFiles(string directory) =>
        GradedTree.Files(directory)
            .Select(f => CourseDiscovery.Relative(directory, f))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".proto", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
