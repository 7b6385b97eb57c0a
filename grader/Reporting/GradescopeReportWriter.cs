using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Katas.Grader.Grading;
using Katas.Grader.Running;

namespace Katas.Grader.Reporting;

/// <summary>One entry of Gradescope's <c>tests</c> array.</summary>
internal sealed record GradescopeTest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("max_score")] int MaxScore,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("visibility")] string Visibility);

/// <summary>Gradescope's <c>results.json</c>.</summary>
internal sealed record GradescopeResult(
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("tests")] IReadOnlyList<GradescopeTest> Tests);

/// <summary>
/// Maps a <see cref="GradeReport"/> to Gradescope's results.json (<c>--gradescope</c>): one scored entry per
/// exercise, visible at once, and for exercises with hidden tests a detail entry worth nothing that
/// students see only after the due date.
/// </summary>
internal static class GradescopeReportWriter
{
    public static GradescopeResult Map(GradeReport report)
    {
        var tests = new List<GradescopeTest>();
        foreach (ExerciseResult e in report.Exercises)
        {
            string output = e.Passed ? "passed" : $"{StatusNames.Of(e.Status)}: {TextSanitizer.Clean(e.Message)}";
            tests.Add(new GradescopeTest($"{e.Id} {e.Title}", e.Points, e.MaxPoints, e.Passed ? "passed" : "failed", output, "visible"));
            if (e.HiddenTests.Count > 0)
            {
                bool hiddenPassed = e.HiddenTests.All(t => t.Status is TestStatus.Passed or TestStatus.Skipped);
                tests.Add(new GradescopeTest($"{e.Id} hidden tests", 0, 0, hiddenPassed ? "passed" : "failed", HiddenDetail(e.HiddenTests), "after_due_date"));
            }
        }

        return new GradescopeResult(report.Points, tests);
    }

    private static string HiddenDetail(IReadOnlyList<TestRecord> tests)
    {
        var text = new StringBuilder();
        foreach (TestRecord test in tests)
        {
            text.Append(CultureInfo.InvariantCulture, $"{test.Status.ToString().ToLowerInvariant()}: {test.MethodName.Replace('_', ' ')}");
            if (test.Message.Length > 0)
            {
                text.Append(" - ").Append(TextSanitizer.OneLine(test.Message));
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    public static string Serialize(GradescopeResult result) =>
        JsonSerializer.Serialize(result, ReportJsonContext.Default.GradescopeResult).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    public static void Write(GradeReport report, string path) => ReportFiles.Write(path, Serialize(Map(report)));
}
