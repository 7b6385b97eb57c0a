using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Grpc.Net.Client;
using Katas.KvService.Protocol;

namespace Katas.KvService.HiddenTests;

/// <summary>
/// The reference server as a real process on 127.0.0.1 (a port the system picks), durable in a folder of the
/// test's: for the tests that kill it or stop it, which an in-process TestServer cannot show.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly GrpcChannel _channel;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _channel = GrpcChannel.ForAddress(address);
        Client = new Kv.KvClient(_channel);
    }

    public Uri Address { get; }

    public Kv.KvClient Client { get; }

    public int Id => _process.Id;

    public static string ServerDll { get; } = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "KvServerDll").Value!;

    /// <summary>Starts the server on <paramref name="dataDirectory"/> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(ServerDll))
        {
            throw new InvalidOperationException($"{ServerDll} is missing: build the server first (dotnet build Katas.sln -p:KataSource=solutions).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0";
        // The metrics endpoint on a socket file of its own: the one TCP address in the log is then the gRPC one.
        start.Environment["Kestrel__Endpoints__Metrics__Url"] = "http://unix:" + Path.Combine(Path.GetTempPath(), $"katas-kv-metrics-{Guid.NewGuid():N}.sock");
        start.Environment["Kv__Storage__DataDirectory"] = dataDirectory;
        start.Environment["DOTNET_TieredCompilation"] = "0";
        foreach ((string name, string value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            output.Enqueue(line.Data);
            if (Listening().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                output.Enqueue(line.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server exited before it listened:\n" + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ServerProcess(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host's graceful shutdown.</summary>
    public void Terminate()
    {
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Kv service listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
