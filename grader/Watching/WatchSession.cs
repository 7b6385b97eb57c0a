using System.Diagnostics;
using System.Threading.Channels;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;
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
/// The student's loop, <c>watch</c>: shows the first exercise that does not pass yet, and on every save
/// under <c>exercises/</c> rebuilds the changed module's test projects and runs the current exercise's
/// visible tests, then, once those pass, its hidden tests (their names and messages are shown the way the
/// grader's report shows them, never their code), then redraws. An exercise counts as passed, and earns
/// its points on the screen, only as the grader would score it: every visible and hidden test passed, the
/// module compiles and no test file was changed. Which exercises pass is always computed by running their
/// tests, never read from a file a student could edit. Building and running reuse the grader's own
/// <see cref="ModuleBuilder"/>, <see cref="TestProgramRunner"/> and <see cref="GradingRun.Combine"/>.
/// </summary>
internal sealed class WatchSession
{
    private readonly Course _course;
    private readonly WatchOptions _options;
    private readonly WatchScreen _screen;
    private readonly BuildSettings _settings;
    private readonly BuildServers _servers;
    private readonly TestManifest? _manifest;
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>();

    /// <summary>Each exercise's last result: its visible tests only, or visible and hidden (<see cref="_hiddenRun"/>).</summary>
    private readonly Dictionary<string, ExerciseResult> _results = new(StringComparer.Ordinal);

    /// <summary>What the visible test class of each exercise did in its last run.</summary>
    private readonly Dictionary<string, ClassOutcome?> _visibleOutcomes = new(StringComparer.Ordinal);

    /// <summary>Exercises whose last result includes their hidden tests.</summary>
    private readonly HashSet<string> _hiddenRun = new(StringComparer.Ordinal);

    /// <summary>Modules whose hidden test project was built against the current sources.</summary>
    private readonly HashSet<string> _hiddenBuilt = new(StringComparer.Ordinal);

    /// <summary>Test projects restored by an earlier build of this session.</summary>
    private readonly HashSet<string> _restored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CompilerError>> _compileErrors = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private TamperReport _tamper = new(new Dictionary<string, string>(), [], ManifestFound: false);
    private Exercise? _current;
    private string? _justPassed;
    private VerdictTime? _verdict;
    private double _buildSeconds;
    private double _hiddenSeconds;
    private long _buildStarted;
    private string? _busy;
    private bool _showHint;
    private bool _showList;
    private bool _ready;
    private string _watchMode = "file events";

    /// <summary>Set while the other exercises are checked again after a save: a newer save cancels that.</summary>
    private CancellationTokenSource? _recheck;

    public WatchSession(Course course, WatchOptions options, WatchScreen screen)
    {
        _course = course;
        _options = options;
        _screen = screen;
        _settings = GradingRun.Settings(new GradeOptions { Root = options.Root, Student = options.Root, Restore = options.Restore });
        _servers = new BuildServers(options.BuildServers);
        // Read before any student code runs, as the grader does: what the test files must be.
        _manifest = TestManifest.Load(course.Root);
    }

    /// <summary>True when the hidden tests are here to run (an instructor's checkout; not the student template).</summary>
    private bool HiddenAvailable => _course.HiddenTestsAvailable;

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
            (module, timestamp) =>
            {
                _events.Writer.TryWrite(new SourcesChanged(module, timestamp));
                CancelRecheck();
            },
            note => _events.Writer.TryWrite(new NoteAdded(note)));
        _watchMode = poll ? "polling every second" : "file events";
        try
        {
            // Watch before the first run, so a save made while it runs is not missed.
            watcher.Start(poll);
            await CheckEverythingAsync(quit.Token);
            await PrepareHiddenAsync(quit.Token);
            await LoopAsync(watcher, quit.Token);
        }
        catch (OperationCanceledException) when (quit.IsCancellationRequested)
        {
        }
        finally
        {
            await ShutdownAsync();
        }

        return Commands.GraderCli.Success;
    }

    /// <summary>Stops the build servers this session started.</summary>
    internal Task ShutdownAsync() => _servers.ShutdownAsync();

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

    /// <summary>
    /// At start: build every module's visible tests at once and run them all, to find where the student
    /// is; then, module by module in id order, the hidden tests of the exercises whose visible tests pass,
    /// until the first exercise that does not pass is found. Hidden test projects are built only for the
    /// modules that need them.
    /// </summary>
    internal async Task CheckEverythingAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        _hiddenSeconds = 0;
        _tamper = TamperCheck.Check(_course, _manifest);
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
            await RunVisibleAsync(module, exercises, cancellationToken);
        }

        // The hidden tests of the module in view (the first exercise not passed), for its exercises whose
        // visible tests pass; when those pass too, the next module's: each module at most once.
        var checkedModules = new HashSet<string>(StringComparer.Ordinal);
        while (FirstNotPassed() is { } first && checkedModules.Add(first.Module))
        {
            Module module = _course.Modules.First(m => m.Name == first.Module);
            var pending = _course.Exercises.Where(e => e.Module == module.Name && NeedsHidden(e)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            Busy($"Building the hidden tests of {module.Name}...");
            long hiddenStarted = Stopwatch.GetTimestamp();
            BuildOutcome hiddenBuild = await BuildAsync([HiddenOnly(module)], cancellationToken, hidden: true);
            _hiddenSeconds += Stopwatch.GetElapsedTime(hiddenStarted).TotalSeconds;
            if (!Failed(hiddenBuild, module))
            {
                _hiddenBuilt.Add(module.Name);
                await RunHiddenAsync(module, pending, cancellationToken);
            }
        }

        _current = FirstNotPassed();
        _ready = true;
        Verdict(started);
    }

    /// <summary>
    /// Builds the hidden tests of the module in view ahead of the first save, so that save's verdict costs
    /// no cold build of them.
    /// </summary>
    private async Task PrepareHiddenAsync(CancellationToken cancellationToken)
    {
        if (!HiddenAvailable || _current is null || _hiddenBuilt.Contains(_current.Module) || _compileErrors.ContainsKey(_current.Module))
        {
            return;
        }

        Module module = _course.Modules.First(m => m.Name == _current.Module);
        Busy($"Building the hidden tests of {module.Name}, for the next verdicts...");
        BuildOutcome outcome = await BuildAsync([HiddenOnly(module)], cancellationToken, hidden: true);
        if (!outcome.FailedModules.ContainsKey(module.Name))
        {
            _hiddenBuilt.Add(module.Name);
        }

        _busy = null;
        Draw();
    }

    /// <summary>
    /// After a save: rebuild the module's visible and hidden tests (one build) and run its current
    /// exercise's visible tests, then its hidden tests once the visible ones pass; show that verdict; then
    /// check the module's other exercises again, since the same save may have solved or broken them.
    /// Until that re-check ends they keep their last state, and the busy line says they are re-checked.
    /// </summary>
    internal async Task CheckModuleAsync(Module module, long started, CancellationToken cancellationToken)
    {
        _hiddenSeconds = 0;
        _tamper = TamperCheck.Check(_course, _manifest);
        Module visible = VisibleOnly(module);
        Module projects = HiddenAvailable ? module : visible;
        var exercises = _course.Exercises.Where(e => e.Module == module.Name).ToList();
        Exercise? target = _current is not null && _current.Module == module.Name
            ? _current
            : exercises.FirstOrDefault(e => !IsPassed(e));
        _justPassed = null;
        Busy($"Building {module.Name}...");
        _hiddenBuilt.Remove(module.Name);
        BuildOutcome build = await BuildAsync([projects], cancellationToken);
        if (Failed(build, projects))
        {
            Verdict(started);
            return;
        }

        if (HiddenAvailable)
        {
            _hiddenBuilt.Add(module.Name);
        }

        if (target is null)
        {
            // Every exercise of this module passed already: check that they still do.
            Busy($"Running the tests of {module.Name}...");
            await RecheckAsync(module, exercises, cancellationToken);
            _current = FirstNotPassed();
            Verdict(started);
            return;
        }

        Busy($"Running the tests of {target.Id} {target.Title}...");
        await RunVisibleAsync(visible, [target], cancellationToken);
        if (NeedsHidden(target))
        {
            Busy($"Running the hidden tests of {target.Id} (its visible tests pass)...");
            await RunHiddenAsync(module, [target], cancellationToken);
        }

        bool solved = IsPassed(target);
        if (solved)
        {
            _justPassed = $"{target.Id} {target.Title}";
            _current = FirstNotPassed();
            _showHint = false;
        }
        else
        {
            _current = target;
        }

        Verdict(started);

        var others = exercises.Where(e => e != target).ToList();
        if (others.Count > 0)
        {
            _busy = $"Checking the other exercises of {module.Name} again after the save...";
            Draw();
            using var recheck = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Volatile.Write(ref _recheck, recheck);
            try
            {
                await RecheckAsync(module, others, recheck.Token);
                if (solved)
                {
                    _current = FirstNotPassed();
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A newer save: its check comes next and checks these exercises again. Those whose hidden
                // tests did not get to run meanwhile count as not passed, never as passed.
            }
            finally
            {
                Volatile.Write(ref _recheck, null);
            }

            _busy = null;
            Draw();
        }
    }

    private void CancelRecheck()
    {
        try
        {
            Volatile.Read(ref _recheck)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The re-check ended just now.
        }
    }

    /// <summary>Runs the visible tests of <paramref name="exercises"/>, then the hidden tests of those whose visible tests pass.</summary>
    private async Task RecheckAsync(Module module, IReadOnlyList<Exercise> exercises, CancellationToken cancellationToken)
    {
        await RunVisibleAsync(VisibleOnly(module), exercises, cancellationToken);
        await RunHiddenAsync(module, exercises.Where(NeedsHidden).ToList(), cancellationToken);
    }

    /// <summary>Builds the modules' test projects; <paramref name="hidden"/>: a build of hidden tests alone, timed by the caller, not as the verdict's build.</summary>
    private async Task<BuildOutcome> BuildAsync(IReadOnlyList<Module> modules, CancellationToken cancellationToken, bool hidden = false)
    {
        // Packages are restored by the first build of each project; a saved .cs file never changes them.
        var projects = modules.SelectMany(m => m.Projects).Select(p => p.ProjectPath).ToList();
        BuildSettings settings = _settings with { Restore = _options.Restore && !projects.All(_restored.Contains) };
        long buildStarted = Stopwatch.GetTimestamp();
        BuildOutcome build = await ModuleBuilder.BuildAsync(settings, modules, _servers.Tuning(), cancellationToken);
        _restored.UnionWith(projects);
        if (!hidden)
        {
            _buildStarted = buildStarted;
            _buildSeconds = Stopwatch.GetElapsedTime(buildStarted).TotalSeconds;
        }

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

    /// <summary>Runs the visible test classes of <paramref name="exercises"/>; their results hold the visible tests only until the hidden ones run.</summary>
    private async Task RunVisibleAsync(Module module, IReadOnlyList<Exercise> exercises, CancellationToken cancellationToken)
    {
        var withClass = exercises.Where(e => e.VisibleClass is not null).ToList();
        IReadOnlyDictionary<string, ClassOutcome> outcomes = await RunClassesAsync(module, TestKind.Visible, withClass.Select(e => e.VisibleClass!), cancellationToken);
        foreach (Exercise exercise in withClass)
        {
            ClassOutcome? outcome = outcomes.GetValueOrDefault(exercise.VisibleClass!.FullName);
            _visibleOutcomes[exercise.Id] = outcome;
            _results[exercise.Id] = GradingRun.Combine(exercise, outcome, hidden: null);
            _hiddenRun.Remove(exercise.Id);
        }
    }

    /// <summary>
    /// Runs the hidden test classes of <paramref name="exercises"/> (whose visible tests passed) and
    /// combines both the way the grader does: a failing hidden test is the exercise's failure, shown
    /// by its name and message.
    /// </summary>
    private async Task RunHiddenAsync(Module module, IReadOnlyList<Exercise> exercises, CancellationToken cancellationToken)
    {
        var withClass = exercises.Where(e => e.HiddenClass is not null && _visibleOutcomes.ContainsKey(e.Id)).ToList();
        if (!HiddenAvailable || withClass.Count == 0)
        {
            return;
        }

        long started = Stopwatch.GetTimestamp();
        IReadOnlyDictionary<string, ClassOutcome> outcomes = await RunClassesAsync(module, TestKind.Hidden, withClass.Select(e => e.HiddenClass!), cancellationToken);
        foreach (Exercise exercise in withClass)
        {
            _results[exercise.Id] = GradingRun.Combine(exercise, _visibleOutcomes[exercise.Id], outcomes.GetValueOrDefault(exercise.HiddenClass!.FullName));
            _hiddenRun.Add(exercise.Id);
        }

        _hiddenSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task<IReadOnlyDictionary<string, ClassOutcome>> RunClassesAsync(Module module, TestKind kind, IEnumerable<TestClassInfo> classes, CancellationToken cancellationToken)
    {
        var names = classes.Select(c => c.FullName).Distinct(StringComparer.Ordinal).ToList();
        TestProject? project = module.Projects.FirstOrDefault(p => p.Kind == kind);
        if (project is null || names.Count == 0)
        {
            return new Dictionary<string, ClassOutcome>(StringComparer.Ordinal);
        }

        string dll = Path.Combine(_settings.OutputDirectory(project.Name), project.Name + ".dll");
        var limits = new RunLimits(_options.TestTimeout, _options.ModuleTimeout, _options.MemoryLimitBytes);
        var runner = new TestProgramRunner(dll, limits, Stopwatch.StartNew(), progress: null);
        return await runner.RunAsync(names, cancellationToken);
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

    /// <summary>Passed as the grader would score it: it compiles, no test file of it changed, and its visible and (where they exist here) hidden tests all passed.</summary>
    private bool IsPassed(Exercise exercise) =>
        !_compileErrors.ContainsKey(exercise.Module)
        && !_tamper.Tampered.ContainsKey(exercise.Id)
        && _results.TryGetValue(exercise.Id, out ExerciseResult? result) && result.Passed
        && (!HiddenAvailable || _hiddenRun.Contains(exercise.Id));

    /// <summary>Its visible tests pass and its hidden tests have not run on these sources yet.</summary>
    private bool NeedsHidden(Exercise exercise) =>
        HiddenAvailable && exercise.HiddenClass is not null && !_hiddenRun.Contains(exercise.Id)
        && !_compileErrors.ContainsKey(exercise.Module) && !_tamper.Tampered.ContainsKey(exercise.Id)
        && _results.TryGetValue(exercise.Id, out ExerciseResult? result) && result.Passed;

    private Exercise? FirstNotPassed() => _course.Exercises.FirstOrDefault(e => !IsPassed(e));

    private static Module VisibleOnly(Module module) => module with { Projects = module.Projects.Where(p => p.Kind == TestKind.Visible).ToList() };

    private static Module HiddenOnly(Module module) => module with { Projects = module.Projects.Where(p => p.Kind == TestKind.Hidden).ToList() };

    private void Verdict(long started)
    {
        double total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double beforeBuild = _buildStarted == 0 ? 0 : Math.Max(0, Stopwatch.GetElapsedTime(started, _buildStarted).TotalSeconds);
        _verdict = new VerdictTime(total, _buildSeconds, Math.Max(0, total - _buildSeconds - beforeBuild - _hiddenSeconds), _hiddenSeconds > 0 ? _hiddenSeconds : null);
        _busy = null;
        Draw();
    }

    private void Busy(string text)
    {
        _busy = text;
        Draw();
    }

    /// <summary>What the screen shows now (the tests read it too).</summary>
    internal WatchView View()
    {
        IReadOnlyList<CompilerError> errors = _current is not null && _compileErrors.TryGetValue(_current.Module, out IReadOnlyList<CompilerError>? e) ? e : [];
        var shown = new Dictionary<string, ExerciseResult>(_results, StringComparer.Ordinal);
        foreach ((string id, string reason) in _tamper.Tampered)
        {
            if (shown.TryGetValue(id, out ExerciseResult? result))
            {
                shown[id] = result with { Status = ExerciseStatus.Tampered, Points = 0, Message = $"tampered: {reason}; restore it (git checkout -- <file>) to be graded", FailureTrace = "" };
            }
        }

        var passed = _course.Exercises.Where(IsPassed).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var pending = _course.Exercises.Where(NeedsHidden).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        return new WatchView(_current, _course.Exercises, shown, errors, _justPassed, _verdict, _busy, _showHint, _showList, _watchMode, _options.Root, _notes, _ready)
        {
            Passed = passed,
            HiddenPending = pending,
            HiddenAvailable = HiddenAvailable,
        };
    }

    private void Draw() => _screen.Draw(View());
}
