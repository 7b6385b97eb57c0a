using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;
using Katas.Grader.Reporting;
using Katas.Grader.Running;
using Katas.Grader.Verification;

namespace Katas.Grader.Commands;

/// <summary>
/// <c>verify</c> (CI): grades solutions/ and exercises/ and checks the exercise contract; prints one line
/// per check and ends with <c>N passed, N failed</c>. Exit 0 only if every check passed.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var command = new Command("verify", "Check the exercise contract on both trees: solutions pass every test, stubs fail a visible and a hidden test, metadata complete, test hashes current.");
        foreach (Option option in (Option[])[shared.Module, shared.Exercise, shared.Json, shared.TestTimeout, shared.ModuleTimeout, shared.MemoryLimit, shared.NoRestore])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            Course course = CourseDiscovery.Discover(root);
            // Grade both trees as they are: a stale manifest is its own check below, not a reason to fail every exercise.
            var untouched = new TamperReport(new Dictionary<string, string>(), [], ManifestFound: false);
            Selection selection = Selection.Resolve(course, untouched, parse.GetValue(shared.Module), parse.GetValue(shared.Exercise));
            GradeReport solutions = await GradingRun.GradeAsync(course, untouched, selection, shared.GradeOptions(parse, root, root, solutions: true),
                new ProgressLines(context.Out, "solutions"), cancellationToken);
            GradeReport stubs = await GradingRun.GradeAsync(course, untouched, selection, shared.GradeOptions(parse, root, root, solutions: false),
                new ProgressLines(context.Out, "exercises"), cancellationToken);

            var checks = ContractVerifier.Check(course, selection.Exercises, solutions, stubs).ToList();
            IReadOnlyList<string> stale = HashTestsCommand.Compare(TestManifest.Load(root), TestManifest.Create(course), File.Exists(TestManifest.PathIn(root)));
            checks.Add(new VerifyCheck("test hashes", stale.Count == 0,
                stale.Count == 0 ? $"{TestManifest.RelativePath} is current" : $"{TestManifest.RelativePath} is stale ({string.Join("; ", stale.Take(5))}): run hash-tests"));

            foreach (VerifyCheck check in checks)
            {
                context.Out.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {TextSanitizer.OneLine(check.Detail, 400)}");
            }

            int passed = checks.Count(c => c.Passed);
            int failed = checks.Count - passed;
            context.Out.WriteLine($"{GraderCli.Format(passed)} passed, {GraderCli.Format(failed)} failed");
            if (parse.GetValue(shared.Json) is { } json)
            {
                var document = new VerifyReport(passed, failed, checks);
                ReportFiles.Write(json, JsonSerializer.Serialize(document, VerifyJsonContext.Default.VerifyReport) + "\n");
            }

            return failed == 0 ? GraderCli.Success : GraderCli.Failure;
        });
        return command;
    }

    /// <summary>Plain progress lines: verify runs in CI, where a live display would only clutter the log.</summary>
    private sealed class ProgressLines(TextWriter output, string side) : IGradeObserver
    {
        public void BuildStarted(IReadOnlyList<Module> modules) =>
            output.WriteLine($"{side}: building {string.Join(", ", modules.Select(m => m.Name))}...");

        public void BuildFinished(BuildOutcome outcome)
        {
        }

        public void ModuleStarted(Module module) => output.WriteLine($"{side}: running the tests of {module.Name}...");

        public void TestProgress(Module module, TestProgress progress)
        {
        }

        public void ModuleFinished(Module module, IReadOnlyList<ExerciseResult> results)
        {
        }
    }
}

/// <summary>verify's --json document.</summary>
internal sealed record VerifyReport(int Passed, int Failed, IReadOnlyList<VerifyCheck> Checks);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(VerifyReport))]
internal sealed partial class VerifyJsonContext : JsonSerializerContext;
