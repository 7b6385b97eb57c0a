using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;
using Katas.Grader.Reporting;
using Katas.Grader.Running;
using Katas.Grader.Verification;
using Katas.Grader.Watching;

namespace Katas.Grader.Commands;

/// <summary>
/// <c>verify</c> (CI): grades solutions/ and exercises/ once each, writes each side's report in every
/// format and checks that they agree (full marks on solutions, zero on the stubs), grades every mistake
/// under grader/mistakes/ and checks that its exercise fails, and checks the rest of the exercise
/// contract. Prints one line per check, grouped by exercise, and ends with <c>N passed, N failed</c>.
/// Exit 0 only if every check passed.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var reports = new Option<string>("--reports")
        {
            Description = "Folder for each side's report in every format (console text, JSON, Markdown, Classroom, Gradescope). Default: artifacts/verify/.",
            HelpName = "DIR",
        };
        var noMistakes = new Option<bool>("--no-mistakes")
        {
            Description = "Skip the mistakes under grader/mistakes/ (quicker; CI never skips them).",
        };
        var noBuildServers = new Option<bool>("--no-build-servers")
        {
            Description = "Don't keep MSBuild nodes and the compiler server warm from one build to the next (each side and each mistake round is one build; slower).",
        };
        var command = new Command("verify", "Check the exercise contract: solutions pass every test, stubs fail a visible and a hidden test, every mistake fails its exercise, metadata complete, every report agrees, test hashes current.");
        foreach (Option option in (Option[])[shared.Module, shared.Exercise, shared.Json, reports, noMistakes, noBuildServers, shared.TestTimeout, shared.ModuleTimeout, shared.MemoryLimit, shared.NoRestore])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            Course course = CourseDiscovery.Discover(root);
            string reportDir = Path.GetFullPath(parse.GetValue(reports) ?? Path.Combine(root, "artifacts", "verify"));
            // Grade both trees as they are: a stale manifest is its own check below, not a reason to fail every exercise.
            var untouched = new TamperReport(new Dictionary<string, string>(), [], ManifestFound: false);
            Selection selection = Selection.Resolve(course, untouched, parse.GetValue(shared.Module), parse.GetValue(shared.Exercise));
            var clock = Stopwatch.StartNew();
            var phase = Stopwatch.StartNew();
            // Both sides and every mistake round are builds of one session: the compiler server and MSBuild's
            // nodes stay warm from one to the next (a round then recompiles in seconds), and are stopped at the end.
            var servers = new BuildServers(!parse.GetValue(noBuildServers), "verify");
            GradeOptions Options(bool solutions) => shared.GradeOptions(parse, root, root, solutions) with { Tuning = servers.Tuning() };
            GradeReport solutions, stubs;
            IReadOnlyList<MistakeOutcome>? mistakes = null;
            var endToEnd = new List<VerifyCheck>();
            try
            {
                solutions = await GradingRun.GradeAsync(course, untouched, selection, Options(solutions: true),
                    new ProgressLines(context.Out, "solutions"), cancellationToken);
                context.Out.WriteLine($"solutions: graded in {Seconds(phase)}");
                phase.Restart();
                endToEnd.AddRange(ReportAgreement.WriteAndCheck(solutions, reportDir, root));

                stubs = await GradingRun.GradeAsync(course, untouched, selection, Options(solutions: false),
                    new ProgressLines(context.Out, "exercises"), cancellationToken);
                context.Out.WriteLine($"exercises: graded in {Seconds(phase)}");
                phase.Restart();
                endToEnd.AddRange(ReportAgreement.WriteAndCheck(stubs, reportDir, root));

                if (!parse.GetValue(noMistakes))
                {
                    var ids = selection.Exercises.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
                    var selected = course.Mistakes.Where(m => ids.Contains(m.ExerciseId)).ToList();
                    mistakes = await MistakeRun.RunAsync(course, selected, Options(solutions: true),
                        (k, n, round) => new ProgressLines(context.Out, $"mistakes, round {GraderCli.Format(k)} of {GraderCli.Format(n)} ({string.Join(", ", round.Select(m => m.Name))})"),
                        cancellationToken);
                    context.Out.WriteLine($"mistakes: {GraderCli.Format(selected.Count)} graded in {Seconds(phase)}");
                }
            }
            finally
            {
                await servers.ShutdownAsync();
            }

            var checks = ContractVerifier.Check(course, selection.Exercises, solutions, stubs, mistakes).ToList();
            checks.AddRange(endToEnd);
            IReadOnlyList<string> stale = HashTestsCommand.Compare(TestManifest.Load(root), TestManifest.Create(course), File.Exists(TestManifest.PathIn(root)));
            checks.Add(new VerifyCheck("test hashes", stale.Count == 0,
                stale.Count == 0 ? $"{TestManifest.RelativePath} is current" : $"{TestManifest.RelativePath} is stale ({string.Join("; ", stale.Take(5))}): run hash-tests"));
            checks.AddRange(GivenFiles.Check(course, selection.Exercises));

            foreach (VerifyCheck check in checks)
            {
                context.Out.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {TextSanitizer.OneLine(check.Detail, 400)}");
            }

            int passed = checks.Count(c => c.Passed);
            int failed = checks.Count - passed;
            context.Out.WriteLine($"verify took {Seconds(clock)}");
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

    private static string Seconds(Stopwatch clock) => clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// Plain progress lines: verify runs in CI, where a live display would only clutter the log. Each build
    /// and each module's test run says how long it took, so the log shows where the time goes.
    /// </summary>
    private sealed class ProgressLines(TextWriter output, string side) : IGradeObserver
    {
        private readonly Stopwatch _module = new();

        public void BuildStarted(IReadOnlyList<Module> modules) =>
            output.WriteLine($"{side}: building {string.Join(", ", modules.Select(m => m.Name))}...");

        public void BuildFinished(BuildOutcome outcome) =>
            output.WriteLine($"{side}: built in {outcome.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");

        public void ModuleStarted(Module module)
        {
            output.WriteLine($"{side}: running the tests of {module.Name}...");
            _module.Restart();
        }

        public void TestProgress(Module module, TestProgress progress)
        {
        }

        public void ModuleFinished(Module module, IReadOnlyList<ExerciseResult> results) =>
            output.WriteLine($"{side}: tests of {module.Name} ran in {_module.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }
}

/// <summary>verify's --json document.</summary>
internal sealed record VerifyReport(int Passed, int Failed, IReadOnlyList<VerifyCheck> Checks);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(VerifyReport))]
internal sealed partial class VerifyJsonContext : JsonSerializerContext;
