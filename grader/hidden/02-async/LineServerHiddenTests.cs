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
        FluentActions.Invoking(() => never.LoopThreadId).Should().Throw<InvalidOperationException>("there is no loop thread before Start")
            .Which.Message.Should().NotBeNullOrWhiteSpace("the exception says what is wrong: the server was not started");
        never.Stop();
        FluentActions.Invoking(never.Start).Should().Throw<ObjectDisposedException>("a stopped server does not start again");

        using var server = new LineServer();
        IPEndPoint endpoint = server.Start();
        endpoint.Address.Should().Be(IPAddress.Loopback, "the server listens on 127.0.0.1 only");
        endpoint.Port.Should().BePositive();
        FluentActions.Invoking(server.Start).Should().Throw<InvalidOperationException>("a server starts once")
            .Which.Message.Should().NotBeNullOrWhiteSpace("the exception says what is wrong: the server was already started");
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
        using var handlerReturned = new ManualResetEventSlim();
        using var server = new LineServer(line =>
        {
            if (line == "hold")
            {
                entered.Release();
                release.Wait(Waits.Patience);
                handlerReturned.Set();
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
        bool handlerHadReturned = false;
        int connectionsLeft = -1;
        var stopper = new Thread(() =>
        {
            server.Stop();
            handlerHadReturned = handlerReturned.IsSet;
            connectionsLeft = server.ConnectionCount;
        })
        { IsBackground = true };
        stopper.Start();
        // Stop has set its flag once it waits for the loop thread (or has returned).
        SpinWait.SpinUntil(() => (stopper.ThreadState & (ThreadState.WaitSleepJoin | ThreadState.Stopped)) != 0, Waits.Patience).Should().BeTrue();
        release.Set();

        (await a.ReadLinesAsync(4)).Should().Equal(["HOLD", "A2", "A3"], "the lines read before Stop are answered, then the connection ends");
        (await b.ReadLineAsync("the end of the idle connection")).Should().BeNull("an idle connection is closed by Stop");
        stopper.Join(Waits.Patience).Should().BeTrue("Stop returns once every connection is finished");
        handlerHadReturned.Should().BeTrue("Stop waits for the loop thread to end (Join): it must not return while a line is still being handled");
        connectionsLeft.Should().Be(0, "when Stop returns, every connection is closed");
    }

    [KataFact]
    public async Task The_loop_thread_is_a_named_background_thread()
    {
        bool? background = null;
        string? name = null;
        using var server = new LineServer(line =>
        {
            background = Thread.CurrentThread.IsBackground;
            name = Thread.CurrentThread.Name;
            return line;
        });
        using var client = await LineClient.ConnectAsync(server.Start());

        await client.SendAsync("which thread\n");
        (await client.ReadLineAsync()).Should().Be("which thread");

        background.Should().BeTrue("a server nobody stopped must not keep the process alive: make the loop thread a background thread");
        name.Should().NotBeNullOrWhiteSpace("name the loop thread, so that a debugger or a dump shows which thread it is");
    }

    [KataFact]
    public async Task Empty_lines_are_lines_and_only_the_carriage_return_before_the_line_end_is_dropped()
    {
        using var server = new LineServer(line => $"[{line.Replace("\r", "<CR>", StringComparison.Ordinal)}]");
        using var client = await LineClient.ConnectAsync(server.Start());

        await client.SendAsync("one\n\n\r\nlast\r\n");

        (await client.ReadLinesAsync(4)).Should().Equal(["[one]", "[]", "[]", "[last]"],
            "an empty line is a line like any other (its handler gets \"\"), and the \\r of a \\r\\n line end is not part of the line");
    }

    [KataFact]
    public async Task With_the_smallest_output_limit_every_line_is_still_answered_in_order()
    {
        const int AnswerBytes = 5; // "0042" and its \n
        using var server = new LineServer(maxPendingOutputBytes: AnswerBytes);
        using var client = await LineClient.ConnectAsync(server.Start());

        // 5,000 bytes in one send, more than one read takes: the server answers one line, waits until it is sent, answers the next...
        await client.SendAsync(string.Concat(Enumerable.Range(0, 1_000).Select(i => $"{i:D4}\n")));

        (await client.ReadLinesAsync(1_000, "the answers, one at a time")).Should().Equal(Enumerable.Range(0, 1_000).Select(i => $"{i:D4}"),
            "the lines held back while the output was full are answered as soon as it has room again (after a send), not only when more input comes");
        server.PeakPendingOutputBytes.Should().BeLessThan(2 * AnswerBytes,
            "answer a line only while the unsent answers are under the limit: once they reach it (here, after one answer), stop until they are sent");
    }

    [KataFact]
    public async Task Stop_closes_every_idle_connection()
    {
        var server = new LineServer();
        IPEndPoint endpoint = server.Start();
        var clients = new List<LineClient>();
        try
        {
            for (int c = 0; c < 3; c++)
            {
                LineClient client = await LineClient.ConnectAsync(endpoint);
                clients.Add(client);
                await client.SendAsync($"client {c}\n");
                (await client.ReadLineAsync()).Should().Be($"CLIENT {c}");
            }

            Task stop = Task.Run(server.Stop);
            foreach (LineClient client in clients)
            {
                (await client.ReadLineAsync("the end of an idle connection")).Should().BeNull("Stop closes every idle connection, not only the first or the last");
            }

            (await Waits.Completes(stop)).Should().BeTrue("Stop returns once every connection is closed");
            server.ConnectionCount.Should().Be(0);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [KataFact]
    public async Task A_client_that_resets_while_answers_wait_for_it_is_closed()
    {
        const int Limit = 16 * 1024;
        using var server = new LineServer(maxPendingOutputBytes: Limit);
        IPEndPoint endpoint = server.Start();
        LineClient slow = await LineClient.ConnectAsync(endpoint, receiveBufferSize: 4096);
        using var stopFlood = new CancellationTokenSource();
        Task flood = slow.FloodAsync(stopFlood.Token);
        try
        {
            SpinWait.SpinUntil(() => server.PeakPendingOutputBytes >= Limit, Waits.Patience).Should().BeTrue(
                "a client that sends and never reads ends up with a full output buffer");
        }
        finally
        {
            await stopFlood.CancelAsync();
            await Waits.Completes(flood);
            slow.Reset();
        }

        SpinWait.SpinUntil(() => server.ConnectionCount == 0, Waits.Patience).Should().BeTrue(
            "a send to a client that is gone fails (connection reset): close that connection, or the loop tries it again forever");
        using var next = await LineClient.ConnectAsync(endpoint);
        await next.SendAsync("still serving\n");
        (await next.ReadLineAsync()).Should().Be("STILL SERVING");
    }

    [KataFact]
    public async Task While_Stop_waits_for_a_slow_reader_the_server_accepts_and_reads_nothing_more()
    {
        const int AnswerBytes = 8 * 1024 * 1024;
        using var answered = new SemaphoreSlim(0);
        using var server = new LineServer(
            line =>
            {
                if (line == "big")
                {
                    answered.Release();
                    return new string('x', AnswerBytes);
                }

                return line.ToUpperInvariant();
            },
            maxPendingOutputBytes: 2 * AnswerBytes);
        IPEndPoint endpoint = server.Start();
        using var idle = await LineClient.ConnectAsync(endpoint);
        await idle.SendAsync("idle\n");
        (await idle.ReadLineAsync()).Should().Be("IDLE");
        using var slow = await LineClient.ConnectAsync(endpoint);

        // An 8 MB answer that the client does not read yet: more than the socket buffers hold, so Stop has to wait for it.
        await slow.SendAsync("big\n");
        (await answered.WaitAsync(Waits.Patience)).Should().BeTrue("the handler got the line");
        var stopper = new Thread(server.Stop) { IsBackground = true };
        stopper.Start();
        (await idle.ReadLineAsync("the end of the idle connection")).Should().BeNull("Stop closes an idle connection at once");

        using (var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            using var timeout = new CancellationTokenSource(Waits.Patience);
            Func<Task> connect = () => refused.ConnectAsync(endpoint, timeout.Token).AsTask();
            await connect.Should().ThrowAsync<SocketException>(
                "once Stop has begun, the listening socket is closed: no new client while the last answers are sent");
        }

        await slow.SendAsync("late\n");
        List<string> lines = await slow.ReadLinesAsync(3, "the 8 MB answer, then the end");
        lines.Should().NotContain("LATE", "after Stop the server reads nothing more from its clients: it only answers the lines it had read");
        stopper.Join(Waits.Patience).Should().BeTrue("Stop returns once the slow client has its answer");
    }
}
