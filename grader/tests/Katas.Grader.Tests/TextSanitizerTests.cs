using Katas.Grader.Reporting;

namespace Katas.Grader.Tests;

public sealed class TextSanitizerTests
{
    [Fact]
    public void Escape_sequences_and_control_characters_are_removed()
    {
        TextSanitizer.Clean("\u001b[31mred\u001b[0m\u0007 bell\u0000").Should().Be("red bell");
    }

    [Theory]
    [InlineData("::error::pwned")]
    [InlineData("  ::set-output name=x::y")]
    [InlineData("##[group]fake")]
    public void Lines_a_CI_runner_would_execute_are_defused(string line)
    {
        string clean = TextSanitizer.Clean("first\n" + line);

        clean.Split('\n').Should().OnlyContain(l => !l.TrimStart().StartsWith("::", StringComparison.Ordinal) && !l.TrimStart().StartsWith("##[", StringComparison.Ordinal));
        clean.Should().Contain(line.Trim(), "the text stays readable");
    }

    [Fact]
    public void Long_text_is_capped_in_length_and_lines()
    {
        TextSanitizer.Clean(new string('x', 10_000), maxLength: 100).Should().HaveLength(100).And.EndWith("...");
        TextSanitizer.Clean(string.Join('\n', Enumerable.Range(0, 50)), maxLines: 3).Split('\n').Should().HaveCount(4);
        TextSanitizer.OneLine("a\nb\r\nc").Should().Be("a b c");
    }
}
