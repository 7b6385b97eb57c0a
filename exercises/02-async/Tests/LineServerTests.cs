using System.Collections.Concurrent;
using System.Net;

namespace Katas.Async.Tests;

[Exercise("2.9", "A server with no dependencies: one thread, non-blocking sockets and a readiness loop", Points = 20, Hint = """
    A thread per client spends a thread (and its stack) on every client that is doing nothing. The other way:
    one thread asks the operating system "which of these sockets can I read or write without waiting?", does
    exactly that much for each, and asks again. That is what epoll, kqueue and mio do under tokio.
    What must the loop never do, because it would stop every client at once? Where does half a line wait until
    the rest arrives? What happens to a client that sends and never reads, and to everyone else, if you keep
    reading from it? And when you are asked to stop, what is still owed to whom?
    """, MoreHint = """
    Socket.Blocking = false on the listener and every client; Socket.Select(readList, writeList, null, -1) on one
    thread keeps only the ready sockets in the lists (put a socket in writeList only while it has output pending).
    Receive/Send with the out SocketError overload: WouldBlock is not an error, 0 bytes read is the client closing.
    Per connection: a byte buffer of input (find '\n', keep the rest), a byte buffer of output; skip reading while
    the output is over the limit. Stop from another thread: set a flag, then wake Select with a byte on a connected
    pair of sockets (the self-pipe trick); then answer what was read, flush, close, and let the thread end.
    Reading: https://learn.microsoft.com/dotnet/api/system.net.sockets.socket.select, the mio README, "Async Rust", chapter 10.
    """, Recap = """
    One thread can serve many clients when nothing blocks: non-blocking sockets, a readiness call that sleeps until
    some socket is ready, per-connection buffers for half-read lines and unsent answers, and back-pressure that stops
    reading a client whose answers pile up. tokio and Kestrel are this loop, on epoll or IOCP, with more threads.
    """)]
public sealed class LineServerTests
{
    [KataFact]
    public async Task Fifty_clients_are_served_concurrently_by_the_one_loop_thread()
    {
        var handlerThreads = new ConcurrentDictionary<int, int>();
        using var server = new LineServer(line =>
        {
            handlerThreads.AddOrUpdate(Environment.CurrentManagedThreadId, 1, (_, count) => count + 1);
            return line.ToUpperInvariant();
        });
        IPEndPoint endpoint = server.Start();
        var clients = new List<LineClient>();
        try
        {
            for (int c = 0; c < 50; c++)
            {
                clients.Add(await LineClient.ConnectAsync(endpoint));
            }

            // All fifty are connected at once, and all talk at once.
            List<string>[] answers = await Task.WhenAll(clients.Select(async (client, c) =>
            {
                var lines = new List<string>();
                for (int i = 0; i < 20; i++)
                {
                    await client.SendAsync($"client {c} line {i}\n");
                    lines.Add(await client.ReadLineAsync($"the answer to client {c} line {i}") ?? "(closed)");
                }

                return lines;
            }));

            for (int c = 0; c < 50; c++)
            {
                answers[c].Should().Equal(Enumerable.Range(0, 20).Select(i => $"CLIENT {c} LINE {i}"), "each line is answered, upper-cased, in order, on its own connection");
            }

            handlerThreads.Keys.Should().Equal([server.LoopThreadId],
                "every line of every client is handled on the one loop thread: no thread per client, no thread pool");
            handlerThreads.Values.Sum().Should().Be(1_000, "fifty clients times twenty lines");
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [KataFact]
    public async Task A_line_that_arrives_in_pieces_is_answered_once_it_is_complete()
    {
        using var server = new LineServer();
        using var client = await LineClient.ConnectAsync(server.Start());

        await client.SendAsync("one\ntw");
        (await client.ReadLineAsync("ONE")).Should().Be("ONE");
        // The server has read "tw" with "one\n" (the answer proves the read): the rest of that line comes now.
        await client.SendAsync("o\n");

        (await client.ReadLineAsync("TWO")).Should().Be("TWO",
            "the unfinished end of a read is the start of the next line: keep it in the connection's input buffer, neither drop it nor answer it early");
    }

    [KataFact]
    public async Task A_client_with_half_a_line_does_not_stall_the_others()
    {
        using var server = new LineServer();
        IPEndPoint endpoint = server.Start();
        using var half = await LineClient.ConnectAsync(endpoint);
        using var other = await LineClient.ConnectAsync(endpoint);

        await half.SendAsync("half");
        for (int i = 0; i < 2; i++)
        {
            await other.SendAsync($"hello {i}\n");
            (await other.ReadLineAsync("the other client's answer, while the first one has sent half a line")).Should().Be($"HELLO {i}",
                "the loop must never wait on one socket: read what is there (non-blocking) and move on to the next ready socket");
        }

        await half.SendAsync(" done\n");
        (await half.ReadLineAsync("HALF DONE")).Should().Be("HALF DONE");
    }

    [KataFact]
    public async Task A_client_that_never_reads_neither_stalls_the_others_nor_fills_memory()
    {
        const int Limit = 16 * 1024;
        using var server = new LineServer(maxPendingOutputBytes: Limit);
        IPEndPoint endpoint = server.Start();
        using var slow = await LineClient.ConnectAsync(endpoint, receiveBufferSize: 4096);
        using var stopFlood = new CancellationTokenSource();
        Task flood = slow.FloodAsync(stopFlood.Token);
        try
        {
            // The slow client sends lines without end and reads nothing: its kernel buffers fill, then its answers pile up.
            SpinWait.SpinUntil(() => server.PeakPendingOutputBytes >= Limit, TimeSpan.FromSeconds(5)).Should().BeTrue(
                "a client that sends and never reads ends up with a full output buffer; the loop keeps its unsent answers (never blocking in Send)");

            using var a = await LineClient.ConnectAsync(endpoint);
            using var b = await LineClient.ConnectAsync(endpoint);
            foreach (LineClient client in new[] { a, b })
            {
                for (int i = 0; i < 20; i++)
                {
                    await client.SendAsync($"line {i}\n");
                    (await client.ReadLineAsync("an answer while another client is not reading")).Should().Be($"LINE {i}",
                        "one client that does not read must not stall the loop for the others");
                }
            }

            server.PeakPendingOutputBytes.Should().BeLessThanOrEqualTo(Limit + 100,
                "back-pressure: stop answering and reading a client once its unsent answers reach the limit (it may pass it by one answer)");
        }
        finally
        {
            await stopFlood.CancelAsync();
            await Waits.Completes(flood);
        }
    }

    [KataFact]
    public async Task Answers_larger_than_the_socket_buffer_arrive_whole_and_in_order()
    {
        const int Limit = 2 * 1024 * 1024;
        const int Lines = 100;
        // 10 MB of answers for a client that reads only later: more than the kernel's socket buffers hold (4 MB on
        // Linux), so once they are full a send takes only part of the output.
        static string Answer(string line) => $"{line}:{new string('.', 100_000)}:{line}";
        using var server = new LineServer(Answer, maxPendingOutputBytes: Limit);
        using var client = await LineClient.ConnectAsync(server.Start());

        await client.SendAsync(string.Concat(Enumerable.Range(0, Lines).Select(i => $"{i}\n")));
        SpinWait.SpinUntil(() => server.PeakPendingOutputBytes >= Limit, Waits.Patience).Should().BeTrue(
            "the answers wait in the connection's output buffer until the client reads");

        for (int i = 0; i < Lines; i++)
        {
            string? answer = await client.ReadLineAsync($"the answer to line {i} of {Lines}");
            (answer == Answer($"{i}")).Should().BeTrue(
                $"answer {i} must arrive whole and in order (it came as {answer?.Length} characters starting with \"{answer?[..Math.Min(answer.Length, 12)]}\"): "
                + "Send may take only part of the output; keep the unsent rest, in order, and send it next");
        }
    }

    [KataFact]
    public async Task Stop_answers_every_complete_line_already_read_and_then_closes()
    {
        LineServer? server = null;
        server = new LineServer(line =>
        {
            if (line == "shutdown")
            {
                // A command of the protocol: stop the server. The lines after it were read in the same chunk.
                server!.Stop();
                return "BYE";
            }

            return line.ToUpperInvariant();
        });
        using (server)
        {
            IPEndPoint endpoint = server.Start();
            using var client = await LineClient.ConnectAsync(endpoint);

            await client.SendAsync("first\nshutdown\nsecond\nthird\nunfinish");

            (await client.ReadLinesAsync(5, "the answers to the lines read before the server stopped, then the end")).Should().Equal(["FIRST", "BYE", "SECOND", "THIRD"],
                "a clean shutdown answers every complete line it has read and sends every answer before it closes; the unfinished line is dropped");
            (await Waits.Completes(Task.Run(server.Stop))).Should().BeTrue("Stop returns once the loop has finished");
        }
    }
}
