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
    private readonly ConsoleOutput _console;
    private readonly TextWriter _out;
    private readonly IAnsiConsole? _ansi;
    /// <summary>Test programs run side by side and report progress from their own threads.</summary>
    private readonly Lock _gate = new();
    private StatusContext? _status;

    private ConsoleReporter(ConsoleOutput console)
    {
        _console = console;
        _out = console.Out;
        _ansi = console.Ansi;
    }

    public bool Rich => _console.Rich;

    /// <summary>Rich when stdout is a terminal and NO_COLOR is unset, plain otherwise.</summary>
    public static ConsoleReporter Create(TextWriter output, bool forcePlain = false) => new(ConsoleOutput.Create(output, forcePlain));

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

    /// <summary>
    /// The final report. With <paramref name="course"/>, passed exercises show their recap, and the closing
    /// line says whether the whole course was graded or only a selection of it.
    /// </summary>
    public void Report(GradeReport report, string student, string root, Course? course = null)
    {
        _out.WriteLine();
        if (report.IgnoredFiles.Count > 0)
        {
            Line($"not graded: {report.IgnoredFiles.Count.ToString(CultureInfo.InvariantCulture)} file(s) of the student's exercises/ that are not an exercise's source (project files, build settings, links): {TextSanitizer.OneLine(string.Join(", ", report.IgnoredFiles.Take(10)))}{(report.IgnoredFiles.Count > 10 ? ", ..." : "")}", "yellow");
        }

        foreach (ModuleReport module in report.Modules)
        {
            var exercises = report.Exercises.Where(e => e.Module == module.Name).ToList();
            int points = exercises.Sum(e => e.Points);
            int max = exercises.Sum(e => e.MaxPoints);
            int done = exercises.Count(e => e.Passed);
            string header = $"{module.Name}  {_console.Bar(points, max, 20)}  {points}/{max} points, {done}/{exercises.Count} exercises done";
            Line(header, done == exercises.Count && exercises.Count > 0 ? "bold green" : "bold");
            if (!module.Compiled)
            {
                Line("  does not compile:", "red");
                _console.Lines(ConsoleOutput.CompileErrors(module.CompileErrors, student, root, "    "));
            }
            else if (module.Warnings.Count > 0)
            {
                Line($"  warnings: {module.Warnings.Count.ToString(CultureInfo.InvariantCulture)} (they cost no points; worth a look):", "yellow");
                _console.Lines(ConsoleOutput.CompileErrors(module.Warnings, student, root, "    ", "yellow"));
            }

            _console.ExerciseTable(exercises.Select(e => Row(e, course, module.Compiled)).ToList());
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

            Line($"(dotnet run --project grader -- hint {next.Id} shows this hint again, hint {next.Id} --more the next level; --exercise {next.Id} grades only this exercise.)", "grey");
        }
        else if (report.Exercises.Count > 0)
        {
            _out.WriteLine();
            int total = course?.Exercises.Count ?? report.Exercises.Count;
            Line(report.Exercises.Count >= total
                    ? "Every exercise passed. Well done!"
                    : $"The {Count(report.Exercises.Count, "exercise")} graded passed; {Count(total - report.Exercises.Count, "other")} not graded in this run (run without --module/--exercise to grade them all).",
                "bold green");
        }
    }

    private ExerciseRow Row(ExerciseResult e, Course? course, bool compiled)
    {
        var below = new List<StyledLine>();
        if (e.Passed && course?.FindExercise(e.Id) is { } exercise)
        {
            below.AddRange(ConsoleOutput.Recap(exercise, ""));
        }
        else if (!e.Passed && compiled && e.Message.Length > 0)
        {
            below.AddRange(TextSanitizer.Clean(e.Message, 400, maxLines: 4).Split('\n').Select(l => new StyledLine(l, "grey")));
            if (ConsoleOutput.StudentFrame(e.FailureTrace, e.Module) is { } where)
            {
                below.Add(new StyledLine($"at {where}", "grey"));
            }
        }

        return new ExerciseRow(
            e.Passed ? _console.Pass : _console.Fail,
            e.Id,
            e.Title,
            $"{e.Points,3}/{e.MaxPoints,-3}",
            e.Passed ? "" : StatusNames.Of(e.Status),
            e.Passed ? "green" : "red",
            below);
    }

    public void Line(string text, string? style) => _console.Line(text, style);

    public void Error(string text) => Line(text, "red");

    private static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
