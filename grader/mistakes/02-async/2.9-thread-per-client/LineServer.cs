// Mistake: a thread per client with blocking reads and writes; simple and correct, but the clients are not served by one loop thread.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Katas.Async;

public sealed class LineServer : IDisposable
{
    public const int MaxLineBytes = 4096;

    public const int DefaultMaxPendingOutputBytes = 64 * 1024;

    private readonly Func<string, string> _handler;
    private readonly List<(Socket Socket, Thread Thread)> _clients = [];
    private Socket? _listener;
    private Thread? _acceptor;
    private volatile bool _stopRequested;
    private int _connectionCount;

    public LineServer(Func<string, string>? handler = null, int maxPendingOutputBytes = DefaultMaxPendingOutputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingOutputBytes);
        _handler = handler ?? (static line => line.ToUpperInvariant());
        MaxPendingOutputBytes = maxPendingOutputBytes;
    }

    public int MaxPendingOutputBytes { get; }

    public int LoopThreadId => _acceptor?.ManagedThreadId ?? throw new InvalidOperationException("The server was not started.");

    /// <summary>Blocking writes keep nothing pending.</summary>
    public int PeakPendingOutputBytes { get; }

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public IPEndPoint Start()
    {
        ObjectDisposedException.ThrowIf(_stopRequested, this);
        if (_acceptor is not null)
        {
            throw new InvalidOperationException("The server was already started.");
        }

        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        _listener = listener;
        _acceptor = new Thread(Accept) { IsBackground = true };
        _acceptor.Start();
        return (IPEndPoint)listener.LocalEndPoint!;
    }

    public void Stop()
    {
        _stopRequested = true;
        _listener?.Dispose();
        (Socket Socket, Thread Thread)[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach ((Socket socket, Thread thread) in clients)
        {
            if (thread.ManagedThreadId != Environment.CurrentManagedThreadId)
            {
                try
                {
                    socket.Shutdown(SocketShutdown.Receive);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                }

                thread.Join();
            }
        }

        if (_acceptor is { } acceptor && acceptor.ManagedThreadId != Environment.CurrentManagedThreadId)
        {
            acceptor.Join();
        }
    }

    public void Dispose() => Stop();

    private void Accept()
    {
        while (!_stopRequested)
        {
            Socket client;
            try
            {
                client = _listener!.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var thread = new Thread(() => Serve(client)) { IsBackground = true }; // bug: one thread per client
            lock (_clients)
            {
                _clients.Add((client, thread));
            }

            Interlocked.Increment(ref _connectionCount);
            thread.Start();
        }
    }

    private void Serve(Socket client)
    {
        try
        {
            using var stream = new NetworkStream(client, ownsSocket: true);
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n", AutoFlush = true };
            while (reader.ReadLine() is string line && line.Length <= MaxLineBytes)
            {
                writer.WriteLine(_handler(line));
            }
        }
#pragma warning disable CA1031 // Whatever happens to one client ends that client only.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Interlocked.Decrement(ref _connectionCount);
        }
    }
}
