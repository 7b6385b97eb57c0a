using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Katas.Async.Tests;

/// <summary>A test client of <see cref="LineServer"/>: a real socket on 127.0.0.1, and reads that give up after <see cref="Waits.Patience"/>.</summary>
internal sealed class LineClient : IDisposable
{
    private readonly Socket _socket;
    private readonly StreamReader _reader;

    private LineClient(Socket socket)
    {
        _socket = socket;
        _reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <param name="server">The server's address.</param>
    /// <param name="receiveBufferSize">A small kernel receive buffer makes a client that does not read fill up sooner.</param>
    public static async Task<LineClient> ConnectAsync(IPEndPoint server, int? receiveBufferSize = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is int size)
        {
            socket.ReceiveBufferSize = size;
        }

        using var timeout = new CancellationTokenSource(Waits.Patience);
        await socket.ConnectAsync(server, timeout.Token);
        return new LineClient(socket);
    }

    /// <summary>Sends <paramref name="text"/> as it is (UTF-8), in one send.</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Waits.Patience);
        int sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, timeout.Token);
        }
    }

    /// <summary>The next line from the server, or null if the server closed (or reset) the connection.</summary>
    /// <exception cref="TimeoutException">Nothing came within the patience period.</exception>
    public async Task<string?> ReadLineAsync(string expected = "an answer")
    {
        using var timeout = new CancellationTokenSource(Waits.Patience);
        try
        {
            return await _reader.ReadLineAsync(timeout.Token);
        }
        catch (IOException)
        {
            // A reset: the server closed the connection with bytes of ours still unread.
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server sent nothing within {Waits.Patience.TotalSeconds} s; expected {expected}. Is the loop blocked, or the line lost?");
        }
    }

    /// <summary>The next <paramref name="count"/> lines; stops early if the server closes the connection.</summary>
    public async Task<List<string>> ReadLinesAsync(int count, string expected = "the answers")
    {
        var lines = new List<string>(count);
        while (lines.Count < count && await ReadLineAsync(expected) is string line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Sends batches of 100-byte lines until cancelled or the connection breaks; never reads.</summary>
    public async Task FloodAsync(CancellationToken cancellationToken)
    {
        byte[] batch = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 99) + "\n", 160)));
        try
        {
            while (true)
            {
                await _socket.SendAsync(batch, SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped by the test, or the connection was closed.
        }
    }

    /// <summary>Closes the connection with a reset (RST) instead of the usual end (FIN), as a crashed client would.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(enable: true, seconds: 0);
        Dispose();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _socket.Dispose();
    }
}
