using Katas.Grader.Commands;

namespace Katas.Grader.Tests;

/// <summary>
/// <c>verify</c> end to end on the sample course (fixtures/grader/course), which ships two mistakes per
/// exercise of module 1 under grader/mistakes/01-sample/: both sides graded once, each report written in
/// every format and compared, and every mistake built (two rounds: the k-th mistake of every exercise per
/// build) and caught by a named test.
/// </summary>
[Collection(GoldenCourse.Collection)]
public sealed class VerifyTests(GoldenCourse course)
{
    [Fact(Timeout = 900_000)]
    public async Task Verify_proves_every_mistake_fails_and_names_the_test_that_catches_it()
    {
        var output = new StringWriter();
        string[] args = ["verify", "--root", course.Root, "--module", "1", "--test-timeout", "5", "--module-timeout", "90"];
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        int exitCode;
        try
        {
            exitCode = await GraderCli.RunAsync(args, output, output, TestContext.Current.CancellationToken);
        }
        finally
        {
            course.Gate.Release();
        }

        string text = output.ToString();

        exitCode.Should().Be(0, $"every check holds on the sample course. Output:\n{text}");
        text.Should().Contain("mistakes, round 1 of 2 (1.1-drops-signs, 1.2-no-argument-check, 1.3-counts-spaces)", "mistakes of different exercises share a build")
            .And.Contain("ok   mistakes 1.1: 2 wrong solutions (1.1-drops-signs, 1.1-subtracts)")
            .And.Contain("ok   mistake 1.1-drops-signs: caught by hidden Negative numbers add up (failed)", "only the hidden test sees that signs matter")
            .And.Contain("ok   mistake 1.1-subtracts: caught by visible Two and three make five (failed)")
            .And.Contain("ok   grader on solutions/: 35/35 points, exit code 0")
            .And.Contain("ok   grader on exercises/: 0/35 points, exit code 1")
            .And.Contain("every report agrees: console 35/35, JSON 35/35, Markdown 35/35, Classroom 35/35, Gradescope 35/35");
        text.Should().MatchRegex(@"(?m)^\d+ passed, 0 failed$", "verify ends with the plain closing line");
        File.Exists(Path.Combine(course.Root, "artifacts", "verify", "grade-solutions.json")).Should().BeTrue("verify writes every report once per side");
    }
}
