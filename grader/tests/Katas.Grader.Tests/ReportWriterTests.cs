using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Katas.Grader.Grading;
using Katas.Grader.Reporting;
using Katas.Grader.Running;

namespace Katas.Grader.Tests;

public sealed class ReportWriterTests
{
    private static readonly TestRecord s_passed = new("C", "Works", "C.Works", TestStatus.Passed, "", 1);
    private static readonly TestRecord s_failed = new("H", "Edge_case", "H.Edge case", TestStatus.Failed, "Expected 1 | 2", 2);

    private static GradeReport Sample() => new(
        "exercises",
        [
            new ExerciseResult("1.1", "Map", "01-parallelism", ExerciseStatus.Passed, 10, 10, "", 12, [s_passed], [s_passed], "hint"),
            new ExerciseResult("1.2", "Filter | pipes", "01-parallelism", ExerciseStatus.Failed, 0, 10, "Edge case: Expected 1 | 2\n::error::x", 30, [s_passed], [s_failed], "hint"),
            new ExerciseResult("1.10", "Reduce", "01-parallelism", ExerciseStatus.Timeout, 0, 15, "timed out", 3000, [], [], ""),
            new ExerciseResult("2.1", "Futures", "02-async", ExerciseStatus.CompileError, 0, 20, "does not compile", 0, [], [], ""),
            new ExerciseResult("2.2", "Wakers", "02-async", ExerciseStatus.Tampered, 0, 10, "tampered", 0, [], [], ""),
        ],
        [],
        []);

    [Fact]
    public void Json_report_has_the_documented_shape_and_totals()
    {
        using JsonDocument json = JsonDocument.Parse(JsonReportWriter.Serialize(Sample()));
        JsonElement root = json.RootElement;

        root.GetProperty("points").GetInt32().Should().Be(10);
        root.GetProperty("maxPoints").GetInt32().Should().Be(65);
        JsonElement[] exercises = root.GetProperty("exercises").EnumerateArray().ToArray();
        exercises.Select(e => e.GetProperty("status").GetString()).Should().Equal("passed", "failed", "timeout", "compile-error", "tampered");
        exercises.Sum(e => e.GetProperty("points").GetInt32()).Should().Be(root.GetProperty("points").GetInt32(), "the total is the sum of the exercises");
        exercises[0].EnumerateObject().Select(p => p.Name).Should().Equal("id", "title", "module", "status", "points", "maxPoints", "message", "durationMs");
        exercises[1].GetProperty("message").GetString().Should().NotContain("\n::", "student text is defused in every report");
    }

    [Fact]
    public void Markdown_table_escapes_cells_and_shows_the_same_total()
    {
        string markdown = MarkdownReportWriter.Render(Sample());

        markdown.Should().Contain("## Katas: 10 / 65 points");
        markdown.Should().Contain("| **Total** | | | | **10 / 65** | |");
        markdown.Should().Contain("Filter \\| pipes", "a pipe would split the table cell");
        markdown.Split('\n').Count(l => l.StartsWith("| 1.", StringComparison.Ordinal) || l.StartsWith("| 2.", StringComparison.Ordinal)).Should().Be(5);
    }

    [Fact]
    public void Classroom_result_is_base64_json_with_one_test_per_exercise()
    {
        ClassroomResult result = ClassroomReportWriter.Map(Sample(), "/k");
        string encoded = ClassroomReportWriter.Encode(result);

        using JsonDocument json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        JsonElement root = json.RootElement;
        root.GetProperty("version").GetInt32().Should().Be(1);
        root.GetProperty("status").GetString().Should().Be("fail");
        root.GetProperty("max_score").GetInt32().Should().Be(65);
        JsonElement[] tests = root.GetProperty("tests").EnumerateArray().ToArray();
        tests.Should().HaveCount(5);
        tests.Sum(t => t.GetProperty("score").GetInt32()).Should().Be(10, "classroom and JSON totals agree");
        tests[0].EnumerateObject().Select(p => p.Name).Should().Equal("name", "status", "score", "message", "test_code", "filename", "line_no", "duration");
        tests.Select(t => t.GetProperty("status").GetString()).Should().Equal("pass", "fail", "fail", "error", "fail");
    }

    [Fact]
    public void Classroom_error_result_still_has_tests_and_max_score()
    {
        ClassroomResult result = ClassroomReportWriter.Error(20, [("1.1 Map", 10), ("1.2 Filter", 10)], "could not run");

        result.Status.Should().Be("error");
        result.MaxScore.Should().Be(20);
        result.Tests.Should().HaveCount(2).And.OnlyContain(t => t.Status == "error" && t.Score == 0);
    }

    [Fact]
    public void Gradescope_result_scores_exercises_and_hides_hidden_test_details_until_the_due_date()
    {
        GradescopeResult result = GradescopeReportWriter.Map(Sample());

        result.Score.Should().Be(10);
        result.Tests.Where(t => t.Visibility == "visible").Sum(t => t.MaxScore).Should().Be(65);
        result.Tests.Where(t => t.Visibility == "after_due_date").Should().HaveCount(2).And.OnlyContain(t => t.MaxScore == 0 && t.Score == 0);
        result.Tests.Single(t => t.Name == "1.2 hidden tests").Status.Should().Be("failed");
        result.Tests.Single(t => t.Name == "1.1 hidden tests").Status.Should().Be("passed");
        result.Tests.Select(t => t.Status).Should().OnlyContain(s => s == "passed" || s == "failed");
        Regex.IsMatch(GradescopeReportWriter.Serialize(result), "\"max_score\"").Should().BeTrue();
    }
}
