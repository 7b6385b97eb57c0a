// Mistake: Stop closes every connection at once, dropping the answers to lines already read but not yet sent.
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Katas.Async;

/// <summary>
/// Exercise 2.9: a TCP server with no dependencies and one thread. Clients send lines (UTF-8, ended by <c>\n</c>,
/// a <c>\r</c> before it is dropped); the server answers each line with the handler's answer and a <c>\n</c>, in
/// order. One loop thread serves every client: non-blocking sockets, and a readiness loop (<c>Socket.Select</c>)
/// that sleeps until some socket can be read or written. Rust: mio (epoll, kqueue, IOCP), the loop under tokio.
/// </summary>
/// <remarks>
/// <para>Back-pressure: each connection keeps at most about <see cref="MaxPendingOutputBytes"/> of answers not yet
/// sent; while it is full, the server stops reading that client (its kernel buffers fill and its sends block) and
/// goes on serving everyone else.</para>
/// <para>A line may arrive in pieces across several reads; it is answered once complete. A line longer than
/// <see cref="MaxLineBytes"/>, or a handler that throws, closes that client's connection only. When a client closes
/// its side, the server answers its complete lines, sends the answers and closes; an unfinished last line is dropped.</para>
/// <para><see cref="Stop"/> is a clean shutdown: no new connections and no more reading, but every complete line
/// already read is answered and every answer sent before the connections close.</para>
/// </remarks>
public sealed class LineServer : IDisposable
{
    /// <summary>The longest line accepted, in bytes, without its <c>\n</c>.</summary>
    public const int MaxLineBytes = 4096;

    public const int DefaultMaxPendingOutputBytes = 64 * 1024;

    private readonly Func<string, string> _handler;

    /// <summary>The open connections, by socket (what Select hands back). Touched by the loop thread only.</summary>
    private readonly Dictionary<Socket, Connection> _connections = [];

    private Socket? _listener;

    /// <summary>
    /// A connected pair of sockets that wakes the loop: Select sleeps until a socket is ready, and a byte sent
    /// on <see cref="_wakeSender"/> makes <see cref="_wakeReceiver"/> ready (mio's Waker, the self-pipe trick).
    /// </summary>
    private Socket? _wakeReceiver;
    private Socket? _wakeSender;

    private Thread? _loop;

    /// <summary>Set by <see cref="Stop"/>, read by the loop at the top of every turn.</summary>
    private volatile bool _stopRequested;

    private int _peakPendingOutputBytes;
    private int _connectionCount;

    /// <param name="handler">Answers one line (without its line ending); called on the loop thread. By default, the line upper-cased.</param>
    /// <param name="maxPendingOutputBytes">How many bytes of answers a connection may hold unsent before the server stops reading it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPendingOutputBytes"/> is zero or negative.</exception>
    public LineServer(Func<string, string>? handler = null, int maxPendingOutputBytes = DefaultMaxPendingOutputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingOutputBytes);
        _handler = handler ?? (static line => line.ToUpperInvariant());
        MaxPendingOutputBytes = maxPendingOutputBytes;
    }

    public int MaxPendingOutputBytes { get; }

    /// <summary>The thread that runs the loop: the only thread that reads, writes, accepts and calls the handler.</summary>
    /// <exception cref="InvalidOperationException">The server was not started.</exception>
    public int LoopThreadId => _loop?.ManagedThreadId ?? throw new InvalidOperationException("The server was not started.");

    /// <summary>The most bytes of answers any one connection has held unsent so far.</summary>
    public int PeakPendingOutputBytes => Volatile.Read(ref _peakPendingOutputBytes);

    /// <summary>The connections open right now.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Listens on 127.0.0.1 on a free port and starts the loop thread.</summary>
    /// <returns>The address to connect to.</returns>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    /// <exception cref="ObjectDisposedException">The server was stopped.</exception>
    public IPEndPoint Start()
    {
        ObjectDisposedException.ThrowIf(_stopRequested, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("The server was already started.");
        }

        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        // Non-blocking everywhere: the loop must never wait on one socket while others are ready.
        listener.Blocking = false;
        _listener = listener;
        (_wakeReceiver, _wakeSender) = CreateWakePair();
        _loop = new Thread(Run) { IsBackground = true, Name = "LineServer loop" };
        _loop.Start();
        return (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>
    /// Stops accepting and reading, answers every complete line already read, sends every answer, closes every
    /// connection and waits for the loop thread to end. Stopping twice, or a server never started, does nothing more.
    /// </summary>
    /// <remarks>A client that never reads keeps its answers unsent, and so keeps Stop waiting until it reads or disconnects.</remarks>
    public void Stop()
    {
        _stopRequested = true;
        Thread? loop = _loop;
        if (loop is null || !loop.IsAlive)
        {
            return;
        }

        // The flag first, then the wake: a loop that checked the flag just before will find the byte in Select.
        try
        {
            _wakeSender!.Send([1]);
        }
        catch (ObjectDisposedException)
        {
            // A concurrent Stop already ended the loop.
        }

        if (Environment.CurrentManagedThreadId != loop.ManagedThreadId)
        {
            loop.Join();
            _wakeSender!.Dispose();
        }
    }

    public void Dispose() => Stop();

    /// <summary>The loop: wait until some socket is ready, do what it is ready for, repeat; never block on one socket.</summary>
    private void Run()
    {
        var readable = new List<Socket>();
        var writable = new List<Socket>();
        try
        {
            while (true)
            {
                bool stopping = _stopRequested;
                if (stopping)
                {
                    _listener!.Dispose();
                    CloseWhere(static _ => true); // bug: answers not yet sent are dropped with their connections
                    return;
                }

                readable.Clear();
                writable.Clear();
                readable.Add(_wakeReceiver!);
                if (!stopping)
                {
                    readable.Add(_listener!);
                }

                foreach (Connection connection in _connections.Values)
                {
                    // Back-pressure: a client whose answers pile up is not read until they drain.
                    if (!stopping && !connection.PeerClosed && connection.PendingOutput < MaxPendingOutputBytes)
                    {
                        readable.Add(connection.Socket);
                    }

                    // Interest in "writable" only while there is something to write, or Select would return at once forever.
                    if (connection.HasOutput)
                    {
                        writable.Add(connection.Socket);
                    }
                }

                Socket.Select(readable, writable, null, -1);

                foreach (Socket socket in readable)
                {
                    if (socket == _wakeReceiver)
                    {
                        DrainWakeBytes();
                    }
                    else if (socket == _listener)
                    {
                        AcceptAll();
                    }
                    else if (_connections.TryGetValue(socket, out Connection? connection))
                    {
                        Read(connection);
                    }
                }

                foreach (Socket socket in writable)
                {
                    if (_connections.TryGetValue(socket, out Connection? connection) && !connection.Failed)
                    {
                        Write(connection);
                    }
                }

                CloseWhere(static connection => connection.Failed || (connection.PeerClosed && !connection.HasOutput));
            }
        }
        finally
        {
            CloseWhere(static _ => true);
            _listener!.Dispose();
            _wakeReceiver!.Dispose();
        }
    }

    private void AcceptAll()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = _listener!.Accept();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                return;
            }

            client.Blocking = false;
            client.NoDelay = true;
            _connections.Add(client, new Connection(client));
            Volatile.Write(ref _connectionCount, _connections.Count);
        }
    }

    private void Read(Connection connection)
    {
        int received = connection.Socket.Receive(connection.FreeInput, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        if (error != SocketError.Success)
        {
            connection.Failed = true;
            return;
        }

        if (received == 0)
        {
            // The client closed its side: answer what is complete, send it, then close.
            connection.PeerClosed = true;
        }

        connection.InputCount += received;
        AnswerCompleteLines(connection);
    }

    private void Write(Connection connection)
    {
        int sent = connection.Socket.Send(connection.Output, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        if (error != SocketError.Success)
        {
            connection.Failed = true;
            return;
        }

        connection.Consume(sent);
        // Room again: lines held back by a full output can be answered now.
        AnswerCompleteLines(connection);
    }

    /// <summary>Answers the complete lines in the connection's input while its output has room; keeps the unfinished rest.</summary>
    private void AnswerCompleteLines(Connection connection)
    {
        int start = 0;
        while (connection.PendingOutput < MaxPendingOutputBytes)
        {
            int length = connection.Input.AsSpan(start, connection.InputCount - start).IndexOf((byte)'\n');
            if (length < 0)
            {
                break;
            }

            ReadOnlySpan<byte> line = connection.Input.AsSpan(start, length);
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            start += length + 1;
            string answer;
            try
            {
                answer = _handler(Encoding.UTF8.GetString(line));
            }
#pragma warning disable CA1031 // The handler is user code: whatever it throws closes that client, not the server.
            catch (Exception)
#pragma warning restore CA1031
            {
                connection.Failed = true;
                return;
            }

            connection.Append(answer);
            if (connection.PendingOutput > _peakPendingOutputBytes)
            {
                Volatile.Write(ref _peakPendingOutputBytes, connection.PendingOutput);
            }
        }

        // Keep the unfinished line (or the lines held back) at the front for the next read.
        connection.Input.AsSpan(start, connection.InputCount - start).CopyTo(connection.Input);
        connection.InputCount -= start;
        if (connection.InputCount == connection.Input.Length && connection.PendingOutput < MaxPendingOutputBytes)
        {
            // A full input buffer with room to answer means no line ending in MaxLineBytes + 1 bytes: too long.
            connection.Failed = true;
        }
    }

    private void CloseWhere(Func<Connection, bool> predicate)
    {
        List<Connection>? finished = null;
        foreach (Connection connection in _connections.Values)
        {
            if (predicate(connection))
            {
                (finished ??= []).Add(connection);
            }
        }

        if (finished is null)
        {
            return;
        }

        foreach (Connection connection in finished)
        {
            _connections.Remove(connection.Socket);
            connection.Close();
        }

        Volatile.Write(ref _connectionCount, _connections.Count);
    }

    private void DrainWakeBytes()
    {
        Span<byte> buffer = stackalloc byte[64];
        while (_wakeReceiver!.Receive(buffer, SocketFlags.None, out SocketError error) > 0 && error == SocketError.Success)
        {
        }
    }

    private static (Socket Receiver, Socket Sender) CreateWakePair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sender.Connect(listener.LocalEndPoint!);
        Socket receiver = listener.Accept();
        receiver.Blocking = false;
        return (receiver, sender);
    }

    /// <summary>One client: its socket, the bytes read but not yet answered, the answers not yet sent.</summary>
    private sealed class Connection(Socket socket)
    {
        private byte[] _output = new byte[1024];
        private int _outputStart;
        private int _outputEnd;

        public Socket Socket { get; } = socket;

        /// <summary>Bytes read and not yet answered: at most one line of <see cref="MaxLineBytes"/> plus its <c>\n</c>, or lines held back.</summary>
        public byte[] Input { get; } = new byte[MaxLineBytes + 1];

        public int InputCount { get; set; }

        public Span<byte> FreeInput => Input.AsSpan(InputCount);

        public ReadOnlySpan<byte> Output => _output.AsSpan(_outputStart, _outputEnd - _outputStart);

        public int PendingOutput => _outputEnd - _outputStart;

        public bool HasOutput => _outputEnd > _outputStart;

        /// <summary>The client closed its side (a read returned 0 bytes).</summary>
        public bool PeerClosed { get; set; }

        /// <summary>A socket error, a line too long or a handler that threw: close without answering more.</summary>
        public bool Failed { get; set; }

        public void Append(string answer)
        {
            int needed = Encoding.UTF8.GetByteCount(answer) + 1;
            if (_output.Length - _outputEnd < needed)
            {
                // Move the unsent bytes to the front, and grow only if that is not enough.
                int pending = PendingOutput;
                byte[] target = _output.Length - pending < needed ? new byte[Math.Max(_output.Length * 2, pending + needed)] : _output;
                Output.CopyTo(target);
                _output = target;
                _outputStart = 0;
                _outputEnd = pending;
            }

            _outputEnd += Encoding.UTF8.GetBytes(answer, _output.AsSpan(_outputEnd));
            _output[_outputEnd++] = (byte)'\n';
        }

        public void Consume(int sent)
        {
            _outputStart += sent;
            if (_outputStart == _outputEnd)
            {
                _outputStart = _outputEnd = 0;
            }
        }

        public void Close()
        {
            try
            {
                // Everything was handed to the kernel; Shutdown sends the FIN after it, so the client reads all, then the end.
                Socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The client is gone already.
            }

            Socket.Dispose();
        }
    }
}
