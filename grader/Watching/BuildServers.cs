using System.Diagnostics;
using Katas.Grader.Building;

namespace Katas.Grader.Watching;

/// <summary>
/// Keeps MSBuild worker nodes, the MSBuild server and the C# compiler server warm between the builds of
/// one session (the watch loop's rebuilds, verify's build rounds): a warm rebuild of one test project then
/// costs about a second instead of the many a cold MSBuild and Roslyn start-up take. They are turned on
/// for the session's own builds only (the machine or user may disable them globally), each build carries
/// a session marker in its environment, and at the end the servers that carry it are stopped, so no
/// process outlives the session.
/// </summary>
internal sealed class BuildServers
{
    private const string MarkerVariable = "KATAS_WATCH_SESSION";

    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly string _solutionName;

    /// <param name="enabled">False: builds get only the session marker (--no-build-servers).</param>
    /// <param name="solutionName">Prefix of the generated solution files, so two kinds of session never write the same file.</param>
    public BuildServers(bool enabled, string solutionName = "watch")
    {
        Enabled = enabled;
        _solutionName = solutionName;
    }

    public bool Enabled { get; }

    public BuildTuning Tuning()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [MarkerVariable] = _session };
        var arguments = new List<string>();
        if (Enabled)
        {
            arguments.AddRange(["-nodeReuse:true", "-p:UseSharedCompilation=true"]);
            environment["MSBUILDDISABLENODEREUSE"] = "0";
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "1";
            environment["UseSharedCompilation"] = "true";
        }

        return new BuildTuning(_solutionName, arguments, environment);
    }

    /// <summary>Stops the build servers this session started.</summary>
    public async Task ShutdownAsync()
    {
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc"))
        {
            // Only the processes carrying this session's marker: other builds' servers are left alone.
            foreach (int pid in MarkedProcesses())
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
                catch (InvalidOperationException)
                {
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
            }

            return;
        }

        if (!Enabled)
        {
            return;
        }

        var output = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await ChildProcess.RunAsync("dotnet", ["build-server", "shutdown"], Environment.CurrentDirectory, output, timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private IEnumerable<int> MarkedProcesses()
    {
        byte[] marker = System.Text.Encoding.ASCII.GetBytes($"{MarkerVariable}={_session}\0");
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                || pid == Environment.ProcessId)
            {
                continue;
            }

            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (environ.AsSpan().IndexOf(marker) >= 0)
            {
                yield return pid;
            }
        }
    }
}
