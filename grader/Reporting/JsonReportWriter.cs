using System.Text.Json;
using System.Text.Json.Serialization;
using Katas.Grader.Grading;

namespace Katas.Grader.Reporting;

/// <summary>One exercise in <c>--json</c> output (schema: grader/results.schema.json).</summary>
internal sealed record JsonExercise(string Id, string Title, string Module, string Status, int Points, int MaxPoints, string Message, long DurationMs);

/// <summary>The <c>--json</c> document. <see cref="Isolation"/> is written only when --isolate-network was asked for.</summary>
internal sealed record JsonReport(
    int Points,
    int MaxPoints,
    IReadOnlyList<JsonExercise> Exercises,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Isolation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? IgnoredFiles = null);

/// <summary>Maps a <see cref="GradeReport"/> to the machine-readable JSON report.</summary>
internal static class JsonReportWriter
{
    public static JsonReport Map(GradeReport report) => new(
        report.Points,
        report.MaxPoints,
        report.Exercises.Select(e => new JsonExercise(e.Id, e.Title, e.Module, StatusNames.Of(e.Status), e.Points, e.MaxPoints, TextSanitizer.Clean(e.Message), e.DurationMs)).ToList(),
        report.Isolation,
        report.IgnoredFiles.Count > 0 ? report.IgnoredFiles.Select(f => TextSanitizer.Clean(f)).ToList() : null);

    public static string Serialize(GradeReport report) =>
        JsonSerializer.Serialize(Map(report), ReportJsonContext.Default.JsonReport).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    public static void Write(GradeReport report, string path) => ReportFiles.Write(path, Serialize(report));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(JsonReport))]
[JsonSerializable(typeof(ClassroomResult))]
[JsonSerializable(typeof(GradescopeResult))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
