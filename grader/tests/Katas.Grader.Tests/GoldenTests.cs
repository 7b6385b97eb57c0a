using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Katas.Grader.Building;
using Katas.Grader.Commands;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;
using Katas.Grader.Running;

namespace Katas.Grader.Tests;

/// <summary>
/// Golden runs: the sample course with ONE fault each (fixtures/grader/cases/&lt;case&gt;/: overlay files,
/// files to delete, extra arguments) is graded, and the JSON report, durations stripped, must equal
/// the case's expected.json. Each fault must cost only the exercise it touches (a whole module for a
/// compile error or a failing module initializer), and every run must end.
/// Set KATAS_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review the diff.
/// </summary>
[Collection(GoldenCourse.Collection)]
public sealed partial class GoldenTests(GoldenCourse course)
{
    public static TheoryData<string> Cases => new(
        "baseline-solutions",
        "baseline-stubs",
        "hang",
        "deadlock",
        "throw",
        "exit",
        "stack-overflow",
        "unbounded-allocation",
        "output-flood",
        "compile-error",
        "edited-test",
        "deleted-test",
        "module-initializer");

    [GeneratedRegex("^Total: (?<points>\\d+)/(?<max>\\d+) points", RegexOptions.Multiline)]
    private static partial Regex ConsoleTotal();

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(Cases))]
    public async Task Each_fault_costs_only_what_it_touches_and_the_run_ends(string name)
    {
        string caseDir = Path.Combine(course.RepositoryRoot, "fixtures", "grader", "cases", name);
        string json = Path.Combine(course.Root, "artifacts", $"result-{name}.json");
        var output = new StringWriter();
        int exitCode = await WithCaseAsync(caseDir, () =>
        {
            string[] caseArgs = File.ReadAllLines(Path.Combine(caseDir, "args.txt")).Where(l => l.Length > 0).ToArray();
            // Small limits keep the suite short: a hang costs 5 s, not 15. A case may set its own.
            string[] limits = caseArgs.Contains("--test-timeout") ? [] : ["--test-timeout", "5", "--module-timeout", "90"];
            string[] args = ["--root", course.Root, "--json", json, "--plain", .. limits, .. caseArgs];
            return GraderCli.RunAsync(args, output, output, TestContext.Current.CancellationToken);
        });

        string console = output.ToString();
        File.Exists(json).Should().BeTrue($"the grader must write its JSON report even when the code is faulty. Console:\n{console}");
        JsonNode actual = Normalize(JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!);
        string expectedPath = Path.Combine(caseDir, "expected.json");
        string actualText = actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        if (Environment.GetEnvironmentVariable("KATAS_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(expectedPath, actualText, TestContext.Current.CancellationToken);
        }

        File.Exists(expectedPath).Should().BeTrue($"{expectedPath} holds the expected report; run with KATAS_UPDATE_GOLDEN=1 to create it. Actual:\n{actualText}");
        string expectedText = (await File.ReadAllTextAsync(expectedPath, TestContext.Current.CancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal);
        actualText.Should().Be(expectedText, $"the report of case '{name}' must match {expectedPath}. Console:\n{console}");

        bool allPassed = actual["exercises"]!.AsArray().All(e => (string?)e!["status"] == "passed");
        exitCode.Should().Be(allPassed ? 0 : 1, "exit code 0 means every graded exercise passed, 1 that some did not");

        Match total = ConsoleTotal().Match(console);
        total.Success.Should().BeTrue($"the console ends with a Total line. Console:\n{console}");
        total.Groups["points"].Value.Should().Be(actual["points"]!.ToString(), "console and JSON totals must agree");
        total.Groups["max"].Value.Should().Be(actual["maxPoints"]!.ToString(), "console and JSON totals must agree");
        console.Should().NotContain("\n::", "student text must never reach the console as a CI workflow command")
            .And.NotContain("\u001b", "student text must never reach the console with escape sequences")
            .And.NotContain("   at Katas.Grader", "a fault is reported by status, never with a grader stack trace");
    }

    /// <summary>
    /// Exercise 1.1's Add hangs, and both of its visible tests and its hidden test call it. The first
    /// visible test in source order times out; the second is not run at all, because it could only cost
    /// another timeout and another restart for an exercise that has already failed. The other exercises
    /// of the module still run, in the restarted test program.
    /// </summary>
    [Fact(Timeout = 600_000)]
    public async Task A_hanging_exercise_costs_one_timeout_per_test_program_and_its_other_tests_are_left_out()
    {
        GradeReport report = await WithCaseAsync(Path.Combine(course.RepositoryRoot, "fixtures", "grader", "cases", "hang"), () =>
        {
            Course discovered = CourseDiscovery.Discover(course.Root);
            TamperReport tamper = TamperCheck.Check(discovered, TestManifest.Load(course.Root));
            Selection selection = Selection.Resolve(discovered, tamper, module: "1", exercise: null);
            var options = new GradeOptions
            {
                Root = course.Root,
                Student = course.Root,
                Solutions = true,
                TestTimeout = TimeSpan.FromSeconds(5),
                ModuleTimeout = TimeSpan.FromSeconds(90),
            };
            return GradingRun.GradeAsync(discovered, tamper, selection, options, new SilentObserver(), TestContext.Current.CancellationToken);
        });

        ExerciseResult hanging = report.Exercises.Single(e => e.Id == "1.1");
        hanging.Status.Should().Be(ExerciseStatus.Timeout);
        hanging.VisibleTests.Select(t => (t.MethodName, t.Status)).Should().Equal(
            [("Two_and_three_make_five", TestStatus.Timeout)],
            "the first visible test in source order hangs and is stopped; the second would hang too and is left out");
        hanging.HiddenTests.Select(t => t.Status).Should().Equal([TestStatus.Timeout], "the hidden test program stops the exercise once too");
        report.Exercises.Where(e => e.Module == "01-sample" && e.Id != "1.1").Should().OnlyContain(e => e.Status == ExerciseStatus.Passed,
            "the other exercises run in the restarted test program");
    }

    private sealed class SilentObserver : IGradeObserver
    {
        public void BuildStarted(IReadOnlyList<Module> modules)
        {
        }

        public void BuildFinished(BuildOutcome outcome)
        {
        }

        public void ModuleStarted(Module module)
        {
        }

        public void TestProgress(Module module, TestProgress progress)
        {
        }

        public void ModuleFinished(Module module, IReadOnlyList<ExerciseResult> results)
        {
        }
    }

    /// <summary>Durations vary from run to run; everything else must not.</summary>
    private static JsonNode Normalize(JsonNode report)
    {
        foreach (JsonNode? exercise in report["exercises"]!.AsArray())
        {
            exercise!["durationMs"] = 0;
        }

        return report;
    }

    /// <summary>Runs <paramref name="grade"/> on the course with one case applied, alone, and puts the course back.</summary>
    private async Task<T> WithCaseAsync<T>(string caseDir, Func<Task<T>> grade)
    {
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        var restore = new List<(string Path, byte[]? Content)>();
        try
        {
            ApplyCase(caseDir, restore);
            return await grade();
        }
        finally
        {
            Revert(restore);
            course.Gate.Release();
        }
    }

    private void ApplyCase(string caseDir, List<(string Path, byte[]? Content)> restore)
    {
        string overlay = Path.Combine(caseDir, "overlay");
        if (Directory.Exists(overlay))
        {
            foreach (string file in Directory.EnumerateFiles(overlay, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(course.Root, Path.GetRelativePath(overlay, file));
                restore.Add((target, File.Exists(target) ? File.ReadAllBytes(target) : null));
                // Written, not copied: a copy keeps the fixture's old timestamp on Unix, and MSBuild would
                // think the output newer than the source and skip the build.
                File.WriteAllBytes(target, File.ReadAllBytes(file));
            }
        }

        string deletions = Path.Combine(caseDir, "delete.txt");
        if (File.Exists(deletions))
        {
            foreach (string relative in File.ReadAllLines(deletions).Where(l => l.Length > 0))
            {
                string target = Path.Combine(course.Root, relative);
                restore.Add((target, File.ReadAllBytes(target)));
                File.Delete(target);
            }
        }
    }

    private static void Revert(List<(string Path, byte[]? Content)> restore)
    {
        foreach ((string path, byte[]? content) in restore)
        {
            if (content is null)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllBytes(path, content);
            }
        }
    }
}
