using Katas.Grader.Discovery;

namespace Katas.Grader.Integrity;

/// <summary>What the comparison of the test files with the manifest found.</summary>
/// <param name="Tampered">Exercise id → why it counts as tampered.</param>
/// <param name="MissingExercises">Exercises in the manifest whose test class is gone from the sources.</param>
/// <param name="ManifestFound">False when there is no manifest to compare with (nothing is then reported as tampered).</param>
internal sealed record TamperReport(
    IReadOnlyDictionary<string, string> Tampered,
    IReadOnlyList<ManifestExercise> MissingExercises,
    bool ManifestFound);

/// <summary>Compares the test files of a course with <c>grader/test-hashes.json</c>.</summary>
internal static class TamperCheck
{
    public static TamperReport Check(Course course, TestManifest? manifest)
    {
        if (manifest is null)
        {
            return new TamperReport(new Dictionary<string, string>(), [], ManifestFound: false);
        }

        var tampered = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal);

        void Blame(string module, IReadOnlyList<string> exercises, string reason)
        {
            IEnumerable<string> ids = exercises.Count > 0
                ? exercises
                : course.Exercises.Where(e => e.Module == module).Select(e => e.Id)
                    .Concat(manifest.Exercises.Where(e => e.Module == module).Select(e => e.Id));
            foreach (string id in ids)
            {
                tampered.TryAdd(id, reason);
            }
        }

        foreach (ManifestFile file in manifest.Files)
        {
            known.Add(file.Path);
            string path = Path.Combine(course.Root, file.Path);
            if (!File.Exists(path))
            {
                Blame(file.Module, file.Exercises, $"test file {file.Path} was deleted");
            }
            else if (!string.Equals(TestManifest.HashFile(path), file.Sha256, StringComparison.Ordinal))
            {
                Blame(file.Module, file.Exercises, $"test file {file.Path} was edited");
            }
        }

        // Files that compile into a test project but are not in the manifest change what the tests do.
        foreach (Module module in course.Modules)
        {
            foreach (TestProject project in module.Projects)
            {
                foreach (string file in CourseDiscovery.ProjectFiles(project.Directory).Where(TestManifest.IsCompiledInput))
                {
                    string relative = CourseDiscovery.Relative(course.Root, file);
                    if (!known.Contains(relative))
                    {
                        Blame(module.Name, [], $"file {relative} was added to the tests");
                    }
                }
            }
        }

        foreach (Exercise exercise in course.Exercises)
        {
            if (!manifest.Exercises.Any(e => e.Id == exercise.Id))
            {
                tampered.TryAdd(exercise.Id, $"exercise {exercise.Id} is not in {TestManifest.RelativePath} (instructors: run hash-tests)");
            }
        }

        var missing = manifest.Exercises.Where(m => course.FindExercise(m.Id) is null).ToList();
        foreach (ManifestExercise exercise in missing)
        {
            tampered.TryAdd(exercise.Id, $"the test class of exercise {exercise.Id} was removed");
        }

        return new TamperReport(tampered, missing, ManifestFound: true);
    }
}
