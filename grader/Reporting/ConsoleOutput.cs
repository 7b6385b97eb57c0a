using System.Globalization;
using System.Text.RegularExpressions;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Katas.Grader.Reporting;

/// <summary>One line of a console picture and its Spectre.Console style (null: the terminal's default).</summary>
internal readonly record struct StyledLine(string Text, string? Style = null);

/// <summary>
/// The console layer the grader's report and the watch screen share: whether to draw rich (colour,
/// Spectre.Console widgets) or plain (redirected output, <c>NO_COLOR</c>, <c>TERM=dumb</c>, <c>--plain</c>),
/// and the pieces both draw the same way: progress bars, the exercise table, the compile-error block,
/// where a failure happened in the student's code, and the recap of a solved exercise.
/// </summary>
internal sealed partial class ConsoleOutput
{
    private const int MaxCompileErrorsShown = 5;

    private ConsoleOutput(TextWriter output, IAnsiConsole? ansi)
    {
        Out = output;
        Ansi = ansi;
    }

    public TextWriter Out { get; }

    /// <summary>Set when drawing rich; null in plain mode.</summary>
    public IAnsiConsole? Ansi { get; }

    public bool Rich => Ansi is not null;

    /// <summary>Rich when <paramref name="output"/> is the console's own stdout, a terminal, and colour is not turned off.</summary>
    public static ConsoleOutput Create(TextWriter output, bool forcePlain)
    {
        bool plain = forcePlain
            || Console.IsOutputRedirected
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            || !ReferenceEquals(output, Console.Out);
        if (plain)
        {
            return new ConsoleOutput(output, null);
        }

        return new ConsoleOutput(output, AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(output),
        }));
    }

    public string Pass => Rich ? "✔" : "PASS";

    public string Fail => Rich ? "✘" : "FAIL";

    public void Line(string text, string? style = null)
    {
        if (Ansi is null || style is null)
        {
            if (Ansi is null)
            {
                Out.WriteLine(text);
            }
            else
            {
                Ansi.WriteLine(text);
            }
        }
        else
        {
            Ansi.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
        }
    }

    public void Lines(IEnumerable<StyledLine> lines)
    {
        foreach (StyledLine line in lines)
        {
            Line(line.Text, line.Style);
        }
    }

    /// <summary>A Spectre widget in rich mode (plain mode draws its own lines instead).</summary>
    public void Write(IRenderable widget) => Ansi?.Write(widget);

    /// <summary>A progress bar of <paramref name="width"/> cells: blocks in a terminal, <c>[###---]</c> in logs.</summary>
    public string Bar(int value, int max, int width)
    {
        int filled = max == 0 ? 0 : (int)Math.Round((double)value / max * width, MidpointRounding.AwayFromZero);
        filled = Math.Clamp(filled, 0, width);
        return Rich
            ? new string('█', filled) + new string('░', width - filled)
            : "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }

    /// <summary>
    /// The exercise rows of a module (mark, id, title, points, state, and lines beneath): a Spectre table in a
    /// terminal, whose title column is as wide as the terminal allows; aligned text lines in logs, titles never cut.
    /// </summary>
    public void ExerciseTable(IReadOnlyList<ExerciseRow> rows, string indent = "  ")
    {
        if (Ansi is null)
        {
            int titleWidth = rows.Select(r => r.Title.Length).DefaultIfEmpty(0).Max();
            foreach (ExerciseRow row in rows)
            {
                string state = row.State.Length > 0 ? "  " + row.State : "";
                Out.WriteLine($"{indent}{row.Mark} {row.Id,-5} {row.Title.PadRight(titleWidth)} {row.Points}{state}".TrimEnd());
                foreach (StyledLine below in row.Below)
                {
                    Out.WriteLine($"{indent}      {below.Text}");
                }
            }

            return;
        }

        var table = new Table().NoBorder().HideHeaders();
        table.AddColumn(new TableColumn("").PadLeft(indent.Length).PadRight(0));
        table.AddColumn(new TableColumn("").PadRight(1));
        table.AddColumn(new TableColumn(""));
        table.AddColumn(new TableColumn("").RightAligned());
        table.AddColumn(new TableColumn(""));
        foreach (ExerciseRow row in rows)
        {
            string style = row.Style ?? "default";
            IRenderable title = row.Below.Count == 0
                ? new Markup($"[{style}]{Markup.Escape(row.Title)}[/]")
                : new Rows([new Markup($"[{style}]{Markup.Escape(row.Title)}[/]"), .. row.Below.Select(b => new Markup($"[{b.Style ?? "grey"}]{Markup.Escape(b.Text)}[/]"))]);
            table.AddRow(
                new Markup($"[{style}]{Markup.Escape(row.Mark)}[/]"),
                new Markup($"[{style}]{Markup.Escape(row.Id)}[/]"),
                title,
                new Markup($"[{style}]{Markup.Escape(row.Points)}[/]"),
                new Markup($"[{style}]{Markup.Escape(row.State)}[/]"));
        }

        Ansi.Write(table);
    }

    /// <summary>The first compile errors as <c>file:line: CODE message</c>, paths relative to the checkout.</summary>
    public static IEnumerable<StyledLine> CompileErrors(IReadOnlyList<CompilerError> errors, string student, string root, string indent, string style = "red")
    {
        foreach (CompilerError error in errors.Take(MaxCompileErrorsShown))
        {
            string where = error.File.Length == 0 ? "" : GradingRun.RelativeTo(error.File, student, root)
                + (error.Line > 0 ? ":" + N(error.Line) : "") + ": ";
            yield return new StyledLine($"{indent}{where}{error.Code} {TextSanitizer.OneLine(error.Message, 200)}", style);
        }

        if (errors.Count > MaxCompileErrorsShown)
        {
            yield return new StyledLine($"{indent}... and {N(errors.Count - MaxCompileErrorsShown)} more", style);
        }
    }

    /// <summary>What a solved exercise taught, and the benchmark that shows it, if it has one.</summary>
    public static IEnumerable<StyledLine> Recap(Exercise exercise, string indent)
    {
        foreach (string line in exercise.Recap.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return new StyledLine(indent + line.TrimEnd(), "grey");
        }

        if (exercise.Benchmark.Length > 0)
        {
            yield return new StyledLine($"{indent}See it in numbers: {exercise.Benchmark}", "grey");
        }
    }

    [GeneratedRegex(@"^\s*at (?<frame>.+?) in (?<file>.+?):line (?<line>\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Frame();

    /// <summary>
    /// The first frame of a failure's stack traces that is in the student's code (the module's folder under
    /// <c>exercises/</c>, its tests excluded), as <c>exercises/NN-module/File.cs:line</c>; null when none is.
    /// Works with full paths and with the <c>/_/</c> paths of a deterministic CI build.
    /// </summary>
    public static string? StudentFrame(string stackTrace, string module)
    {
        string folder = $"exercises/{module}/";
        foreach (Match match in Frame().Matches(stackTrace))
        {
            string file = match.Groups["file"].Value.Replace('\\', '/');
            int at = file.LastIndexOf("/" + folder, StringComparison.Ordinal);
            string relative = at >= 0 ? file[(at + 1)..] : file.StartsWith(folder, StringComparison.Ordinal) ? file : "";
            if (relative.Length > 0 && !relative[folder.Length..].StartsWith("Tests/", StringComparison.Ordinal))
            {
                return $"{relative}:{match.Groups["line"].Value}";
            }
        }

        return null;
    }

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One exercise row of <see cref="ConsoleOutput.ExerciseTable"/>.</summary>
internal sealed record ExerciseRow(string Mark, string Id, string Title, string Points, string State, string? Style, IReadOnlyList<StyledLine> Below);
