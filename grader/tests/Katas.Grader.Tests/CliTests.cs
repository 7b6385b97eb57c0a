using Katas.Grader.Commands;

namespace Katas.Grader.Tests;

/// <summary>Command-line behaviour that needs no build: misuse, help, list, hint.</summary>
public sealed class CliTests
{
    private static readonly string s_course = Path.Combine(GoldenCourse.FindRepositoryRoot(), "fixtures", "grader", "course");

    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        int exitCode = await GraderCli.RunAsync(args, output, output, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString());
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--module", "9")]
    [InlineData("--module", "99-nothing")]
    [InlineData("--exercise", "7.7")]
    [InlineData("--module", "1", "--exercise", "2.1")]
    [InlineData("--test-timeout", "0")]
    [InlineData("--test-timeout", "soon")]
    [InlineData("hint", "4.2")]
    public async Task Misuse_exits_with_2_and_one_line(params string[] args)
    {
        (int exitCode, string output) = await Run([.. args, "--root", s_course]);

        exitCode.Should().Be(GraderCli.Misuse, $"'{string.Join(' ', args)}' is a usage error. Output:\n{output}");
        output.TrimEnd().Split('\n').Should().ContainSingle("a usage error is one line, not a stack trace")
            .Which.Should().StartWith("error: ");
    }

    [Fact]
    public async Task A_root_without_exercises_is_a_usage_error()
    {
        (int exitCode, _) = await Run("list", "--root", Path.GetTempPath());

        exitCode.Should().Be(GraderCli.Misuse);
    }

    [Fact]
    public async Task Help_documents_every_option()
    {
        (int exitCode, string output) = await Run("--help");

        exitCode.Should().Be(0);
        foreach (string option in (string[])["--solutions", "--module", "--exercise", "--json", "--markdown", "--classroom", "--gradescope",
            "--root", "--student", "--test-timeout", "--module-timeout", "--memory-limit", "--no-restore", "--plain"])
        {
            output.Should().Contain(option, "--help must document every option");
        }

        foreach (string command in (string[])["list", "hint", "verify", "hash-tests"])
        {
            output.Should().Contain(command);
        }
    }

    [Fact]
    public async Task List_shows_id_title_and_points_in_numeric_order()
    {
        (int exitCode, string output) = await Run("list", "--root", s_course);

        exitCode.Should().Be(0);
        string[] lines = output.Split('\n');
        lines.Should().Contain(l => l.StartsWith("1.1 ", StringComparison.Ordinal) && l.Contains("Add two numbers", StringComparison.Ordinal) && l.Contains("10", StringComparison.Ordinal));
        lines.Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split(' ')[0]).Should().Equal("1.1", "1.2", "1.3", "2.1", "4");
    }

    [Fact]
    public async Task Hint_prints_the_hint_from_the_raw_string_literal()
    {
        (int exitCode, string output) = await Run("hint", "1.3", "--root", s_course);

        exitCode.Should().Be(0);
        output.Should().Contain("1.3 Count words (15 points)").And.Contain("string.Split cuts a string at a separator");
        output.Should().NotContain("RemoveEmptyEntries", "level 2 names the API and waits for --more")
            .And.Contain("hint 1.3 --more", "level 1 says where the next level is");
    }

    [Fact]
    public async Task Hint_more_adds_the_second_level()
    {
        (int exitCode, string output) = await Run("hint", "1.3", "--more", "--root", s_course);

        exitCode.Should().Be(0);
        output.Should().Contain("string.Split cuts a string at a separator").And.Contain("StringSplitOptions.RemoveEmptyEntries");
    }

    [Fact]
    public async Task Hash_check_passes_on_the_sample_course()
    {
        (int exitCode, string output) = await Run("hash-tests", "--check", "--root", s_course);

        exitCode.Should().Be(0, output);
    }
}
