using System.Diagnostics;
using System.Text.Json.Nodes;
using Katas.Grader.Commands;

namespace Katas.Grader.Tests;

/// <summary>
/// gradescope-bundle over the sample course: the bundle holds the scripts, the grader's inputs and the
/// hidden tests but no solutions; both scripts parse (bash -n); and run_autograder, pointed at a
/// temporary folder laid out like /autograder (AUTOGRADER_ROOT), grades a submission of the stubs into
/// results/results.json with hidden-test details visible only after the due date. Not in the course's
/// collection: it reads the course only while it holds the gate, then builds and grades its own copy,
/// side by side with the tests that build the course.
/// </summary>
public sealed class GradescopeBundleTests(GoldenCourse course) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "katas-gradescope-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact(Timeout = 900_000)]
    public async Task Bundle_has_no_solutions_and_run_autograder_grades_a_submission()
    {
        string bundle = Path.Combine(_work, "source");
        var output = new StringWriter();
        // The course is shared: read it while no other test has its files changed.
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        int exitCode;
        try
        {
            exitCode = await GraderCli.RunAsync(["gradescope-bundle", bundle, "--root", course.Root], output, output, TestContext.Current.CancellationToken);
            GoldenCourse.CopyDirectory(Path.Combine(course.Root, "exercises"), Path.Combine(_work, "submission", "exercises"));
        }
        finally
        {
            course.Gate.Release();
        }

        exitCode.Should().Be(GraderCli.Success, output.ToString());
        File.Exists(Path.Combine(bundle, "setup.sh")).Should().BeTrue();
        File.Exists(Path.Combine(bundle, "run_autograder")).Should().BeTrue();
        File.Exists(Path.Combine(bundle, "katas", "grader", "hidden", "01-sample", "AdderHiddenTests.cs")).Should().BeTrue("grading needs the hidden tests");
        File.Exists(Path.Combine(bundle, "katas", "exercises", "01-sample", "Tests", "AdderTests.cs")).Should().BeTrue("grading needs the visible tests");
        Directory.Exists(Path.Combine(bundle, "katas", "solutions")).Should().BeFalse("the bundle must not ship the solutions");
        (await RunAsync("bash", ["-n", Path.Combine(bundle, "setup.sh")], [])).ExitCode.Should().Be(0, "setup.sh must parse");
        (await RunAsync("bash", ["-n", Path.Combine(bundle, "run_autograder")], [])).ExitCode.Should().Be(0, "run_autograder must parse");
        (await File.ReadAllTextAsync(Path.Combine(bundle, "setup.sh"), TestContext.Current.CancellationToken))
            .Should().Contain("--jsonfile \"$katas/global.json\"", "the SDK is pinned to global.json's version band");

        string grader = Path.Combine(AppContext.BaseDirectory, "Katas.Grader.dll");
        (int code, string log) = await RunAsync("bash", [Path.Combine(bundle, "run_autograder")],
            [("AUTOGRADER_ROOT", _work), ("KATAS_GRADER", $"dotnet {grader} --test-timeout 5 --module-timeout 90")]);

        code.Should().Be(0, $"run_autograder always ends normally; Gradescope reads the results file. Output:\n{log}");
        string resultsPath = Path.Combine(_work, "results", "results.json");
        File.Exists(resultsPath).Should().BeTrue($"run_autograder writes results/results.json. Output:\n{log}");
        JsonNode results = JsonNode.Parse(await File.ReadAllTextAsync(resultsPath, TestContext.Current.CancellationToken))!;
        ((int)results["score"]!).Should().Be(0, $"the stubs earn nothing. Output:\n{log}");
        JsonArray tests = results["tests"]!.AsArray();
        tests.Where(t => (string?)t!["visibility"] == "visible").Should().HaveCount(4, "one scored test per exercise of the sample course");
        tests.Where(t => ((string?)t!["name"])!.EndsWith("hidden tests", StringComparison.Ordinal))
            .Should().NotBeEmpty().And.OnlyContain(t => (string?)t!["visibility"] == "after_due_date");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, (string Name, string Value)[] environment)
    {
        var startInfo = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using Process process = Process.Start(startInfo)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
