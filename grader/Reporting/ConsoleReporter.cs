using System.Globalization;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Running;
using Spectre.Console;

namespace Katas.Grader.Reporting;

/// <summary>
/// What people see: live progress while grading, then per module a bar with points and exercises done,
/// each exercise with its status and first failure message, and the next exercise with its hint.
/// Colour and a live status line in a terminal; plain text (and no live updates) when output is
/// redirected or NO_COLOR is set, so logs and CI show the same content.
/// </summary>
internal sealed class ConsoleReporter : IGradeObserver
{
    private const int MaxCompileErrorsShown = 5;

    private readonly TextWriter _out;
    private readonly IAnsiConsole? _ansi;
    /// <summary>Test programs run side by side and report progress from their own threads.</summary>
    private readonly Lock _gate = new();
    private StatusContext? _status;

    private ConsoleReporter(TextWriter output, IAnsiConsole? ansi)
    {
        _out = output;
        _ansi = ansi;
    }

    public bool Rich => _ansi is not null;

    /// <summary>Rich when stdout is a terminal and NO_COLOR is unset, plain otherwise.</summary>
    public static ConsoleReporter Create(TextWriter output, bool forcePlain = false)
    {
        bool plain = forcePlain
            || Console.IsOutputRedirected
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            || !ReferenceEquals(output, Console.Out);
        if (plain)
        {
            return new ConsoleReporter(output, null);
        }

        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(output),
        });
        return new ConsoleReporter(output, ansi);
    }

    /// <summary>Runs the grading with a live status line (rich) or progress lines (plain).</summary>
    public async Task<T> LiveAsync<T>(Func<Task<T>> work)
    {
        if (_ansi is null)
        {
            return await work();
        }

        return await _ansi.Status().Spinner(Spinner.Known.Dots).StartAsync("Starting...", async context =>
        {
            _status = context;
            try
            {
                return await work();
            }
            finally
            {
                _status = null;
            }
        });
    }

    public void Problems(IReadOnlyList<MetadataProblem> problems)
    {
        foreach (MetadataProblem problem in problems)
        {
            Line($"warning: {TextSanitizer.OneLine(problem.Message, 300)}", "yellow");
        }
    }

    public void BuildStarted(IReadOnlyList<Module> modules)
    {
        string text = $"Building {Count(modules.Count, "module")} ({string.Join(", ", modules.Select(m => m.Name))})...";
        Progress(text);
    }

    public void BuildFinished(BuildOutcome outcome)
    {
        string failed = outcome.FailedModules.Count == 0 ? "" : $", {Count(outcome.FailedModules.Count, "module")} did not compile";
        Progress($"Built in {outcome.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{failed}.");
    }

    public void ModuleStarted(Module module) => Progress($"Running the tests of {module.Name}...");

    public void TestProgress(Module module, TestProgress progress)
    {
        lock (_gate)
        {
            ShowProgress(module, progress);
        }
    }

    private void ShowProgress(Module module, TestProgress progress)
    {
        if (_status is not null && progress.Status is null)
        {
            _status.Status(Markup.Escape($"{module.Name}: {TextSanitizer.OneLine(progress.DisplayName, 100)}"));
        }
        else if (_ansi is null && progress.Status is TestStatus.Timeout or TestStatus.Crashed)
        {
            _out.WriteLine($"  {module.Name}: {TextSanitizer.OneLine(progress.DisplayName, 100)}: {progress.Status.ToString()!.ToLowerInvariant()}");
        }
    }

    public void ModuleFinished(Module module, IReadOnlyList<ExerciseResult> results)
    {
    }

    private void Progress(string text)
    {
        if (_status is not null)
        {
            _status.Status(Markup.Escape(text));
        }
        else if (_ansi is null)
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>The final report.</summary>
    public void Report(GradeReport report, string student, string root)
    {
        _out.WriteLine();
        foreach (ModuleReport module in report.Modules)
        {
            var exercises = report.Exercises.Where(e => e.Module == module.Name).ToList();
            int points = exercises.Sum(e => e.Points);
            int max = exercises.Sum(e => e.MaxPoints);
            int done = exercises.Count(e => e.Passed);
            string bar = Bar(points, max, 20);
            string header = $"{module.Name}  {bar}  {points}/{max} points, {done}/{exercises.Count} exercises done";
            Line(header, done == exercises.Count && exercises.Count > 0 ? "bold green" : "bold");
            if (!module.Compiled)
            {
                Line("  does not compile:", "red");
                foreach (CompilerError error in module.CompileErrors.Take(MaxCompileErrorsShown))
                {
                    string where = error.File.Length == 0 ? "" : GradingRun.RelativeTo(error.File, student, root)
                        + (error.Line > 0 ? $"({error.Line.ToString(CultureInfo.InvariantCulture)},{error.Column.ToString(CultureInfo.InvariantCulture)})" : "") + ": ";
                    Line($"    {where}{error.Code} {TextSanitizer.OneLine(error.Message, 200)}", "red");
                }

                if (module.CompileErrors.Count > MaxCompileErrorsShown)
                {
                    Line($"    ... and {(module.CompileErrors.Count - MaxCompileErrorsShown).ToString(CultureInfo.InvariantCulture)} more", "red");
                }
            }

            foreach (ExerciseResult e in exercises)
            {
                string mark = e.Passed ? (Rich ? "✔" : "PASS") : (Rich ? "✘" : "FAIL");
                string status = e.Passed ? "" : $"  {StatusNames.Of(e.Status)}";
                Line($"  {mark} {e.Id,-5} {Pad(e.Title, 40)} {e.Points,3}/{e.MaxPoints,-3}{status}", e.Passed ? "green" : "red");
                if (!e.Passed && e.Status != ExerciseStatus.CompileError && e.Message.Length > 0)
                {
                    foreach (string line in TextSanitizer.Clean(e.Message, 400, maxLines: 4).Split('\n'))
                    {
                        Line($"        {line}", "grey");
                    }
                }
            }

            _out.WriteLine();
        }

        int passed = report.Exercises.Count(e => e.Passed);
        Line($"Total: {report.Points}/{report.MaxPoints} points, {passed}/{report.Exercises.Count} exercises passed", "bold");
        if (report.Next is { } next)
        {
            _out.WriteLine();
            Line($"Next: {next.Id} {next.Title}", "bold yellow");
            if (next.Hint.Length > 0)
            {
                Line("Hint:", "yellow");
                foreach (string line in next.Hint.Split('\n'))
                {
                    Line("  " + line.TrimEnd(), null);
                }
            }

            Line($"(dotnet run --project grader -- hint {next.Id} shows this hint again; --exercise {next.Id} grades only this exercise.)", "grey");
        }
        else if (report.Exercises.Count > 0)
        {
            _out.WriteLine();
            Line("Every exercise passed. Well done!", "bold green");
        }
    }

    public void Line(string text, string? style)
    {
        if (_ansi is null || style is null)
        {
            _out.WriteLine(text);
        }
        else
        {
            _ansi.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
        }
    }

    public void Error(string text) => Line(text, "red");

    private string Bar(int value, int max, int width)
    {
        int filled = max == 0 ? 0 : (int)Math.Round((double)value / max * width, MidpointRounding.AwayFromZero);
        return Rich
            ? new string('█', filled) + new string('░', width - filled)
            : "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }

    private static string Pad(string text, int width) => text.Length > width ? string.Concat(text.AsSpan(0, width - 3), "...") : text.PadRight(width);

    private static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
