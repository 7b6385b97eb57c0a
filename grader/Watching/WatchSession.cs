using System.Diagnostics;
using System.Threading.Channels;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Running;

namespace Katas.Grader.Watching;

/// <summary>What the watch loop is asked to do: a debounced source change, or a key.</summary>
internal abstract record WatchEvent;

internal sealed record SourcesChanged(string Module, long FirstEventTimestamp) : WatchEvent;

internal sealed record KeyPressed(char Key) : WatchEvent;

internal sealed record NoteAdded(string Text) : WatchEvent;

/// <summary>The knobs of the watch loop (command-line options end up here).</summary>
internal sealed record WatchOptions
{
    public required string Root { get; init; }

    public bool Poll { get; init; }

    public bool Plain { get; init; }

    public bool Restore { get; init; } = true;

    public bool BuildServers { get; init; } = true;

    public TimeSpan TestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan ModuleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public long MemoryLimitBytes { get; init; } = 512L * 1024 * 1024;
}

/// <summary>
/// The student's loop, <c>watch</c>: shows the first exercise whose visible tests do not pass yet, and on
/// every save under <c>exercises/</c> rebuilds the changed module's visible test project and runs the
/// current exercise's test class, then redraws. Which exercises pass is always computed by running their
/// tests (all of them at start), never read from a file a student could edit. Building and running reuse
/// the grader's own <see cref="ModuleBuilder"/> and <see cref="TestProgramRunner"/>; only the hidden
/// tests are left to the grader.
/// </summary>
internal sealed class WatchSession
{
    private readonly Course _course;
    private readonly WatchOptions _options;
    private readonly WatchScreen _screen;
    private readonly BuildSettings _settings;
    private readonly BuildServers _servers;
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>();
    private readonly Dictionary<string, ExerciseResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CompilerError>> _compileErrors = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private Exercise? _current;
    private string? _justPassed;
    private VerdictTime? _verdict;
    private double _buildSeconds;
    private long _buildStarted;
    private string? _busy;
    private bool _showHint;
    private bool _showList;
    private bool _restored;
    private bool _ready;
    private string _watchMode = "file events";

    public WatchSession(Course course, WatchOptions options, WatchScreen screen)
    {
        _course = course;
        _options = options;
        _screen = screen;
        _settings = GradingRun.Settings(new GradeOptions { Root = options.Root, Student = options.Root, Restore = options.Restore });
        _servers = new BuildServers(options.BuildServers);
        _restored = !options.Restore;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        KeyReader.Start(key =>
        {
            if (key == 'q')
            {
                // Quit at once, even in the middle of a build or a test run.
                quit.Cancel();
            }

            _events.Writer.TryWrite(new KeyPressed(key));
        });

        bool poll = _options.Poll || SourceWatcher.IsWsl();
        var modules = _course.Modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        using var watcher = new SourceWatcher(
            Path.Combine(_options.Root, "exercises"),
            modules,
            (module, timestamp) => _events.Writer.TryWrite(new SourcesChanged(module, timestamp)),
            note => _events.Writer.TryWrite(new NoteAdded(note)));
        _watchMode = poll ? "polling every second" : "file events";
        try
        {
            // Watch before the first run, so a save made while it runs is not missed.
            watcher.Start(poll);
            await CheckEverythingAsync(quit.Token);
            await LoopAsync(watcher, quit.Token);
        }
        catch (OperationCanceledException) when (quit.IsCancellationRequested)
        {
        }
        finally
        {
            await _servers.ShutdownAsync();
        }

        return Commands.GraderCli.Success;
    }

    private async Task LoopAsync(SourceWatcher watcher, CancellationToken cancellationToken)
    {
        while (await _events.Reader.WaitToReadAsync(cancellationToken))
        {
            var changed = new Dictionary<string, long>(StringComparer.Ordinal);
            bool redraw = false;
            while (_events.Reader.TryRead(out WatchEvent? next))
            {
                switch (next)
                {
                    case SourcesChanged c:
                        // A burst in several modules, or saves made during the last run: one check per module.
                        changed[c.Module] = changed.TryGetValue(c.Module, out long first) ? Math.Min(first, c.FirstEventTimestamp) : c.FirstEventTimestamp;
                        break;
                    case NoteAdded n:
                        _notes.Add(n.Text);
                        _watchMode = watcher.Polling ? "polling every second" : _watchMode;
                        redraw = true;
                        break;
                    case KeyPressed { Key: 'q' }:
                        return;
                    case KeyPressed { Key: 'h' }:
                        _showHint = !_showHint;
                        redraw = true;
                        break;
                    case KeyPressed { Key: 'l' }:
                        _showList = !_showList;
                        redraw = true;
                        break;
                    case KeyPressed { Key: 'n' }:
                        MoveToNext();
                        redraw = true;
                        break;
                    case KeyPressed { Key: 'r' }:
                        if (_current is not null)
                        {
                            changed[_current.Module] = Stopwatch.GetTimestamp();
                        }

                        break;
                }
            }

            foreach ((string module, long timestamp) in changed.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                await CheckModuleAsync(_course.Modules.First(m => m.Name == module), timestamp, cancellationToken);
                redraw = false;
            }

            if (redraw)
            {
                Draw();
            }
        }
    }

    /// <summary>At start: build every module's visible tests at once and run them all, to find where the student is.</summary>
    private async Task CheckEverythingAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var modules = _course.Modules.Select(VisibleOnly).Where(m => m.Projects.Count > 0).ToList();
        Busy($"Building {string.Join(", ", modules.Select(m => m.Name))} (the first build takes a while)...");
        BuildOutcome build = await BuildAsync(modules, cancellationToken);
        foreach (Module module in modules)
        {
            if (Failed(build, module))
            {
                continue;
            }

            var exercises = _course.Exercises.Where(e => e.Module == module.Name).ToList();
            Busy($"Running the tests of {module.Name}...");
            await RunAsync(module, exercises, cancellationToken);
        }

        _current = FirstNotPassed();
        _ready = true;
        Verdict(started);
    }

    /// <summary>After a save: rebuild the module's visible tests and run its current exercise.</summary>
    private async Task CheckModuleAsync(Module module, long started, CancellationToken cancellationToken)
    {
        Module visible = VisibleOnly(module);
        Exercise? target = _current is not null && _current.Module == module.Name
            ? _current
            : _course.Exercises.FirstOrDefault(e => e.Module == module.Name && !IsPassed(e));
        _justPassed = null;
        Busy($"Building {module.Name}...");
        BuildOutcome build = await BuildAsync([visible], cancellationToken);
        if (Failed(build, visible) || target is null)
        {
            if (target is null)
            {
                // Every exercise of this module passed already: check that they still do.
                Busy($"Running the tests of {module.Name}...");
                await RunAsync(visible, _course.Exercises.Where(e => e.Module == module.Name).ToList(), cancellationToken);
                _current = FirstNotPassed();
            }

            Verdict(started);
            return;
        }

        Busy($"Running the tests of {target.Id} {target.Title}...");
        await RunAsync(visible, [target], cancellationToken);
        if (!IsPassed(target))
        {
            _current = target;
            Verdict(started);
            return;
        }

        _justPassed = $"{target.Id} {target.Title}";
        _current = FirstNotPassed();
        _showHint = false;
        Verdict(started);

        // The same save may have solved (or broken) the module's other exercises: check those not passed yet, in one run.
        var others = _course.Exercises.Where(e => e.Module == module.Name && e != target && !IsPassed(e)).ToList();
        if (others.Count > 0)
        {
            _busy = $"Checking the other exercises of {module.Name}...";
            Draw();
            await RunAsync(visible, others, cancellationToken);
            _current = FirstNotPassed();
            _busy = null;
            Draw();
        }
    }

    private async Task<BuildOutcome> BuildAsync(IReadOnlyList<Module> modules, CancellationToken cancellationToken)
    {
        // Packages are restored once, by the first build; a saved .cs file never changes them.
        BuildSettings settings = _settings with { Restore = !_restored };
        _buildStarted = Stopwatch.GetTimestamp();
        BuildOutcome build = await ModuleBuilder.BuildAsync(settings, modules, _servers.Tuning(), cancellationToken);
        _restored = true;
        _buildSeconds = Stopwatch.GetElapsedTime(_buildStarted).TotalSeconds;
        return build;
    }

    private bool Failed(BuildOutcome build, Module module)
    {
        if (build.FailedModules.TryGetValue(module.Name, out IReadOnlyList<CompilerError>? errors) && errors.Count > 0)
        {
            _compileErrors[module.Name] = errors;
            return true;
        }

        _compileErrors.Remove(module.Name);
        return false;
    }

    private async Task RunAsync(Module visible, IReadOnlyList<Exercise> exercises, CancellationToken cancellationToken)
    {
        TestProject? project = visible.Projects.Count > 0 ? visible.Projects[0] : null;
        var withClass = exercises.Where(e => e.VisibleClass is not null).ToList();
        if (project is null || withClass.Count == 0)
        {
            return;
        }

        string dll = Path.Combine(_settings.OutputDirectory(project.Name), project.Name + ".dll");
        var limits = new RunLimits(_options.TestTimeout, _options.ModuleTimeout, _options.MemoryLimitBytes);
        var runner = new TestProgramRunner(dll, limits, Stopwatch.StartNew(), progress: null);
        IReadOnlyDictionary<string, ClassOutcome> outcomes = await runner.RunAsync(
            withClass.Select(e => e.VisibleClass!.FullName).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        foreach (Exercise exercise in withClass)
        {
            _results[exercise.Id] = GradingRun.Combine(exercise, outcomes.GetValueOrDefault(exercise.VisibleClass!.FullName), hidden: null);
        }
    }

    private void MoveToNext()
    {
        if (_course.Exercises.Count == 0)
        {
            return;
        }

        int index = _current is null ? -1 : _course.Exercises.ToList().IndexOf(_current);
        _current = _course.Exercises[(index + 1) % _course.Exercises.Count];
        _justPassed = null;
        _showHint = false;
    }

    private bool IsPassed(Exercise exercise) =>
        !_compileErrors.ContainsKey(exercise.Module) && _results.TryGetValue(exercise.Id, out ExerciseResult? result) && result.Passed;

    private Exercise? FirstNotPassed() => _course.Exercises.FirstOrDefault(e => !IsPassed(e));

    private static Module VisibleOnly(Module module) => module with { Projects = module.Projects.Where(p => p.Kind == TestKind.Visible).ToList() };

    private void Verdict(long started)
    {
        double total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _verdict = new VerdictTime(total, _buildSeconds, Math.Max(0, total - _buildSeconds - Stopwatch.GetElapsedTime(started, _buildStarted).TotalSeconds));
        _busy = null;
        Draw();
    }

    private void Busy(string text)
    {
        _busy = text;
        Draw();
    }

    private void Draw()
    {
        IReadOnlyList<CompilerError> errors = _current is not null && _compileErrors.TryGetValue(_current.Module, out IReadOnlyList<CompilerError>? e) ? e : [];
        _screen.Draw(new WatchView(_current, _course.Exercises, _results, errors, _justPassed, _verdict, _busy, _showHint, _showList, _watchMode, _options.Root, _notes, _ready));
    }
}
