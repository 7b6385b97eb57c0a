using System.Globalization;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Reporting;
using Spectre.Console;

namespace Katas.Grader.Watching;

/// <summary>How long the last check took: from the save (or key) to the verdict, and its two parts.</summary>
internal sealed record VerdictTime(double Total, double Build, double Tests);

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
    bool Ready);

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
        int done = moduleExercises.Count(e => Passed(view, e));
        // Honest about what it measured: the loop runs the visible tests only, and points are the grader's
        // (visible and hidden tests), so the header counts exercises, never points.
        lines.Add(($"Katas watch  {module}  {_console.Bar(done, moduleExercises.Count, 24)}  {N(done)}/{N(moduleExercises.Count)} exercises pass their visible tests", "bold"));
        lines.Add(("", null));

        if (view.JustPassed is { } passed)
        {
            lines.Add(($"{Check} {passed} passed! (its visible tests; the grader runs the hidden ones too)", "bold green"));
            if (view.Exercises.FirstOrDefault(e => passed.StartsWith(e.Id + " ", StringComparison.Ordinal)) is { } solved)
            {
                lines.AddRange(ConsoleOutput.Recap(solved, "  ").Select(l => (l.Text, l.Style)));
            }

            lines.Add(("", null));
        }

        if (!view.Ready)
        {
            lines.Add(("Finding your current exercise: building and running the visible tests...", null));
        }
        else if (current is null)
        {
            lines.Add(("Every exercise passes its visible tests. Points come from the grader, which runs the hidden tests too: dotnet run --project grader", "bold green"));
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
                string state = view.Results.TryGetValue(e.Id, out ExerciseResult? r) ? (r.Passed ? "visible tests pass" : StatusNames.Of(r.Status)) : "not run";
                string marker = e.Id == current?.Id ? ">" : " ";
                lines.Add(($"{marker} {e.Id,-5} {e.Title.PadRight(titleWidth)} {N(e.Points),3} points  {state}", r?.Passed == true ? "green" : null));
            }
        }

        lines.Add(("", null));
        if (view.Verdict is { } verdict)
        {
            lines.Add(($"verdict in {S(verdict.Total)} s (build {S(verdict.Build)} s, tests {S(verdict.Tests)} s)", "grey"));
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

        if (result.Passed)
        {
            lines.Add(($"{Check} {current.Id} passes its visible tests.", "green"));
            return;
        }

        lines.Add(($"{Cross} {current.Id} is not solved yet ({StatusNames.Of(result.Status)}):", "red"));
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

    private static bool Passed(WatchView view, Exercise e) => view.Results.TryGetValue(e.Id, out ExerciseResult? r) && r.Passed;

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
