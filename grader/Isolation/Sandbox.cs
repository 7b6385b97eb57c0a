using System.Diagnostics;
using System.Globalization;

namespace Katas.Grader.Isolation;

/// <summary>
/// Where the student's test programs run when grading (and, with <c>--isolate-network</c>, the build):
/// a Linux PID namespace of their own, so that nothing the student's code starts (a detached
/// <c>setsid</c> grandchild included) outlives the run: when the program ends or is killed, the kernel
/// kills every process left in its namespace. With <c>--isolate-network</c> the namespace also has its
/// own network with only a loopback interface, brought up inside, so tests that use 127.0.0.1 still work
/// but nothing outside can be reached, not even a server on the host's own loopback.
/// </summary>
/// <remarks>
/// The ways in, tried in order by <see cref="ProbeAsync"/>: <c>unshare</c> when the grader runs as root;
/// <c>unshare --map-root-user</c> (a user namespace owning the others: no privilege needed where the
/// kernel allows unprivileged user namespaces); <c>sudo -n unshare</c>, dropping back to the invoking
/// user with <c>setpriv</c> (GitHub's ubuntu-24.04 runners restrict unprivileged user namespaces with
/// AppArmor but allow passwordless sudo). <c>--mount-proc</c> gives the namespace its own <c>/proc</c>, so
/// the grader's processes (and their environment) are not even visible from inside.
/// </remarks>
internal sealed class Sandbox
{
    /// <summary>
    /// Run inside the new namespaces as their root, before the command: brings the loopback up (with
    /// --isolate-network), makes the instructor's checkout read-only (a bind mount of it over itself,
    /// remounted read-only; private to the namespace), then becomes the command (<c>$0</c> and its
    /// arguments) through <c>setpriv</c>, which drops every capability, so the command cannot undo the mount.
    /// The shell stays as process 1 and runs the command as process 2: the kernel ignores signals that
    /// process 1 has no handler for, so a test program as process 1 could not even abort() properly (a
    /// stack overflow would end as a segmentation fault). When the shell ends, so does everything else.
    /// </summary>
    private const string Enter = """
        set -e
        [ -z "$KATAS_IP" ] || "$KATAS_IP" link set lo up
        if [ -n "$KATAS_READONLY" ]; then "$KATAS_MOUNT" --bind "$KATAS_READONLY" "$KATAS_READONLY"; "$KATAS_MOUNT" -o remount,bind,ro "$KATAS_READONLY"; fi
        """;

    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(20);

    private readonly string[] _prefix;
    private readonly IReadOnlyDictionary<string, string> _tools;

    private Sandbox(string[] prefix, IReadOnlyDictionary<string, string> tools, bool network, string readOnlyRoot, string description)
    {
        _prefix = prefix;
        _tools = tools;
        Network = network;
        ReadOnlyRoot = readOnlyRoot;
        Description = description;
    }

    /// <summary>The folder test programs see read-only (the instructor's checkout: tests, grader, build output).</summary>
    public string ReadOnlyRoot { get; }

    /// <summary>How the processes are contained: <c>pid namespace (unshare)</c>, <c>pid and network namespaces (...)</c>, or <c>none: reason</c>.</summary>
    public string Description { get; }

    /// <summary>True when the network was asked to be cut (--isolate-network), whether or not that worked.</summary>
    public bool Network { get; }

    /// <summary>False when no way into a namespace worked: processes are then killed by process tree only.</summary>
    public bool Active => _prefix.Length > 0;

    /// <summary>What the reports say about the network, with --isolate-network: <c>network namespace (unshare -rn)</c> or <c>none: reason</c>.</summary>
    public string NetworkDescription => Active ? "network namespace (" + Description[(Description.IndexOf('(', StringComparison.Ordinal) + 1)..] : Description;

    /// <summary>No namespace, with the reason the reports give.</summary>
    public static Sandbox None(string reason, bool network = false) => new([], new Dictionary<string, string>(), network, "", "none: " + reason);

    /// <summary>
    /// Rewrites a process start so that the command runs inside the namespaces; does nothing when not
    /// <see cref="Active"/>. With <paramref name="protectRoot"/> (test programs, not builds, which write
    /// their output there) <see cref="ReadOnlyRoot"/> is read-only for the command.
    /// </summary>
    public void Apply(ProcessStartInfo startInfo, bool protectRoot = false)
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

        foreach ((string name, string path) in _tools)
        {
            startInfo.Environment[name] = path;
        }

        startInfo.Environment["KATAS_IP"] = Network ? _tools["KATAS_IP_TOOL"] : "";
        startInfo.Environment["KATAS_READONLY"] = protectRoot ? ReadOnlyRoot : "";
        startInfo.Environment["KATAS_PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
    }

    /// <summary>
    /// Finds a way into the namespaces that works here, by running a shell through each candidate: it
    /// works when the shell is a child of its namespace's first process, cannot write to the read-only
    /// folder and, with <paramref name="network"/>, sees only
    /// an active loopback interface.
    /// </summary>
    public static async Task<Sandbox> ProbeAsync(bool network, string readOnlyRoot, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return None("namespaces need Linux", network);
        }

        string? unshare = FindTool("unshare");
        string? ip = FindTool("ip");
        string? mount = FindTool("mount");
        string? setpriv = FindTool("setpriv");
        if (unshare is null || mount is null || setpriv is null || (network && ip is null))
        {
            string missing = unshare is null ? "unshare" : mount is null ? "mount" : setpriv is null ? "setpriv" : "ip (iproute2)";
            return None($"{missing} is not installed", network);
        }

        // sudo resets PATH: every tool is named by its full path, and $0 (the command) is one already
        // or is resolved with the PATH the grader had.
        var tools = new Dictionary<string, string>(StringComparer.Ordinal) { ["KATAS_MOUNT"] = mount, ["KATAS_SETPRIV"] = setpriv, ["KATAS_IP_TOOL"] = ip ?? "" };
        string shell = FindTool("sh") ?? "/bin/sh";
        string[] namespaces = network ? ["--pid", "--fork", "--kill-child", "--mount-proc", "--net"] : ["--pid", "--fork", "--kill-child", "--mount-proc"];
        string dropCapabilities = Enter + "\n\"$KATAS_SETPRIV\" --bounding-set=-all --inh-caps=-all --no-new-privs -- \"$0\" \"$@\"\n";
        var candidates = new List<(string Name, string[] Prefix)>();
        if (GetEffectiveUserId() == 0)
        {
            candidates.Add(("unshare", [unshare, .. namespaces, "--", shell, "-c", dropCapabilities]));
        }

        candidates.Add(("unshare -r", [unshare, "--map-root-user", .. namespaces, "--", shell, "-c", dropCapabilities]));
        if (FindTool("sudo") is { } sudo && GetEffectiveUserId() is > 0 and var uid)
        {
            string gid = GetEffectiveGroupId().ToString(CultureInfo.InvariantCulture);
            string user = uid.ToString(CultureInfo.InvariantCulture);
            // Back to the invoking user: giving up root also gives up every capability.
            string dropToUser = Enter + $"\nPATH=\"$KATAS_PATH\" \"$KATAS_SETPRIV\" --reuid={user} --regid={gid} --init-groups --no-new-privs -- \"$0\" \"$@\"\n";
            candidates.Add(("sudo -n unshare", [sudo, "-n", "--preserve-env", unshare, .. namespaces, "--", shell, "-c", dropToUser]));
        }

        var failures = new List<string>();
        foreach ((string name, string[] prefix) in candidates)
        {
            string description = network ? $"pid and network namespaces ({name}{(name.EndsWith("-r", StringComparison.Ordinal) ? "n" : " --net")})" : $"pid namespace ({name})";
            var sandbox = new Sandbox(prefix, tools, network, readOnlyRoot, description);
            string? failure = await TryAsync(sandbox, shell, network, cancellationToken);
            if (failure is null)
            {
                return sandbox;
            }

            failures.Add($"{name}: {failure}");
        }

        return None(string.Join("; ", failures), network);
    }

    /// <summary>Null when the namespaces work, otherwise why not.</summary>
    private static async Task<string?> TryAsync(Sandbox sandbox, string shell, bool network, CancellationToken cancellationToken)
    {
        ProcessStartInfo startInfo = Building.ChildProcess.StartInfo(shell, ["-c", "echo parent=$PPID; touch \"$KATAS_READONLY/.katas-probe\" 2>/dev/null && echo writable || echo read-only; [ -z \"$KATAS_IP\" ] || exec \"$KATAS_IP\" -o link show"], Environment.CurrentDirectory);
        DirectoryInfo probeRoot = Directory.CreateTempSubdirectory("katas-probe-");
        sandbox = new Sandbox(sandbox._prefix, sandbox._tools, sandbox.Network, probeRoot.FullName, sandbox.Description);
        sandbox.Apply(startInfo, protectRoot: true);

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

            string[] lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (process.ExitCode != 0)
            {
                string reason = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
                return $"exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}{(reason.Length > 0 ? " (" + reason + ")" : "")}";
            }

            if (lines.Length < 2 || lines[0] != "parent=1")
            {
                return "the command is not the first child of a namespace of its own";
            }

            if (lines[1] != "read-only")
            {
                return "the command could write to the folder that should be read-only";
            }

            string[] links = lines[2..];
            bool onlyLoopback = links.Length == 1 && links[0].Contains(": lo:", StringComparison.Ordinal) && links[0].Contains("UP", StringComparison.Ordinal);
            return !network || onlyLoopback ? null : $"the namespace has {links.Length.ToString(CultureInfo.InvariantCulture)} interfaces, not just an active loopback";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
        finally
        {
            probeRoot.Delete(recursive: true);
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
