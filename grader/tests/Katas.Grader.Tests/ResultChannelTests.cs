using System.Net.Sockets;
using System.Text;
using Katas.Grader.Running;

namespace Katas.Grader.Tests;

/// <summary>The result channel takes exactly one connection, the reporter's, and then cannot be reached.</summary>
public sealed class ResultChannelTests
{
    [Fact]
    public async Task The_first_connection_is_the_only_one()
    {
        using ResultChannel channel = ResultChannel.Open();
        using var reporter = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await reporter.ConnectAsync(new UnixDomainSocketEndPoint(channel.Path), TestContext.Current.CancellationToken);
        await reporter.SendAsync(Encoding.UTF8.GetBytes("{\"$type\":\"test-assembly-finished\"}\n"), TestContext.Current.CancellationToken);
        reporter.Shutdown(SocketShutdown.Send);

        using Stream stream = (await channel.AcceptAsync(Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken)))!;
        using var reader = new StreamReader(stream);
        (await reader.ReadLineAsync(TestContext.Current.CancellationToken)).Should().Contain("test-assembly-finished");

        File.Exists(channel.Path).Should().BeFalse("the socket file is deleted once the reporter is connected");
        using var intruder = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Func<Task> second = () => intruder.ConnectAsync(new UnixDomainSocketEndPoint(channel.Path), TestContext.Current.CancellationToken).AsTask();
        await second.Should().ThrowAsync<SocketException>("nothing listens any more");
    }

    [Fact]
    public async Task A_program_that_ends_without_connecting_gives_no_stream()
    {
        using ResultChannel channel = ResultChannel.Open();
        (await channel.AcceptAsync(Task.CompletedTask)).Should().BeNull();
        File.Exists(channel.Path).Should().BeFalse();
    }
}
