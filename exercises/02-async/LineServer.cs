using System.Net;
using System.Net.Sockets;

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

    // TODO: the server's state: the handler, the listening socket, the open connections (a private class: its socket, the bytes
    // read but not answered, the answers not sent), the loop thread, a way to wake the loop from Stop, and the two counters below.

    /// <param name="handler">Answers one line (without its line ending); called on the loop thread. By default, the line upper-cased.</param>
    /// <param name="maxPendingOutputBytes">How many bytes of answers a connection may hold unsent before the server stops reading it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPendingOutputBytes"/> is zero or negative.</exception>
    public LineServer(Func<string, string>? handler = null, int maxPendingOutputBytes = DefaultMaxPendingOutputBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingOutputBytes);
        MaxPendingOutputBytes = maxPendingOutputBytes;
        // TODO: keep the handler (upper-casing by default).
    }

    public int MaxPendingOutputBytes { get; }

    /// <summary>The thread that runs the loop: the only thread that reads, writes, accepts and calls the handler.</summary>
    /// <exception cref="InvalidOperationException">The server was not started.</exception>
    public int LoopThreadId => throw new NotImplementedException("Exercise 2.9 (LineServer.LoopThreadId) is not solved yet. Hint: dotnet run --project grader -- hint 2.9");

    /// <summary>The most bytes of answers any one connection has held unsent so far.</summary>
    public int PeakPendingOutputBytes => throw new NotImplementedException("Exercise 2.9 (LineServer.PeakPendingOutputBytes) is not solved yet. Hint: dotnet run --project grader -- hint 2.9");

    /// <summary>The connections open right now.</summary>
    public int ConnectionCount => throw new NotImplementedException("Exercise 2.9 (LineServer.ConnectionCount) is not solved yet. Hint: dotnet run --project grader -- hint 2.9");

    /// <summary>Listens on 127.0.0.1 on a free port and starts the loop thread.</summary>
    /// <returns>The address to connect to.</returns>
    /// <exception cref="InvalidOperationException">The server was already started.</exception>
    /// <exception cref="ObjectDisposedException">The server was stopped.</exception>
    public IPEndPoint Start()
    {
        // TODO: listen on 127.0.0.1, port 0, and start one loop thread that serves every client: it waits for readiness (Socket.Select)
        // and never blocks on any one socket. It answers complete lines while the connection's unsent answers are under
        // MaxPendingOutputBytes, and reads a client only while they are. No thread per client, no blocking calls on the loop.
        throw new NotImplementedException("Exercise 2.9 (LineServer.Start) is not solved yet. Hint: dotnet run --project grader -- hint 2.9");
    }

    /// <summary>
    /// Stops accepting and reading, answers every complete line already read, sends every answer, closes every
    /// connection and waits for the loop thread to end. Stopping twice, or a server never started, does nothing more.
    /// </summary>
    /// <remarks>A client that never reads keeps its answers unsent, and so keeps Stop waiting until it reads or disconnects.</remarks>
    public void Stop() => Dispose();

    /// <summary>The same as <see cref="Stop"/>.</summary>
    public void Dispose()
    {
        // TODO: ask the loop to stop (waking it if it sleeps in Select) and wait for it, as described above. Stop may also be
        // called from the handler, on the loop thread itself.
    }
}
