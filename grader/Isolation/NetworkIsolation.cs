using System.Diagnostics;
using System.Globalization;

namespace Katas.Grader.Isolation;

/// <summary>
/// <c>--isolate-network</c>: runs the student's code (the build, because a student can add MSBuild
/// targets, and the test programs) in a Linux network namespace of its own. The namespace has only a
/// loopback interface, brought up inside, so tests that use 127.0.0.1 still work, but nothing outside
/// it can be reached: not the internet, and not even a server listening on the host's own loopback.
/// </summary>
/// <remarks>
/// The ways in, tried in order by <see cref="ProbeAsync"/>: <c>unshare --net</c> when the grader runs as
/// root; <c>unshare -rn</c> (a user namespace owning the network namespace: no privilege needed where the
/// kernel allows unprivileged user namespaces); <c>sudo -n unshare --net</c>, dropping back to the
/// invoking user with <c>setpriv</c> (GitHub's ubuntu-24.04 runners restrict unprivileged user namespaces
/// with AppArmor but allow passwordless sudo). Inside, <c>ip link set lo up</c> (iproute2) runs, then the
/// command is exec'd, so the process the grader started IS the command (same id, same process tree).
/// </remarks>
internal sealed class NetworkIsolation
{
    /// <summary>Brings the namespace's loopback up, then becomes the command (<c>$0</c> and its arguments).</summary>
    private const string LoopbackUpThenExec = "\"$KATAS_IP\" link set lo up && exec \"$0\" \"$@\"";

    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(20);

    private readonly string[] _prefix;
    private readonly string _ip;

    private NetworkIsolation(string[] prefix, string ip, string description)
    {
        _prefix = prefix;
        _ip = ip;
        Description = description;
    }

    /// <summary>What the reports say: <c>network namespace (unshare -rn)</c>, or <c>none: reason</c>.</summary>
    public string Description { get; }

    /// <summary>False when no way into a namespace worked: the code then runs with the network on.</summary>
    public bool Active => _prefix.Length > 0;

    /// <summary>No isolation, with the reason the reports give.</summary>
    public static NetworkIsolation None(string reason) => new([], "", "none: " + reason);

    /// <summary>Rewrites a process start so that the command runs inside the namespace; does nothing when not <see cref="Active"/>.</summary>
    public void Apply(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        if (!Active)
        {
            return;
        }

        var command = new List<string> { startInfo.FileName };
        command.AddRange(startInfo.ArgumentList);
        startInfo.FileName = _prefix[0];
        startInfo.ArgumentList.Clear();
        foreach (string argument in _prefix.Skip(1).Concat(command))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["KATAS_IP"] = _ip;
        startInfo.Environment["KATAS_PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
    }

    /// <summary>
    /// Finds a way into a network namespace that works here, by running <c>ip -o link show</c> through each
    /// candidate: it works when that succeeds and shows the loopback interface and nothing else.
    /// </summary>
    public static async Task<NetworkIsolation> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return None("network namespaces need Linux");
        }

        string? unshare = FindTool("unshare");
        string? ip = FindTool("ip");
        if (unshare is null || ip is null)
        {
            return None($"{(unshare is null ? "unshare (util-linux)" : "ip (iproute2)")} is not installed");
        }

        var candidates = new List<(string Name, string[] Prefix)>();
        string shell = FindTool("sh") ?? "/bin/sh";
        if (GetEffectiveUserId() == 0)
        {
            candidates.Add(("unshare --net", [unshare, "--net", "--", shell, "-c", LoopbackUpThenExec]));
        }

        candidates.Add(("unshare -rn", [unshare, "-rn", "--", shell, "-c", LoopbackUpThenExec]));
        if (FindTool("sudo") is { } sudo && FindTool("setpriv") is { } setpriv && GetEffectiveUserId() is > 0 and var uid)
        {
            string gid = GetEffectiveGroupId().ToString(CultureInfo.InvariantCulture);
            string user = uid.ToString(CultureInfo.InvariantCulture);
            // sudo resets PATH: every tool is named by its full path, and $0 (the command) is one already
            // or is resolved with the PATH the grader had.
            string dropThenExec = $"\"$KATAS_IP\" link set lo up && PATH=\"$KATAS_PATH\" exec {setpriv} --reuid={user} --regid={gid} --init-groups -- \"$0\" \"$@\"";
            candidates.Add(("sudo -n unshare --net", [sudo, "-n", "--preserve-env", unshare, "--net", "--", shell, "-c", dropThenExec]));
        }

        var failures = new List<string>();
        foreach ((string name, string[] prefix) in candidates)
        {
            var isolation = new NetworkIsolation(prefix, ip, $"network namespace ({name})");
            string? failure = await TryAsync(isolation, ip, cancellationToken);
            if (failure is null)
            {
                return isolation;
            }

            failures.Add($"{name}: {failure}");
        }

        return None(string.Join("; ", failures));
    }

    /// <summary>Null when the namespace works, otherwise why not.</summary>
    private static async Task<string?> TryAsync(NetworkIsolation isolation, string ip, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(ip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-o");
        startInfo.ArgumentList.Add("link");
        startInfo.ArgumentList.Add("show");
        isolation.Apply(startInfo);

        try
        {
            using var process = Process.Start(startInfo)!;
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_probeTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return "did not answer in time";
            }

            string[] links = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (process.ExitCode != 0)
            {
                string reason = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
                return $"exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}{(reason.Length > 0 ? " (" + reason + ")" : "")}";
            }

            bool onlyLoopback = links.Length == 1 && links[0].Contains(": lo:", StringComparison.Ordinal) && links[0].Contains("UP", StringComparison.Ordinal);
            return onlyLoopback ? null : $"the namespace has {links.Length.ToString(CultureInfo.InvariantCulture)} interfaces, not just an active loopback";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>A tool's full path from PATH, or from the sbin folders PATH often lacks.</summary>
    private static string? FindTool(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        IEnumerable<string> folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    private static uint GetEffectiveUserId() => StatusId("Uid:");

    private static uint GetEffectiveGroupId() => StatusId("Gid:");

    /// <summary>The effective id from /proc/self/status ("Uid:  real  effective  saved  fs"); uint.MaxValue when unreadable.</summary>
    private static uint StatusId(string key)
    {
        try
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            string[] fields = line?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
            return fields.Length > 2 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint id) ? id : uint.MaxValue;
        }
        catch (IOException)
        {
            return uint.MaxValue;
        }
    }
}
