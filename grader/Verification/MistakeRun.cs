using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;

namespace Katas.Grader.Verification;

/// <summary>A mistake and how its exercise fared with it (null: it was never graded).</summary>
internal sealed record MistakeOutcome(Mistake Mistake, ExerciseResult? Result);

/// <summary>
/// Grades the mistakes, one build per round (<see cref="MistakeRounds"/>): the round's modules are copied
/// from <c>solutions/</c> into <c>artifacts/mistakes/src/</c>, its mistakes written over them, and the
/// visible and hidden tests of the round's exercises built against that tree
/// (<c>-p:KataSourceRoot=</c>, the mechanism of <c>--student</c>) into <c>artifacts/mistakes/build/</c>.
/// Every round uses the same two folders, so each build after the first is incremental: only the files a
/// round changes are rewritten, and only what depends on them recompiles.
/// </summary>
internal static class MistakeRun
{
    public static async Task<IReadOnlyList<MistakeOutcome>> RunAsync(
        Course course,
        IReadOnlyList<Mistake> mistakes,
        GradeOptions options,
        Func<int, int, IReadOnlyList<Mistake>, IGradeObserver> observerOfRound,
        CancellationToken cancellationToken)
    {
        string root = Path.GetFullPath(options.Root);
        string sourceRoot = Path.Combine(root, "artifacts", "mistakes", "src") + Path.DirectorySeparatorChar;
        string artifacts = Path.Combine(root, "artifacts", "mistakes", "build") + Path.DirectorySeparatorChar;
        var untouched = new TamperReport(new Dictionary<string, string>(), [], ManifestFound: false);
        var restored = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<MistakeOutcome>();

        IReadOnlyList<IReadOnlyList<Mistake>> rounds = MistakeRounds.Plan(mistakes, course.Exercises);
        for (int k = 0; k < rounds.Count; k++)
        {
            IReadOnlyList<Mistake> round = rounds[k];
            var moduleNames = round.Select(m => m.Module).ToHashSet(StringComparer.Ordinal);
            var modules = course.Modules.Where(m => moduleNames.Contains(m.Name)).ToList();
            foreach (Module module in modules)
            {
                Overlay(Path.Combine(root, "solutions", module.Name), Path.Combine(sourceRoot, module.Name), round.Where(m => m.Module == module.Name));
            }

            // The overlay tree keeps its paths from round to round: its projects need restoring once.
            bool restore = options.Restore && modules.Any(m => !restored.Contains(m.Name));
            restored.UnionWith(moduleNames);
            var settings = new BuildSettings(root, sourceRoot, "solutions", artifacts, restore, PassSourceRoot: true, PassArtifactsRoot: true, options.Isolation);
            var exercises = course.Exercises.Where(e => round.Any(m => m.ExerciseId == e.Id)).ToList();
            var selection = new Selection(modules, exercises, []);
            GradeReport report = await GradingRun.GradeAsync(course, untouched, selection, options with { Solutions = true }, settings,
                observerOfRound(k + 1, rounds.Count, round), cancellationToken);
            outcomes.AddRange(round.Select(m => new MistakeOutcome(m, report.Exercises.FirstOrDefault(e => e.Id == m.ExerciseId))));
        }

        return outcomes;
    }

    /// <summary>
    /// Makes <paramref name="target"/> the solution with the mistakes' files written over it. A file is
    /// written only when its content changes, so MSBuild's timestamps tell exactly what to recompile;
    /// files the solution no longer has are deleted.
    /// </summary>
    internal static void Overlay(string solution, string target, IEnumerable<Mistake> mistakes)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in CourseDiscovery.ProjectFiles(solution))
        {
            wanted[Path.GetRelativePath(solution, file)] = file;
        }

        foreach (Mistake mistake in mistakes)
        {
            foreach (string file in mistake.Files)
            {
                wanted[file.Replace('/', Path.DirectorySeparatorChar)] = Path.Combine(mistake.Directory, file);
            }
        }

        foreach (string existing in CourseDiscovery.ProjectFiles(target))
        {
            if (!wanted.ContainsKey(Path.GetRelativePath(target, existing)))
            {
                File.Delete(existing);
            }
        }

        foreach ((string relative, string source) in wanted)
        {
            string destination = Path.Combine(target, relative);
            byte[] content = File.ReadAllBytes(source);
            if (File.Exists(destination) && File.ReadAllBytes(destination).AsSpan().SequenceEqual(content))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            // Written, not copied: a copy keeps the source's timestamp, and MSBuild would skip the build.
            File.WriteAllBytes(destination, content);
        }
    }
}
