using System.Text.RegularExpressions;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Reporting;
using Katas.Grader.Watching;

namespace Katas.Grader.Tests;

/// <summary>The shared console layer and the watch screen's honesty, drawn in plain mode into a string.</summary>
public sealed partial class ConsoleOutputTests
{
    [GeneratedRegex(@"\d+/\d+ points")]
    private static partial Regex PointsClaim();

    [Fact]
    public void The_watch_header_never_shows_points_the_grader_has_not_given()
    {
        // Visible tests pass, the hidden ones have not run yet: no points, since a hidden test may fail.
        var exercises = new[] { new Exercise("1.1", "Map a list in parallel and keep the order of a list source", "01-m", 10, "hint", null, null) { Recap = "Order is not free." } };
        var results = exercises.ToDictionary(e => e.Id, e => new ExerciseResult(e.Id, e.Title, e.Module, ExerciseStatus.Passed, 10, 10, "", 1, [], [], ""));
        string pending = Draw(new WatchView(exercises[0], exercises, results, [], null, null, null, ShowHint: false, ShowList: true, "file events", "/nowhere", [], Ready: true)
        {
            Passed = new HashSet<string>(),
            HiddenPending = new HashSet<string> { "1.1" },
        });
        pending.Should().Contain("0/1 exercises, 0/10 points (visible and hidden tests, as the grader scores them)")
            .And.Contain("visible tests pass; hidden tests not run yet", "the list says what was measured")
            .And.Contain("Map a list in parallel and keep the order of a list source", "titles are not cut");

        // Visible and hidden tests passed: the grader's points, and the recap.
        string passed = Draw(new WatchView(null, exercises, results, [], "1.1 Map a list in parallel and keep the order of a list source", null, null, ShowHint: false, ShowList: false, "file events", "/nowhere", [], Ready: true)
        {
            Passed = new HashSet<string> { "1.1" },
        });
        passed.Should().Contain("1/1 exercises, 10/10 points (visible and hidden tests")
            .And.Contain("Every exercise passes its visible and hidden tests: 10/10 points", "the last line says what was measured")
            .And.Contain("Order is not free.", "a green exercise shows its recap");

        // The student template has no hidden tests: visible tests only, and no points claimed.
        string template = Draw(new WatchView(null, exercises, results, [], null, null, null, ShowHint: false, ShowList: true, "file events", "/nowhere", [], Ready: true)
        {
            HiddenAvailable = false,
        });
        PointsClaim().IsMatch(template).Should().BeFalse($"without hidden tests the loop cannot know the grade. Screen:\n{template}");
        template.Should().Contain("1/1 exercises pass their visible tests").And.Contain("Points come from the Grade workflow");
    }

    private static string Draw(WatchView view)
    {
        var output = new StringWriter();
        new WatchScreen(output, forcePlain: true).Draw(view);
        return output.ToString();
    }

    [Theory]
    [InlineData("   at Katas.Parallelism.ParallelMap.<>c.<Map>b__0_0(Int32 x) in /home/s/katas/exercises/01-parallelism/ParallelMap.cs:line 25")]
    [InlineData("   at Katas.Parallelism.ParallelMap.<>c.<Map>b__0_0(Int32 x) in /_/exercises/01-parallelism/ParallelMap.cs:line 25")]
    public void A_failure_points_at_the_first_frame_in_the_students_code(string frame)
    {
        string trace = string.Join("\n",
            "   at System.Threading.Tasks.Task.Wait()",
            "   at Katas.Parallelism.Tests.ParallelMapTests.Results_keep_the_input_order() in /home/s/katas/exercises/01-parallelism/Tests/ParallelMapTests.cs:line 40",
            frame);

        ConsoleOutput.StudentFrame(trace, "01-parallelism").Should().Be("exercises/01-parallelism/ParallelMap.cs:25",
            "the test's own frames are skipped; the student's file and line are what to look at");
        ConsoleOutput.StudentFrame("   at X.Y() in /x/grader/hidden/01-parallelism/H.cs:line 3", "01-parallelism").Should().BeNull("hidden test code is never shown");
    }
}
