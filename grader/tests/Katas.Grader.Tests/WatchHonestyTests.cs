using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Katas.Grader.Commands;
using Katas.Grader.Discovery;
using Katas.Grader.Watching;

namespace Katas.Grader.Tests;

/// <summary>
/// The watch loop's header against the grader, on the same tree of the sample course: the points the
/// loop shows are never more than the grader gives. The student's tree has every exercise solved but
/// 1.1; then 1.1 gets the wrong solution whose visible tests pass and whose hidden test fails
/// (mistake 1.1-drops-signs) and a test file of 1.3 is edited; each time the loop's screen and a grading
/// run must agree.
/// </summary>
[Collection(GoldenCourse.Collection)]
public sealed partial class WatchHonestyTests(GoldenCourse course)
{
    [GeneratedRegex(@"^Katas watch  (?<module>\S+) .* (?<points>\d+)/(?<max>\d+) points \(visible and hidden tests", RegexOptions.Multiline)]
    private static partial Regex Header();

    [Fact(Timeout = 600_000)]
    public async Task The_watch_header_never_shows_more_points_than_the_grader_gives()
    {
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        string module = Path.Combine(course.Root, "exercises", "01-sample");
        string solutions = Path.Combine(course.Root, "solutions", "01-sample");
        string counterTests = Path.Combine(module, "Tests", "CounterTests.cs");
        var originals = Directory.EnumerateFiles(module, "*.cs").Append(counterTests).ToDictionary(f => f, File.ReadAllBytes);
        var screen = new StringWriter();
        Course discovered = CourseDiscovery.Discover(course.Root);
        var session = new WatchSession(
            discovered,
            new WatchOptions { Root = course.Root, Plain = true, BuildServers = false, TestTimeout = TimeSpan.FromSeconds(5), ModuleTimeout = TimeSpan.FromSeconds(90) },
            new WatchScreen(screen, forcePlain: true));
        try
        {
            // Solved but 1.1 (still the stub): 1.2 and 1.3 pass their visible and hidden tests.
            File.WriteAllBytes(Path.Combine(module, "Greeter.cs"), File.ReadAllBytes(Path.Combine(solutions, "Greeter.cs")));
            File.WriteAllBytes(Path.Combine(module, "Counter.cs"), File.ReadAllBytes(Path.Combine(solutions, "Counter.cs")));
            await session.CheckEverythingAsync(TestContext.Current.CancellationToken);
            (int shown, string first) = Shown(screen);
            (int graded, string report) = await GradedPointsAsync("01-sample");
            shown.Should().Be(25, $"1.2 (10 points) and 1.3 (15) pass everything. Screen:\n{first}");
            shown.Should().BeLessThanOrEqualTo(graded, $"the grader gives {graded} points. Screen:\n{first}\nGrader:\n{report}");
            first.Should().Contain("Current exercise: 1.1 ");

            // A save: 1.1's visible tests pass, its hidden test fails; 1.3's test file was edited meanwhile.
            File.WriteAllBytes(Path.Combine(module, "Adder.cs"), File.ReadAllBytes(Path.Combine(course.Root, "grader", "mistakes", "01-sample", "1.1-drops-signs", "Adder.cs")));
            File.AppendAllText(counterTests, "// Every test passes now.\n");
            Module sample = discovered.Modules.Single(m => m.Name == "01-sample");
            screen.GetStringBuilder().Clear();
            await session.CheckModuleAsync(sample, Stopwatch.GetTimestamp(), TestContext.Current.CancellationToken);
            (shown, string second) = Shown(screen);
            (graded, report) = await GradedPointsAsync("01-sample");
            graded.Should().Be(10, $"1.1 fails a hidden test and 1.3 is tampered: only 1.2 counts. Grader:\n{report}");
            shown.Should().BeLessThanOrEqualTo(graded, $"the grader gives {graded} points. Screen:\n{second}\nGrader:\n{report}");
            shown.Should().Be(graded, $"the loop measured what the grader measures. Screen:\n{second}");
            second.Should().Contain("Current exercise: 1.1 ")
                .And.Contain("1.1 passes its visible tests, but a hidden test fails")
                .And.Contain("hidden test Negative numbers add up:", "a failing hidden test shows its name and message, as in the grader's report")
                .And.MatchRegex(@"verdict in [0-9.]+ s \(build [0-9.]+ s, tests [0-9.]+ s, hidden tests [0-9.]+ s\)", "the verdict says what the hidden tests cost");
        }
        finally
        {
            await session.ShutdownAsync();
            foreach ((string path, byte[] content) in originals)
            {
                File.WriteAllBytes(path, content);
            }

            course.Gate.Release();
        }
    }

    /// <summary>The header of the last screen drawn: its points for the module in view.</summary>
    private static (int Points, string Screen) Shown(StringWriter output)
    {
        string all = output.ToString();
        // Each plain screen starts with a line of four dashes (the progress bar has dashes too).
        string last = all[(all.LastIndexOf("----" + Environment.NewLine, StringComparison.Ordinal) + 4)..];
        Match header = Header().Match(last);
        header.Success.Should().BeTrue($"the header says how many points, measured on visible and hidden tests. Screen:\n{last}");
        return (int.Parse(header.Groups["points"].Value, CultureInfo.InvariantCulture), last);
    }

    /// <summary>What the grader gives the same tree: the points of <paramref name="module"/>'s exercises.</summary>
    private async Task<(int Points, string Console)> GradedPointsAsync(string module)
    {
        string json = Path.Combine(course.Root, "artifacts", "watch-honesty.json");
        var output = new StringWriter();
        await GraderCli.RunAsync(["--root", course.Root, "--json", json, "--plain", "--test-timeout", "5", "--module-timeout", "90"], output, output, TestContext.Current.CancellationToken);
        JsonNode report = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
        return (report["exercises"]!.AsArray().Where(e => (string?)e!["module"] == module).Sum(e => e!["points"]!.GetValue<int>()), output.ToString());
    }
}
