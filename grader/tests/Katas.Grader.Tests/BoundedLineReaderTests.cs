using System.Text;
using Katas.Grader.Running;

namespace Katas.Grader.Tests;

public sealed class BoundedLineReaderTests
{
    private static async Task<List<OutputLine>> ReadAll(byte[] input, int cap)
    {
        using var reader = new BoundedLineReader(new MemoryStream(input), cap);
        var lines = new List<OutputLine>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public async Task Lines_are_split_on_LF_and_CRLF_and_the_last_line_needs_no_break()
    {
        List<OutputLine> lines = await ReadAll(Encoding.UTF8.GetBytes("one\r\ntwo\n\nthree"), 1024);

        lines.Select(l => l.Text).Should().Equal("one", "two", "", "three");
        lines.Should().OnlyContain(l => !l.Truncated);
    }

    [Fact]
    public async Task An_overlong_line_keeps_its_head_and_tail_and_the_next_line_is_intact()
    {
        string flood = "HEAD" + new string('x', 500_000) + "TAIL";

        List<OutputLine> lines = await ReadAll(Encoding.UTF8.GetBytes(flood + "\nnext\n"), 1024);

        lines.Should().HaveCount(2);
        lines[0].Truncated.Should().BeTrue();
        lines[0].Text.Should().StartWith("HEAD").And.HaveLength(1024, "the head is capped");
        lines[0].Tail.Should().EndWith("TAIL").And.HaveLength(BoundedLineReader.TailBytes);
        lines[1].Should().Be(new OutputLine("next", Truncated: false));
    }

    [Fact]
    public async Task A_message_after_a_flood_on_the_same_line_is_kept_whole()
    {
        string message = """{"$type":"test-passed","TestUniqueID":"t1"}""";

        List<OutputLine> lines = await ReadAll(Encoding.UTF8.GetBytes(new string('y', 300_000) + message + "\n"), 1024);

        lines.Should().ContainSingle().Which.Should().Be(new OutputLine(message, Truncated: false),
            "the foreign bytes before the message marker are dropped, not the message");
    }

    [Fact]
    public async Task Invalid_UTF8_does_not_throw()
    {
        List<OutputLine> lines = await ReadAll([0xFF, 0xFE, (byte)'a', (byte)'\n'], 64);

        lines.Should().ContainSingle().Which.Text.Should().EndWith("a");
    }
}
