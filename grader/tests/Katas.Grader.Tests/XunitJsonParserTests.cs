using Katas.Grader.Running;

namespace Katas.Grader.Tests;

public sealed class XunitJsonParserTests
{
    private const string Failed = """{"$type":"test-failed","TestUniqueID":"t1","ExecutionTime":0.5,"Cause":"Assertion","ExceptionTypes":["Xunit.Sdk.XunitException"],"Messages":["Expected 5, found 4"],"StackTraces":[""]}""";

    [Fact]
    public void A_whole_message_is_read_with_its_fields()
    {
        XunitMessage? message = XunitJsonParser.Parse(new OutputLine(Failed, Truncated: false));

        message.Should().NotBeNull();
        message!.Type.Should().Be("test-failed");
        message.TestUniqueId.Should().Be("t1");
        message.Cause.Should().Be("Assertion");
        message.Messages.Should().Equal("Expected 5, found 4");
        message.ExecutionTime.Should().Be(0.5);
        message.Truncated.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello from the student")]
    [InlineData("{not json")]
    [InlineData("{\"Type\":\"no dollar type\"}")]
    [InlineData("\u001b[31m\u0000\u0007")]
    public void Foreign_lines_are_ignored(string line)
    {
        XunitJsonParser.Parse(new OutputLine(line, Truncated: false)).Should().BeNull("a line that is not an xunit message carries nothing to grade");
    }

    [Fact]
    public void A_message_glued_to_foreign_text_is_still_read()
    {
        XunitMessage? message = XunitJsonParser.Parse(new OutputLine("no newline from student code" + Failed, Truncated: false));

        message.Should().NotBeNull("student code that writes without a line break must not hide the next message");
        message!.Type.Should().Be("test-failed");
        message.Messages.Should().Equal("Expected 5, found 4");
    }

    [Fact]
    public void A_cut_message_keeps_its_type_and_ids()
    {
        string head = Failed[..Failed.IndexOf("ExecutionTime", StringComparison.Ordinal)];

        XunitMessage? message = XunitJsonParser.Parse(new OutputLine(head, Truncated: true));

        message.Should().NotBeNull();
        message!.Type.Should().Be("test-failed");
        message.TestUniqueId.Should().Be("t1");
        message.Truncated.Should().BeTrue();
    }

    [Fact]
    public void A_cut_message_takes_its_verdict_from_the_tail()
    {
        string head = """{"$type":"test-failed","TestUniqueID":"t2","Output":"xxxxxxxx""";
        string tail = """xxxx","Cause":"Exception","ExceptionTypes":["System.InvalidOperationException"],"Messages":["boom \"quoted\" ]"],"StackTraces":["at X"]}""";

        XunitMessage? message = XunitJsonParser.Parse(new OutputLine(head, Truncated: true, tail));

        message!.Cause.Should().Be("Exception");
        message.Messages.Should().Equal("boom \"quoted\" ]");
        message.ExceptionTypes.Should().Equal("System.InvalidOperationException");
    }

    [Fact]
    public void A_cut_line_that_is_not_a_message_is_ignored()
    {
        XunitJsonParser.Parse(new OutputLine(new string('y', 100), Truncated: true, "yyy")).Should().BeNull();
    }
}
