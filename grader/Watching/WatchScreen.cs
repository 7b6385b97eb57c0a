using System.Globalization;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Reporting;
using Spectre.Console;

namespace Katas.Grader.Watching;

/// <summary>How long the last check took: from the save (or key) to the verdict, and its parts (the hidden tests' build and run, when they ran).</summary>
internal sealed record VerdictTime(double Total, double Build, double Tests, double? Hidden = null);

/// <summary>Everything the watch screen shows, as one immutable picture.</summary>
internal sealed record WatchView(
    Exercise? Current,
    IReadOnlyList<Exercise> Exercises,
    IReadOnlyDictionary<string, ExerciseResult> Results,
    IReadOnlyList<CompilerError> CompileErrors,
    string? JustPassed,
    VerdictTime? Verdict,
    string? Busy,
    bool ShowHint,
    bool ShowList,
    string WatchMode,
    string Root,
    IReadOnlyList<string> Notes,
    bool Ready)
{
    /// <summary>
    /// Exercises that pass as the grader scores them: visible and hidden tests (when the hidden tests are
    /// here), compiled, untampered. Null: whatever <see cref="Results"/> says passed.
    /// </summary>
    public IReadOnlySet<string>? Passed { get; init; }

    /// <summary>Exercises whose visible tests pass and whose hidden tests have not run on these sources yet.</summary>
    public IReadOnlySet<string> HiddenPending { get; init; } = new HashSet<string>();

    /// <summary>False in the student template, which has no hidden tests: the screen then claims no points.</summary>
    public bool HiddenAvailable { get; init; } = true;

    public bool IsPassed(Exercise exercise) =>
        Passed?.Contains(exercise.Id) ?? (Results.TryGetValue(exercise.Id, out ExerciseResult? r) && r.Passed);
}

/// <summary>
/// Draws the watch loop: the current exercise with its module's progress bar, the verdict of the last run
/// (green, or the first failure or compile errors), and the keys. In a terminal the screen is redrawn in
/// place with Spectre.Console; when output is redirected each picture is printed after the last.
/// </summary>
internal sealed class WatchScreen
{
    private readonly ConsoleOutput _console;
    private readonly IAnsiConsole? _ansi;
    private readonly TextWriter _out;
    private readonly Lock _gate = new();

    public WatchScreen(TextWriter output, bool forcePlain)
    {
        _console = ConsoleOutput.Create(output, forcePlain);
        _out = output;
        _ansi = _console.Ansi;
    }

    public void Draw(WatchView view)
    {
        var lines = new List<(string Text, string? Style)>();
        Compose(view, lines);
        lock (_gate)
        {
            if (_ansi is null)
            {
                _out.WriteLine("----");
                foreach ((string text, _) in lines)
                {
                    _out.WriteLine(text);
                }

                _out.Flush();
                return;
            }

            _ansi.Clear(home: true);
            foreach ((string text, string? style) in lines)
            {
                _ansi.MarkupLine(style is null ? Markup.Escape(text) : $"[{style}]{Markup.Escape(text)}[/]");
            }
        }
    }

    private void Compose(WatchView view, List<(string, string?)> lines)
    {
        Exercise? current = view.Current;
        string module = current?.Module ?? (view.Exercises.Count > 0 ? view.Exercises[^1].Module : "");
        var moduleExercises = view.Exercises.Where(e => e.Module == module).ToList();
        int done = moduleExercises.Count(view.IsPassed);
        // Honest about what it measured. With the hidden tests here, an exercise counts once its visible
        // and hidden tests pass, exactly as the grader scores it, so the points are the grader's. Without
        // them (the student template), only visible tests ran, and the screen claims no points.
        string measured = view.HiddenAvailable
            ? $"{N(done)}/{N(moduleExercises.Count)} exercises, {N(moduleExercises.Where(view.IsPassed).Sum(e => e.Points))}/{N(moduleExercises.Sum(e => e.Points))} points (visible and hidden tests, as the grader scores them)"
            : $"{N(done)}/{N(moduleExercises.Count)} exercises pass their visible tests (no points here: the hidden tests are not in this repository)";
        lines.Add(($"Katas watch  {module}  {_console.Bar(done, moduleExercises.Count, 24)}  {measured}", "bold"));
        lines.Add(("", null));

        if (view.JustPassed is { } passed)
        {
            Exercise? solved = view.Exercises.FirstOrDefault(e => passed.StartsWith(e.Id + " ", StringComparison.Ordinal));
            lines.Add((view.HiddenAvailable
                ? $"{Check} {passed} passed! Its visible and hidden tests pass: {N(solved?.Points ?? 0)} points, as the grader gives them."
                : $"{Check} {passed} passed! (its visible tests; the Grade workflow runs the hidden ones too)", "bold green"));
            if (solved is not null)
            {
                lines.AddRange(ConsoleOutput.Recap(solved, "  ").Select(l => (l.Text, l.Style)));
            }

            lines.Add(("", null));
        }

        if (!view.Ready)
        {
            lines.Add(("Finding your current exercise: building and running the tests...", null));
        }
        else if (current is null)
        {
            int points = view.Exercises.Where(view.IsPassed).Sum(e => e.Points);
            lines.Add((view.HiddenAvailable
                ? $"Every exercise passes its visible and hidden tests: {N(points)}/{N(view.Exercises.Sum(e => e.Points))} points, as the grader scores them (dotnet run --project grader)."
                : "Every exercise passes its visible tests. Points come from the Grade workflow, which runs the hidden tests too.", "bold green"));
        }
        else
        {
            lines.Add(($"Current exercise: {current.Id} {current.Title} ({N(current.Points)} points)", "bold yellow"));
            if (StubFile(view.Root, current) is { } stub)
            {
                lines.Add(($"  edit {stub}", "grey"));
            }

            lines.Add(("", null));
            Verdict(view, current, lines);
            if (view.ShowHint)
            {
                lines.Add(("", null));
                lines.Add(($"Hint for {current.Id}:", "yellow"));
                string hint = current.Hint.Length > 0 ? current.Hint : "This exercise has no hint yet.";
                foreach (string line in hint.Split('\n'))
                {
                    lines.Add(("  " + line.TrimEnd(), null));
                }
            }
        }

        if (view.ShowList)
        {
            lines.Add(("", null));
            lines.Add(("Exercises:", "bold"));
            int titleWidth = view.Exercises.Select(e => e.Title.Length).DefaultIfEmpty(0).Max();
            foreach (Exercise e in view.Exercises)
            {
                string state = !view.Results.TryGetValue(e.Id, out ExerciseResult? r) ? "not run"
                    : view.IsPassed(e) ? (view.HiddenAvailable ? "passed" : "visible tests pass")
                    : view.HiddenPending.Contains(e.Id) ? "visible tests pass; hidden tests not run yet"
                    : StatusNames.Of(r.Status);
                string marker = e.Id == current?.Id ? ">" : " ";
                lines.Add(($"{marker} {e.Id,-5} {e.Title.PadRight(titleWidth)} {N(e.Points),3} points  {state}", view.IsPassed(e) ? "green" : null));
            }
        }

        lines.Add(("", null));
        if (view.Verdict is { } verdict)
        {
            string hidden = verdict.Hidden is { } h ? $", hidden tests {S(h)} s" : "";
            lines.Add(($"verdict in {S(verdict.Total)} s (build {S(verdict.Build)} s, tests {S(verdict.Tests)} s{hidden})", "grey"));
        }

        if (view.Busy is { } busy)
        {
            lines.Add((busy, "blue"));
        }

        foreach (string note in view.Notes)
        {
            lines.Add((note, "yellow"));
        }

        lines.Add(($"[h] hint  [n] next  [l] list  [r] re-run  [q] quit     watching exercises/ ({view.WatchMode})", "grey"));
    }

    private void Verdict(WatchView view, Exercise current, List<(string, string?)> lines)
    {
        if (view.CompileErrors.Count > 0)
        {
            lines.Add(($"{Cross} {current.Module} does not compile:", "red"));
            lines.AddRange(ConsoleOutput.CompileErrors(view.CompileErrors, view.Root, view.Root, "  ").Select(l => (l.Text, l.Style)));
            return;
        }

        if (!view.Results.TryGetValue(current.Id, out ExerciseResult? result))
        {
            lines.Add(("Not run yet.", "grey"));
            return;
        }

        if (view.IsPassed(current))
        {
            lines.Add(($"{Check} {current.Id} passes its {(view.HiddenAvailable ? "visible and hidden" : "visible")} tests.", "green"));
            return;
        }

        if (result.Passed)
        {
            lines.Add(($"{Check} {current.Id} passes its visible tests; its hidden tests run on the next save (or press r).", "green"));
            return;
        }

        bool hiddenFailed = result.HiddenTests.Any(t => t.Status is not (Running.TestStatus.Passed or Running.TestStatus.Skipped))
            && result.VisibleTests.All(t => t.Status is Running.TestStatus.Passed or Running.TestStatus.Skipped);
        lines.Add((hiddenFailed
            ? $"{Cross} {current.Id} passes its visible tests, but a hidden test fails ({StatusNames.Of(result.Status)}): an edge case the README or the TODO names"
            : $"{Cross} {current.Id} is not solved yet ({StatusNames.Of(result.Status)}):", "red"));
        foreach (string line in TextSanitizer.Clean(result.Message, 600, maxLines: 8).Split('\n'))
        {
            lines.Add(("  " + line, null));
        }

        if (ConsoleOutput.StudentFrame(result.FailureTrace, current.Module) is { } where)
        {
            lines.Add(($"  at {where}", "yellow"));
        }

        if (!view.ShowHint)
        {
            lines.Add(("press h for a hint", "yellow"));
        }
    }

    /// <summary>The stub an exercise is about, guessed from its test file (<c>ParallelMapTests.cs</c> tests <c>ParallelMap.cs</c>).</summary>
    private static string? StubFile(string root, Exercise exercise)
    {
        if (exercise.VisibleClass is not { } info)
        {
            return null;
        }

        string name = Path.GetFileNameWithoutExtension(info.FilePath);
        if (!name.EndsWith("Tests", StringComparison.Ordinal))
        {
            return null;
        }

        string stub = Path.Combine(root, "exercises", exercise.Module, name[..^"Tests".Length] + ".cs");
        return File.Exists(stub) ? CourseDiscovery.Relative(root, stub) : null;
    }

    private string Check => _console.Pass;

    private string Cross => _console.Fail;

    private static string S(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
