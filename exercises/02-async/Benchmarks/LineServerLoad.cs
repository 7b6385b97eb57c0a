using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Katas.Async.Benchmarks;

/// <summary>
/// Exercise 2.9 under load: the single-threaded readiness-loop <see cref="LineServer"/> against a thread-pool
/// server written the usual way (one async method per connection, awaiting socket reads), side by side in one
/// run, driven by the same bounded load generator on 127.0.0.1. Not a BenchmarkDotNet class: what matters
/// here is throughput and tail latency with many clients at once, which BenchmarkDotNet does not measure.
/// </summary>
/// <remarks>
/// Every client sends a line, waits for its answer, and repeats (one request in flight per client), so the
/// latency of each line is a full round trip. The clients run in this process, on the same cores as the
/// servers: absolute figures are the machine's, the ratio between the two servers is the result.
/// </remarks>
internal static class LineServerLoad
{
    public static int Run(string[] args)
    {
        int clients = IntOption(args, "--clients", 100);
        int lines = IntOption(args, "--lines", 200);
        int rounds = IntOption(args, "--rounds", 3);
        Console.WriteLine($"Line servers under load: {clients} clients x {lines} lines each, one line in flight per client, {rounds} rounds each, alternating.");

        var results = new Dictionary<string, List<LoadResult>> { ["ThreadPoolAsync (baseline)"] = [], ["LineServer (one thread)"] = [] };
        for (int round = 0; round < rounds; round++)
        {
            using (var baseline = new ThreadPoolLineServer())
            {
                results["ThreadPoolAsync (baseline)"].Add(Drive(baseline.Start(), clients, lines));
            }

            using (var server = new LineServer())
            {
                results["LineServer (one thread)"].Add(Drive(server.Start(), clients, lines));
            }
        }

        double baselineThroughput = Median(results["ThreadPoolAsync (baseline)"].Select(r => r.LinesPerSecond));
        Console.WriteLine();
        Console.WriteLine($"| server | lines/s (median of {rounds}) | ratio | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach ((string name, List<LoadResult> runs) in results)
        {
            double throughput = Median(runs.Select(r => r.LinesPerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {throughput:N0} | {throughput / baselineThroughput:F2} | {Median(runs.Select(r => r.P50)):F2} | {Median(runs.Select(r => r.P99)):F2} | {runs.Max(r => r.Max):F2} |"));
        }

        return 0;
    }

    /// <summary>Connects every client, then lets them all send their lines at once; fails on a wrong answer.</summary>
    private static LoadResult Drive(IPEndPoint endpoint, int clients, int lines)
    {
        var latencies = new double[clients * lines];
        var sockets = new Socket[clients];
        for (int c = 0; c < clients; c++)
        {
            sockets[c] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            sockets[c].Connect(endpoint);
        }

        var clock = Stopwatch.StartNew();
        Task[] running = new Task[clients];
        for (int c = 0; c < clients; c++)
        {
            int client = c;
            running[c] = Task.Run(() => Client(sockets[client], client, lines, latencies.AsMemory(client * lines, lines)));
        }

        // Bounded: a server that stops answering fails the run instead of hanging it.
        if (!Task.WaitAll(running, TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("The server did not answer every line within two minutes.");
        }

        double seconds = clock.Elapsed.TotalSeconds;
        foreach (Socket socket in sockets)
        {
            socket.Dispose();
        }

        Array.Sort(latencies);
        return new LoadResult(
            clients * lines / seconds,
            latencies[latencies.Length / 2],
            latencies[(int)(latencies.Length * 0.99)],
            latencies[^1]);
    }

    private static async Task Client(Socket socket, int client, int lines, Memory<double> latencies)
    {
        var buffer = new byte[256];
        for (int i = 0; i < lines; i++)
        {
            byte[] line = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"client {client} line {i}\n"));
            long started = Stopwatch.GetTimestamp();
            await socket.SendAsync(line, SocketFlags.None);
            int received = 0;
            while (received == 0 || buffer[received - 1] != (byte)'\n')
            {
                int read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None);
                if (read == 0)
                {
                    throw new IOException($"The server closed client {client}'s connection at line {i}.");
                }

                received += read;
            }

            latencies.Span[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string answer = Encoding.ASCII.GetString(buffer, 0, received - 1);
            if (!answer.Equals(Encoding.ASCII.GetString(line, 0, line.Length - 1).ToUpperInvariant(), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Client {client}, line {i}: the server answered '{answer}'.");
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : fallback;
    }

    private sealed record LoadResult(double LinesPerSecond, double P50, double P99, double Max);
}

/// <summary>
/// The baseline: the same protocol served the way most .NET code would, an async loop per connection on the
/// thread pool (accept, then read lines and write answers with awaits). Upper-cases like LineServer's default.
/// </summary>
internal sealed class ThreadPoolLineServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public IPEndPoint Start()
    {
        _listener.Start();
        _ = AcceptAll();
        return (IPEndPoint)_listener.LocalEndpoint;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAll()
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                socket.NoDelay = true;
                _ = Serve(socket);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private static async Task Serve(Socket socket)
    {
        using (socket)
        using (var stream = new NetworkStream(socket, ownsSocket: false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            try
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    await writer.WriteLineAsync(line.ToUpperInvariant());
                    await writer.FlushAsync();
                }
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }
}
