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
    private const int MaxCompileErrorsShown = 5;

    private readonly IAnsiConsole? _ansi;
    private readonly TextWriter _out;
    private readonly Lock _gate = new();

    public WatchScreen(TextWriter output, bool forcePlain)
    {
        _out = output;
        bool plain = forcePlain
            || Console.IsOutputRedirected
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            || !ReferenceEquals(output, Console.Out);
        if (!plain)
        {
            _ansi = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Out = new AnsiConsoleOutput(output),
            });
        }
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
        int points = moduleExercises.Where(e => Passed(view, e)).Sum(e => e.Points);
        int max = moduleExercises.Sum(e => e.Points);
        lines.Add(($"Katas watch  {module}  {Bar(points, max, 24)}  {N(done)}/{N(moduleExercises.Count)} exercises, {N(points)}/{N(max)} points", "bold"));
        lines.Add(("", null));

        if (view.JustPassed is { } passed)
        {
            lines.Add(($"{Check} {passed} passed!", "bold green"));
            lines.Add(("", null));
        }

        if (!view.Ready)
        {
            lines.Add(("Finding your current exercise: building and running the visible tests...", null));
        }
        else if (current is null)
        {
            lines.Add(("Every exercise passed. Well done!", "bold green"));
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
            foreach (Exercise e in view.Exercises)
            {
                string state = view.Results.TryGetValue(e.Id, out ExerciseResult? r) ? (r.Passed ? "passed" : StatusNames.Of(r.Status)) : "not run";
                string marker = e.Id == current?.Id ? ">" : " ";
                lines.Add(($"{marker} {e.Id,-5} {Pad(e.Title, 40)} {N(e.Points),3} points  {state}", state == "passed" ? "green" : null));
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
            foreach (CompilerError error in view.CompileErrors.Take(MaxCompileErrorsShown))
            {
                string where = error.File.Length == 0 ? "" : GradingRun.RelativeTo(error.File, view.Root, view.Root)
                    + (error.Line > 0 ? ":" + N(error.Line) : "") + ": ";
                lines.Add(($"  {where}{error.Code} {TextSanitizer.OneLine(error.Message, 200)}", "red"));
            }

            if (view.CompileErrors.Count > MaxCompileErrorsShown)
            {
                lines.Add(($"  ... and {N(view.CompileErrors.Count - MaxCompileErrorsShown)} more", "red"));
            }

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

    private string Check => _ansi is null ? "PASS" : "✔";

    private string Cross => _ansi is null ? "FAIL" : "✘";

    private string Bar(int value, int max, int width)
    {
        int filled = max == 0 ? 0 : (int)Math.Round((double)value / max * width, MidpointRounding.AwayFromZero);
        return _ansi is not null
            ? new string('█', filled) + new string('░', width - filled)
            : "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }

    private static string Pad(string text, int width) => text.Length > width ? string.Concat(text.AsSpan(0, width - 3), "...") : text.PadRight(width);

    private static string S(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
