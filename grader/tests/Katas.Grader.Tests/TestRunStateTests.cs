using Katas.Grader.Running;

namespace Katas.Grader.Tests;

/// <summary>The message state machine of one test-program run: records what happened, rejects what contradicts itself.</summary>
public sealed class TestRunStateTests
{
    private const string ClassName = "Katas.Sample.Tests.AdderTests";

    private readonly Dictionary<string, ClassOutcome> _outcomes = new(StringComparer.Ordinal) { [ClassName] = new ClassOutcome() };
    private readonly HashSet<string> _doneMethods = new(StringComparer.Ordinal);

    [Fact]
    public void A_run_that_keeps_its_story_straight_is_recorded()
    {
        TestRunState state = Run([.. Passing("t1", "Adds"), .. End(total: 1)]);

        state.Contradiction.Should().BeNull();
        state.AssemblyFinished.Should().BeTrue();
        _outcomes[ClassName].Finished.Should().BeTrue();
        _outcomes[ClassName].Tests.Should().ContainSingle().Which.Status.Should().Be(TestStatus.Passed);
        _doneMethods.Should().Equal([ClassName + ".Adds"]);
    }

    [Fact]
    public void A_result_for_a_test_that_is_not_running_is_a_contradiction() =>
        Run([Message("test-passed", test: "forged")]).Contradiction.Should().Contain("forged");

    [Fact]
    public void A_test_that_starts_while_another_runs_is_a_contradiction() =>
        Run([.. Start("t1", "Adds"), .. Start("t2", "Subtracts")]).Contradiction.Should().Contain("t2");

    [Fact]
    public void A_second_result_for_one_test_is_a_contradiction() =>
        Run([.. Start("t1", "Adds"), Message("test-failed", test: "t1"), Message("test-passed", test: "t1")]).Contradiction.Should().Contain("t1");

    [Fact]
    public void A_test_that_runs_twice_is_a_contradiction() =>
        Run([.. Passing("t1", "Adds"), .. Start("t1", "Adds")]).Contradiction.Should().Contain("twice");

    [Fact]
    public void A_finish_without_a_start_is_a_contradiction() =>
        Run([Message("test-finished", test: "t9")]).Contradiction.Should().Contain("t9");

    [Fact]
    public void An_end_count_unlike_the_tests_that_finished_is_a_contradiction()
    {
        TestRunState state = Run([.. Passing("t1", "Adds"), .. End(total: 3)]);

        state.Contradiction.Should().Contain("3 tests counted");
        state.AssemblyFinished.Should().BeFalse("a run that contradicts itself has not finished");
    }

    private TestRunState Run(IEnumerable<XunitMessage> messages)
    {
        var state = new TestRunState(_outcomes, _doneMethods, () => TimeSpan.Zero, progress: null);
        foreach (XunitMessage message in messages)
        {
            state.Apply(message);
        }

        return state;
    }

    private static IEnumerable<XunitMessage> Start(string test, string method)
    {
        yield return Message("test-class-starting") with { TestClassName = ClassName };
        yield return Message("test-method-starting") with { TestMethodName = method };
        yield return Message("test-case-starting") with { TestCaseUniqueId = "case-" + test, TestClassName = ClassName, TestMethodName = method, DisplayName = method };
        yield return Message("test-starting", test) with { TestCaseUniqueId = "case-" + test };
    }

    private static IEnumerable<XunitMessage> Passing(string test, string method) =>
        [.. Start(test, method), Message("test-passed", test), Message("test-finished", test), Message("test-method-finished") with { TestMethodName = method }];

    private static IEnumerable<XunitMessage> End(int total) =>
        [Message("test-class-finished"), Message("test-assembly-finished") with { TestsTotal = total }];

    private static XunitMessage Message(string type, string? test = null) =>
        new() { Type = type, TestUniqueId = test, TestClassUniqueId = "class-1", TestMethodUniqueId = "method-1" };
}
