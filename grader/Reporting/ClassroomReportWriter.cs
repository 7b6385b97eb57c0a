using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Katas.Grader.Grading;

namespace Katas.Grader.Reporting;

/// <summary>One test (= one exercise) of the GitHub Classroom autograding result.</summary>
internal sealed record ClassroomTest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("test_code")] string TestCode,
    [property: JsonPropertyName("filename")] string Filename,
    [property: JsonPropertyName("line_no")] int LineNo,
    [property: JsonPropertyName("duration")] long Duration);

/// <summary>The GitHub Classroom autograding result (written base64-encoded).</summary>
internal sealed record ClassroomResult(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("max_score")] int MaxScore,
    [property: JsonPropertyName("tests")] IReadOnlyList<ClassroomTest> Tests);

/// <summary>Maps a <see cref="GradeReport"/> to the GitHub Classroom autograding result (<c>--classroom</c>).</summary>
internal static class ClassroomReportWriter
{
    public static ClassroomResult Map(GradeReport report, string root) => new(
        1,
        report.AllPassed ? "pass" : "fail",
        report.MaxPoints,
        report.Exercises.Select(e => new ClassroomTest(
            $"{e.Id} {e.Title}",
            e.Status switch
            {
                ExerciseStatus.Passed => "pass",
                ExerciseStatus.CompileError or ExerciseStatus.Crashed => "error",
                _ => "fail",
            },
            e.Points,
            TextSanitizer.Clean(e.Message),
            $"dotnet run --project grader -- --exercise {e.Id}",
            e.SourceFile is null ? "" : GradingRun.RelativeTo(e.SourceFile, root, root),
            e.SourceLine,
            e.DurationMs)).ToList());

    /// <summary>The result when grading could not run at all: still has max_score and tests, as the format requires.</summary>
    public static ClassroomResult Error(int maxScore, IReadOnlyList<(string Name, int MaxPoints)> exercises, string message) => new(
        1,
        "error",
        maxScore,
        exercises.Select(e => new ClassroomTest(e.Name, "error", 0, TextSanitizer.Clean(message), "", "", 0, 0)).ToList());

    public static string Encode(ClassroomResult result) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(result, ReportJsonContext.Default.ClassroomResult)));

    public static void Write(ClassroomResult result, string path) => ReportFiles.Write(path, Encode(result));
}
