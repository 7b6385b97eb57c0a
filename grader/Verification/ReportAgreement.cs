using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Katas.Grader.Grading;
using Katas.Grader.Reporting;

namespace Katas.Grader.Verification;

/// <summary>
/// The grader end to end, inside <c>verify</c>: each side's report is written once in every format (console
/// text, JSON, Markdown, GitHub Classroom, Gradescope) into a folder, read back from the files, and the
/// totals compared; the solutions must get full marks and the stubs zero. This replaces grading both
/// sides a second time only to read the totals back.
/// </summary>
internal static partial class ReportAgreement
{
    [GeneratedRegex(@"^Total: (?<points>\d+)/(?<max>\d+) points", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ConsoleTotal();

    [GeneratedRegex(@"^## Katas: (?<points>\d+) / (?<max>\d+) points", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownTotal();

    /// <summary>Writes the reports of one side into <paramref name="directory"/> and checks them.</summary>
    public static IReadOnlyList<VerifyCheck> WriteAndCheck(GradeReport report, string directory, string root)
    {
        Directory.CreateDirectory(directory);
        string side = report.Side;
        string Path(string extension) => System.IO.Path.Combine(directory, $"grade-{side}.{extension}");

        var console = new StringWriter(CultureInfo.InvariantCulture);
        ConsoleReporter.Create(console, forcePlain: true).Report(report, root, root);
        ReportFiles.Write(Path("txt"), console.ToString());
        JsonReportWriter.Write(report, Path("json"));
        MarkdownReportWriter.Write(report, Path("md"));
        ClassroomReportWriter.Write(ClassroomReportWriter.Map(report, root), Path("classroom"));
        GradescopeReportWriter.Write(report, Path("gradescope.json"));

        var checks = new List<VerifyCheck>();
        bool solutions = side == "solutions";
        int expected = solutions ? report.MaxPoints : 0;
        bool marks = report.MaxPoints > 0 && report.Points == expected && report.AllPassed == solutions;
        checks.Add(new VerifyCheck($"grader on {side}/", marks,
            $"{N(report.Points)}/{N(report.MaxPoints)} points, exit code {(report.AllPassed ? 0 : 1).ToString(CultureInfo.InvariantCulture)}"
            + (marks ? "" : solutions ? "; the reference solutions must get full marks" : "; the stubs must get zero")));

        var totals = new List<(string Format, string? Total)>
        {
            ("console", Match(ConsoleTotal(), File.ReadAllText(Path("txt")))),
            ("JSON", Read(() =>
            {
                JsonNode json = JsonNode.Parse(File.ReadAllText(Path("json")))!;
                return $"{(int)json["points"]!}/{(int)json["maxPoints"]!}";
            })),
            ("Markdown", Match(MarkdownTotal(), File.ReadAllText(Path("md")))),
            ("Classroom", Read(() =>
            {
                JsonNode json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(File.ReadAllText(Path("classroom")))))!;
                int score = json["tests"]!.AsArray().Sum(t => (int)t!["score"]!);
                return $"{N(score)}/{N((int)json["max_score"]!)}";
            })),
            ("Gradescope", Read(() =>
            {
                JsonNode json = JsonNode.Parse(File.ReadAllText(Path("gradescope.json")))!;
                var tests = json["tests"]!.AsArray();
                int score = tests.Sum(t => (int)t!["score"]!);
                return (int)json["score"]! == score ? $"{N(score)}/{N(tests.Sum(t => (int)t!["max_score"]!))}" : $"score {(int)json["score"]!} but tests add up to {N(score)}";
            })),
        };
        string model = $"{N(report.Points)}/{N(report.MaxPoints)}";
        bool agree = totals.All(t => t.Total == model);
        checks.Add(new VerifyCheck($"grader on {side}/: every report agrees", agree,
            string.Join(", ", totals.Select(t => $"{t.Format} {t.Total ?? "none"}")) + $" (in {CourseRelative(root, directory)})"));
        return checks;
    }

    private static string? Match(Regex regex, string text) =>
        regex.Matches(text) is { Count: > 0 } matches ? $"{matches[^1].Groups["points"].Value}/{matches[^1].Groups["max"].Value}" : null;

    private static string? Read(Func<string> read)
    {
        try
        {
            return read();
        }
#pragma warning disable CA1031 // Whatever is wrong with a report file, the check says so and verify goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"unreadable ({e.GetType().Name})";
        }
    }

    private static string CourseRelative(string root, string path) => Discovery.CourseDiscovery.Relative(root, path);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
