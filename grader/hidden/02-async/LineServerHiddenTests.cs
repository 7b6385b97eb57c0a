using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Katas.Async.HiddenTests;

[HiddenTests("2.9")]
public sealed class LineServerHiddenTests
{
    [KataFact]
    public void Start_and_Stop_keep_their_contract()
    {
        FluentActions.Invoking(() => new LineServer(maxPendingOutputBytes: 0)).Should().Throw<ArgumentOutOfRangeException>();

        using var never = new LineServer();
        FluentActions.Invoking(() => never.LoopThreadId).Should().Throw<InvalidOperationException>("there is no loop thread before Start");
        never.Stop();
        FluentActions.Invoking(never.Start).Should().Throw<ObjectDisposedException>("a stopped server does not start again");

        using var server = new LineServer();
        IPEndPoint endpoint = server.Start();
        endpoint.Address.Should().Be(IPAddress.Loopback, "the server listens on 127.0.0.1 only");
        endpoint.Port.Should().BePositive();
        FluentActions.Invoking(server.Start).Should().Throw<InvalidOperationException>("a server starts once");
        server.LoopThreadId.Should().NotBe(Environment.CurrentManagedThreadId, "the loop has a thread of its own");
    }

    [KataFact]
    public void Stop_wakes_a_loop_that_sleeps_with_no_clients()
    {
        var server = new LineServer();
        server.Start();

        Task stop = Task.Run(server.Stop);

        stop.Wait(Waits.Patience).Should().BeTrue("Stop must wake a loop asleep in Select (a byte on a wake socket), not wait for a client to come");
        server.Stop();
        stop.Wait(Waits.Patience).Should().BeTrue("stopping twice is harmless");
    }

    [KataFact]
    public async Task After_Stop_the_server_accepts_no_connection()
    {
        IPEndPoint endpoint;
        using (var server = new LineServer())
        {
            endpoint = server.Start();
            server.Stop();
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Waits.Patience);
        Func<Task> connect = () => socket.ConnectAsync(endpoint, timeout.Token).AsTask();
        await connect.Should().ThrowAsync<SocketException>("Stop closes the listening socket");
    }

    [KataFact]
    public async Task Carriage_returns_are_dropped_and_many_lines_in_one_send_are_answered_in_order()
    {
        using var server = new LineServer();
        using var client = await LineClient.ConnectAsync(server.Start());

        await client.SendAsync(string.Concat(Enumerable.Range(0, 1_000).Select(i => $"line {i}\r\n")));

        (await client.ReadLinesAsync(1_000)).Should().Equal(Enumerable.Range(0, 1_000).Select(i => $"LINE {i}"),
            "a thousand lines in one read: every complete line in the buffer is answered, in order, and \\r\\n counts as a line end");
    }

    [KataFact]
    public async Task A_character_split_across_two_reads_is_decoded_once_the_line_is_complete()
    {
        using var server = new LineServer();
        using var client = await LineClient.ConnectAsync(server.Start());
        byte[] accented = Encoding.UTF8.GetBytes("é");

        await client.SendAsync([.. "x\n"u8, accented[0]]);
        (await client.ReadLineAsync("X")).Should().Be("X");
        await client.SendAsync([accented[1], (byte)'\n']);

        (await client.ReadLineAsync("É")).Should().Be("É", "decode a line from its bytes once it is complete, not each read on its own");
    }

    [KataFact]
    public async Task A_line_in_many_tiny_sends_is_answered_once()
    {
        using var server = new LineServer();
        using var client = await LineClient.ConnectAsync(server.Start());

        foreach (char c in "reassembled")
        {
            await client.SendAsync(c.ToString());
        }

        await client.SendAsync("\nnext\n");
        (await client.ReadLinesAsync(2)).Should().Equal(["REASSEMBLED", "NEXT"]);
    }

    [KataFact]
    public async Task A_client_that_closes_gets_its_answers_then_the_end_and_its_connection_is_released()
    {
        using var server = new LineServer();
        IPEndPoint endpoint = server.Start();
        using var client = await LineClient.ConnectAsync(endpoint);
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(endpoint);

        await raw.SendAsync("a\nb\nunfinished"u8.ToArray(), SocketFlags.None);
        raw.Shutdown(SocketShutdown.Send);
        byte[] buffer = new byte[64];
        var answer = new List<byte>();
        using var timeout = new CancellationTokenSource(Waits.Patience);
        int read;
        while ((read = await raw.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            answer.AddRange(buffer.AsSpan(0, read));
        }

        Encoding.UTF8.GetString([.. answer]).Should().Be("A\nB\n", "the complete lines are answered before the server closes; the unfinished one is dropped");

        await client.SendAsync("still here\n");
        (await client.ReadLineAsync()).Should().Be("STILL HERE");
        SpinWait.SpinUntil(() => server.ConnectionCount == 1, Waits.Patience).Should().BeTrue("the closed client's connection is closed and forgotten");
    }

    [KataFact]
    public async Task A_line_too_long_or_a_handler_that_throws_closes_only_that_connection()
    {
        using var server = new LineServer(line => line == "boom" ? throw new FormatException("handler failed") : line.ToUpperInvariant());
        IPEndPoint endpoint = server.Start();
        using var bystander = await LineClient.ConnectAsync(endpoint);
        using var tooLong = await LineClient.ConnectAsync(endpoint);
        using var failing = await LineClient.ConnectAsync(endpoint);

        await tooLong.SendAsync(new string('a', LineServer.MaxLineBytes + 1));
        (await tooLong.ReadLineAsync("the end of the connection")).Should().BeNull("a line longer than MaxLineBytes closes its connection instead of growing the buffer");

        await failing.SendAsync("boom\n");
        (await failing.ReadLineAsync("the end of the connection")).Should().BeNull("a handler that throws closes its client's connection");

        await bystander.SendAsync("ok\n");
        (await bystander.ReadLineAsync()).Should().Be("OK", "the other clients and the server go on");
        await bystander.SendAsync(new string('b', LineServer.MaxLineBytes) + "\n");
        (await bystander.ReadLineAsync()).Should().Be(new string('B', LineServer.MaxLineBytes), "a line of exactly MaxLineBytes is allowed");
    }

    [KataFact]
    public async Task Stop_from_another_thread_finishes_every_client_in_flight()
    {
        using var entered = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        using var server = new LineServer(line =>
        {
            if (line == "hold")
            {
                entered.Release();
                release.Wait(Waits.Patience);
            }

            return line.ToUpperInvariant();
        });
        IPEndPoint endpoint = server.Start();
        using var a = await LineClient.ConnectAsync(endpoint);
        using var b = await LineClient.ConnectAsync(endpoint);
        await b.SendAsync("b1\n");
        (await b.ReadLineAsync()).Should().Be("B1");

        await a.SendAsync("hold\na2\na3\n");
        (await entered.WaitAsync(Waits.Patience)).Should().BeTrue("the handler got the held line");
        var stopper = new Thread(server.Stop) { IsBackground = true };
        stopper.Start();
        // Stop has set its flag once it waits for the loop thread (or has returned).
        SpinWait.SpinUntil(() => (stopper.ThreadState & (ThreadState.WaitSleepJoin | ThreadState.Stopped)) != 0, Waits.Patience).Should().BeTrue();
        release.Set();

        (await a.ReadLinesAsync(4)).Should().Equal(["HOLD", "A2", "A3"], "the lines read before Stop are answered, then the connection ends");
        (await b.ReadLineAsync("the end of the idle connection")).Should().BeNull("an idle connection is closed by Stop");
        stopper.Join(Waits.Patience).Should().BeTrue("Stop returns once every connection is finished");
    }
}
