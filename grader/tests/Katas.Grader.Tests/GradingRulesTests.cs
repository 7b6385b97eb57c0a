using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Running;

namespace Katas.Grader.Tests;

public sealed class GradingRulesTests
{
    private static readonly Exercise s_exercise = new("1.1", "Map", "01-parallelism", 10, "hint", null, null);

    private static ClassOutcome Outcome(params TestRecord[] tests)
    {
        var outcome = new ClassOutcome { Finished = true };
        outcome.Tests.AddRange(tests);
        return outcome;
    }

    private static TestRecord Test(string method, TestStatus status, string message = "") => new("C", method, "C." + method, status, message, 10);

    [Fact]
    public void All_tests_passing_earns_the_points()
    {
        ExerciseResult result = GradingRun.Combine(s_exercise, Outcome(Test("A", TestStatus.Passed)), Outcome(Test("B", TestStatus.Passed)));

        result.Status.Should().Be(ExerciseStatus.Passed);
        result.Points.Should().Be(10);
        result.DurationMs.Should().Be(20);
    }

    [Fact]
    public void The_worst_fault_names_the_status_and_its_first_test_the_message()
    {
        ExerciseResult result = GradingRun.Combine(
            s_exercise,
            Outcome(Test("Visible_fails", TestStatus.Failed, "expected 1"), Test("Visible_hangs", TestStatus.Timeout, "timed out")),
            Outcome(Test("Hidden_crashes", TestStatus.Crashed, "crashed: exit code 3")));

        result.Status.Should().Be(ExerciseStatus.Crashed);
        result.Points.Should().Be(0);
        result.Message.Should().Be("hidden test Hidden crashes: crashed: exit code 3");
    }

    [Fact]
    public void The_message_comes_from_the_first_failing_test_in_source_order_not_run_order()
    {
        ExerciseResult result = GradingRun.Combine(
            s_exercise,
            Outcome(
                Test("Runs_first_but_written_second", TestStatus.Failed, "second") with { SourceLine = 20 },
                Test("Written_first", TestStatus.Failed, "first") with { SourceLine = 10 }),
            null);

        result.Message.Should().Be("Written first: first", "the same code must give the same report wherever xunit's order puts the tests");
        result.VisibleTests.Select(t => t.SourceLine).Should().Equal(10, 20);
    }

    [Fact]
    public void A_class_that_never_finished_counts_against_the_exercise()
    {
        var aborted = new ClassOutcome { AbortStatus = TestStatus.Timeout, AbortMessage = "not run: the module's time budget ran out" };

        ExerciseResult result = GradingRun.Combine(s_exercise, Outcome(Test("A", TestStatus.Passed)), aborted);

        result.Status.Should().Be(ExerciseStatus.Timeout);
        result.Message.Should().Contain("time budget");
    }

    [Fact]
    public void An_exercise_whose_tests_never_ran_fails()
    {
        GradingRun.Combine(s_exercise, Outcome(), null).Status.Should().Be(ExerciseStatus.Failed);
    }
}
