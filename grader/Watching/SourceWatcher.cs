using System.Collections.Concurrent;
using System.Diagnostics;

namespace Katas.Grader.Watching;

/// <summary>
/// Tells the watch loop which module's sources changed. File events (FileSystemWatcher) by default;
/// polling (last-write times and sizes, every second) with --poll, on WSL (where events from Windows
/// editors do not arrive), or as soon as the watcher fails or reports an overflow. Bursts of events (an
/// editor writes, renames and touches a file in one save) are debounced into one change per module.
/// Only a module's own sources count: <c>Tests/</c>, <c>Benchmarks/</c>, build output and editor temp
/// files are ignored.
/// </summary>
internal sealed class SourceWatcher : IDisposable
{
    /// <summary>Quiet time after the last event before a change is reported.</summary>
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(150);

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromSeconds(1);

    private readonly string _exercisesDir;
    private readonly IReadOnlySet<string> _modules;
    private readonly Action<string, long> _changed;
    private readonly Action<string> _note;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Modules with unreported changes, each with the timestamp of its first event.</summary>
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _kick = new(0);
    private long _lastEvent;
    private FileSystemWatcher? _watcher;
    private int _polling;

    /// <param name="exercisesDir">The <c>exercises/</c> folder.</param>
    /// <param name="modules">Module folder names to watch.</param>
    /// <param name="changed">Called with a module name and the <see cref="Stopwatch"/> timestamp of the first event of the burst.</param>
    /// <param name="note">Told when the watcher switches to polling, and why.</param>
    public SourceWatcher(string exercisesDir, IReadOnlySet<string> modules, Action<string, long> changed, Action<string> note)
    {
        _exercisesDir = Path.GetFullPath(exercisesDir);
        _modules = modules;
        _changed = changed;
        _note = note;
    }

    public bool Polling => Volatile.Read(ref _polling) != 0;

    public void Start(bool poll)
    {
        _ = Task.Run(DebounceLoopAsync);
        if (poll)
        {
            StartPolling();
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(_exercisesDir)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += (_, e) => Raw(e.FullPath);
            watcher.Created += (_, e) => Raw(e.FullPath);
            watcher.Deleted += (_, e) => Raw(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Raw(e.OldFullPath);
                Raw(e.FullPath);
            };
            watcher.Error += (_, e) => FallBack($"the file watcher failed ({e.GetException().Message})");
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or UnauthorizedAccessException or ArgumentException)
        {
            FallBack($"the file watcher could not start ({e.Message})");
        }
    }

    /// <summary>True on WSL, where file events from Windows-side editors are not delivered.</summary>
    public static bool IsWsl()
    {
        try
        {
            return OperatingSystem.IsLinux()
                && File.Exists("/proc/version")
                && File.ReadAllText("/proc/version").Contains("microsoft", StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The module a changed path belongs to, or null when the path is not a module source.</summary>
    public static string? ModuleOf(string exercisesDir, string path, IReadOnlySet<string> modules)
    {
        string relative = Path.GetRelativePath(exercisesDir, path).Replace('\\', '/');
        string[] parts = relative.Split('/');
        if (parts.Length < 2 || parts[0] == ".." || !modules.Contains(parts[0]))
        {
            return null;
        }

        if (parts.Skip(1).Any(p => p is "Tests" or "Benchmarks" or "bin" or "obj" || p.StartsWith('.')))
        {
            return null;
        }

        // Sources and project files only: editor temp files (.swp, ~, ___jb_tmp___, 4913) are not.
        string name = parts[^1];
        return name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            ? parts[0]
            : null;
    }

    private void Raw(string path)
    {
        if (ModuleOf(_exercisesDir, path, _modules) is not { } module)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        _pending.TryAdd(module, now);
        Volatile.Write(ref _lastEvent, now);
        _kick.Release();
    }

    private async Task DebounceLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _kick.WaitAsync(_stop.Token);
                TimeSpan quiet;
                while ((quiet = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastEvent))) < s_debounce)
                {
                    await Task.Delay(s_debounce - quiet, _stop.Token);
                }

                // Drain the kicks this burst added; the changes they announced are all in _pending.
                while (_kick.CurrentCount > 0)
                {
                    await _kick.WaitAsync(_stop.Token);
                }

                foreach (string module in _pending.Keys.Order(StringComparer.Ordinal))
                {
                    if (_pending.TryRemove(module, out long first))
                    {
                        _changed(module, first);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void FallBack(string reason)
    {
        if (Interlocked.Exchange(ref _polling, 1) != 0)
        {
            return;
        }

        _watcher?.Dispose();
        _note($"{reason}: polling every second instead");
        StartPollingLoop(reportAll: true);
    }

    private void StartPolling()
    {
        Volatile.Write(ref _polling, 1);
        StartPollingLoop(reportAll: false);
    }

    private void StartPollingLoop(bool reportAll)
    {
        _ = Task.Run(async () =>
        {
            Dictionary<string, (DateTime, long)> previous = Snapshot();
            if (reportAll)
            {
                // Events may have been lost before the switch: check every module once.
                foreach (string module in _modules)
                {
                    _pending.TryAdd(module, Stopwatch.GetTimestamp());
                }

                _kick.Release();
            }

            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await Task.Delay(s_pollInterval, _stop.Token);
                    Dictionary<string, (DateTime, long)> current = Snapshot();
                    foreach (string path in current.Keys.Union(previous.Keys))
                    {
                        if (!current.TryGetValue(path, out var now) || !previous.TryGetValue(path, out var before) || now != before)
                        {
                            Raw(path);
                        }
                    }

                    previous = current;
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>Last-write time and size of every module source.</summary>
    private Dictionary<string, (DateTime, long)> Snapshot()
    {
        var files = new Dictionary<string, (DateTime, long)>(StringComparer.Ordinal);
        foreach (string module in _modules)
        {
            string dir = Path.Combine(_exercisesDir, module);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            try
            {
                foreach (string file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
                {
                    if (ModuleOf(_exercisesDir, file, _modules) is not null)
                    {
                        var info = new FileInfo(file);
                        files[file] = (info.LastWriteTimeUtc, info.Exists ? info.Length : -1);
                    }
                }
            }
            catch (IOException)
            {
                // A folder vanished mid-scan: the next poll sees the new state.
            }
        }

        return files;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watcher?.Dispose();
        _stop.Dispose();
    }
}
