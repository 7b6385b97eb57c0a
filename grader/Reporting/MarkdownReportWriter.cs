using System.Globalization;
using System.Text;
using Katas.Grader.Grading;

namespace Katas.Grader.Reporting;

/// <summary>The <c>--markdown</c> summary: one table row per exercise and the total (also for GITHUB_STEP_SUMMARY).</summary>
internal static class MarkdownReportWriter
{
    public static string Render(GradeReport report)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"## Katas: {report.Points} / {report.MaxPoints} points\n\n");
        int passed = report.Exercises.Count(e => e.Passed);
        md.Append(CultureInfo.InvariantCulture, $"{passed} of {report.Exercises.Count} exercises passed ({report.Side}).\n\n");
        if (report.Isolation is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"Network isolation: {Cell(report.Isolation)}.\n\n");
        }

        if (report.IgnoredFiles.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"Not graded (only the exercises' own source files are): {Cell(string.Join(", ", report.IgnoredFiles.Take(20)))}{(report.IgnoredFiles.Count > 20 ? ", ..." : "")}.\n\n");
        }

        md.Append("| Exercise | Title | Module | Status | Points | Message |\n");
        md.Append("| --- | --- | --- | --- | ---: | --- |\n");
        foreach (ExerciseResult e in report.Exercises)
        {
            string icon = e.Passed ? "✅" : "❌";
            md.Append(CultureInfo.InvariantCulture,
                $"| {Cell(e.Id)} | {Cell(e.Title)} | {Cell(e.Module)} | {icon} {StatusNames.Of(e.Status)} | {e.Points} / {e.MaxPoints} | {Cell(TextSanitizer.OneLine(e.Message))} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"| **Total** | | | | **{report.Points} / {report.MaxPoints}** | |\n");
        return md.ToString();
    }

    public static void Write(GradeReport report, string path) => ReportFiles.Write(path, Render(report));

    /// <summary>Table cells can't hold pipes, line breaks or HTML.</summary>
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("`", "\\`", StringComparison.Ordinal)
        .Replace('\n', ' ');
}
