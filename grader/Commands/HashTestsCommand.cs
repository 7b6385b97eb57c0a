using System.CommandLine;
using Katas.Grader.Discovery;
using Katas.Grader.Integrity;

namespace Katas.Grader.Commands;

/// <summary>
/// <c>hash-tests</c> (instructors): writes grader/test-hashes.json; <c>--check</c> only compares and exits 1
/// when the file is stale (CI runs that).
/// </summary>
internal static class HashTestsCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var check = new Option<bool>("--check")
        {
            Description = "Don't write: exit 1 if grader/test-hashes.json does not match the test files.",
        };
        var command = new Command("hash-tests", "Instructors: record the SHA-256 of every visible and hidden test file in grader/test-hashes.json.");
        command.Options.Add(check);
        command.SetAction(parse =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            Course course = CourseDiscovery.Discover(root);
            TestManifest current = TestManifest.Create(course);
            string path = TestManifest.PathIn(root);
            if (!parse.GetValue(check))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, current.ToJson());
                context.Out.WriteLine($"wrote {TestManifest.RelativePath}: {GraderCli.Format(current.Files.Count)} files, {GraderCli.Format(current.Exercises.Count)} exercises");
                return GraderCli.Success;
            }

            IReadOnlyList<string> differences = Compare(TestManifest.Load(root), current, File.Exists(path));
            foreach (string difference in differences)
            {
                context.Out.WriteLine(difference);
            }

            if (differences.Count > 0)
            {
                context.Out.WriteLine($"{TestManifest.RelativePath} is stale: run `dotnet run --project grader -- hash-tests` and commit it.");
                return GraderCli.Failure;
            }

            context.Out.WriteLine($"{TestManifest.RelativePath} is current ({GraderCli.Format(current.Files.Count)} files).");
            return GraderCli.Success;
        });
        return command;
    }

    /// <summary>Human-readable differences between the stored manifest and the files as they are.</summary>
    public static IReadOnlyList<string> Compare(TestManifest? stored, TestManifest current, bool exists)
    {
        if (stored is null)
        {
            return [exists ? $"{TestManifest.RelativePath} cannot be read" : $"{TestManifest.RelativePath} does not exist"];
        }

        var differences = new List<string>();
        var storedFiles = stored.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var currentFiles = current.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (ManifestFile file in current.Files)
        {
            if (!storedFiles.TryGetValue(file.Path, out ManifestFile? old))
            {
                differences.Add($"new file: {file.Path}");
            }
            else if (old.Sha256 != file.Sha256 || !old.Exercises.SequenceEqual(file.Exercises) || old.Module != file.Module)
            {
                differences.Add($"changed: {file.Path}");
            }
        }

        differences.AddRange(stored.Files.Where(f => !currentFiles.ContainsKey(f.Path)).Select(f => $"deleted: {f.Path}"));
        if (!stored.Exercises.SequenceEqual(current.Exercises))
        {
            differences.Add("the exercise list (ids, titles, points) changed");
        }

        return differences;
    }
}
