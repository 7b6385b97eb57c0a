using System.Net.Sockets;

namespace Katas.Grader.Running;

/// <summary>
/// Where a test program sends its results: a Unix socket in a fresh private folder, named to the
/// program's reporter (<c>Katas.Testing.GraderReporter</c>) in <c>KATAS_RESULT_CHANNEL</c>. Exactly one
/// connection is accepted, the reporter's, made before any test runs; then the listener is closed and
/// the socket file deleted, so student code can neither forge results on stdout nor connect a second time.
/// </summary>
internal sealed class ResultChannel : IDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly Socket _listener;
    private Socket? _connection;

    private ResultChannel(DirectoryInfo folder, Socket listener, string path)
    {
        _folder = folder;
        _listener = listener;
        Path = path;
    }

    /// <summary>The socket's path, for the program's environment.</summary>
    public string Path { get; }

    public static ResultChannel Open()
    {
        // The folder is new and only this user's: the path is not known before the program is started.
        DirectoryInfo folder = Directory.CreateTempSubdirectory("katas-results-");
        string path = System.IO.Path.Combine(folder.FullName, "r.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
        }
        catch
        {
            listener.Dispose();
            folder.Delete(recursive: true);
            throw;
        }

        return new ResultChannel(folder, listener, path);
    }

    /// <summary>
    /// Waits for the reporter's connection and returns its stream, or null when <paramref name="gaveUp"/>
    /// finishes first (the program ended, or was killed, without connecting).
    /// </summary>
    public async Task<Stream?> AcceptAsync(Task gaveUp)
    {
        using var cancel = new CancellationTokenSource();
        Task<Socket> accept = _listener.AcceptAsync(cancel.Token).AsTask();
        if (await Task.WhenAny(accept, gaveUp) != accept)
        {
            await cancel.CancelAsync();
        }

        try
        {
            _connection = await accept;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            CloseListener();
        }

        return new NetworkStream(_connection, ownsSocket: false);
    }

    private void CloseListener()
    {
        _listener.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        CloseListener();
        _connection?.Dispose();
    }
}
