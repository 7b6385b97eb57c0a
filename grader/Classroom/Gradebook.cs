using System.Globalization;
using System.Text;
using System.Text.Json;
using Katas.Grader.Discovery;

namespace Katas.Grader.Classroom;

/// <summary>One student's graded results, as read from a <c>--json</c> results file.</summary>
internal sealed record StudentResults(string Student, string File, int Points, int MaxPoints, IReadOnlyDictionary<string, int> ExercisePoints);

/// <summary>
/// <c>gradebook RESULTS...</c>: many students' JSON results in one CSV, one row per student, one column
/// per exercise id (the points earned), then total and max.
/// </summary>
/// <remarks>
/// A student's name is the name of the folder the results file is in (<c>downloads/alice/results.json</c>
/// is alice: how downloaded workflow artifacts are laid out), except when that folder is the folder all
/// the given files share: then it is the file name without its extension (<c>downloads/alice.json</c> is
/// alice). Rows are sorted by student name (ordinal, case-insensitive first); numbers are written with
/// the invariant culture; fields are quoted as RFC 4180 says, lines end with CRLF.
/// </remarks>
internal static class Gradebook
{
    /// <summary>The name of each file's student (see the remarks), keyed by the file's full path.</summary>
    public static IReadOnlyDictionary<string, string> StudentNames(IReadOnlyList<string> files)
    {
        var full = files.Select(Path.GetFullPath).ToList();
        string? common = CommonFolder(full.Select(f => Path.GetDirectoryName(f)!).ToList());
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in full)
        {
            string folder = Path.GetDirectoryName(file)!;
            names[file] = string.Equals(folder, common, StringComparison.Ordinal)
                ? Path.GetFileNameWithoutExtension(file)
                : Path.GetFileName(folder);
        }

        // Two files that would give the same name keep their path below the common folder instead.
        foreach (IGrouping<string, string> clash in names.GroupBy(p => p.Value, p => p.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList())
        {
            foreach (string file in clash)
            {
                string relative = common is null ? file : Path.GetRelativePath(common, file);
                names[file] = Path.ChangeExtension(relative, null).Replace('\\', '/');
            }
        }

        return names;
    }

    /// <summary>Reads one results file; throws <see cref="InvalidDataException"/> with the reason when it is not one.</summary>
    public static StudentResults Read(string file, string student)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file));
            JsonElement root = json.RootElement;
            int points = root.GetProperty("points").GetInt32();
            int maxPoints = root.GetProperty("maxPoints").GetInt32();
            var exercises = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (JsonElement exercise in root.GetProperty("exercises").EnumerateArray())
            {
                string id = exercise.GetProperty("id").GetString() ?? throw new InvalidDataException("an exercise has no id");
                exercises[id] = exercise.GetProperty("points").GetInt32();
            }

            return new StudentResults(student, file, points, maxPoints, exercises);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{file}: not a Katas results file ({e.Message})", e);
        }
    }

    /// <summary>The CSV: header <c>student,&lt;ids...&gt;,total,max</c>, one row per student sorted by name.</summary>
    public static string ToCsv(IEnumerable<StudentResults> students)
    {
        var rows = students
            .OrderBy(s => s.Student, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Student, StringComparer.Ordinal)
            .ToList();
        var ids = rows.SelectMany(s => s.ExercisePoints.Keys).Distinct(StringComparer.Ordinal).Order(ExerciseId.Comparer).ToList();
        var csv = new StringBuilder();
        Line(csv, ["student", .. ids, "total", "max"]);
        foreach (StudentResults s in rows)
        {
            var cells = new List<string> { s.Student };
            cells.AddRange(ids.Select(id => s.ExercisePoints.TryGetValue(id, out int points) ? Number(points) : ""));
            cells.Add(Number(s.Points));
            cells.Add(Number(s.MaxPoints));
            Line(csv, cells);
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.Append(string.Join(',', cells.Select(Field))).Append("\r\n");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? CommonFolder(List<string> folders)
    {
        if (folders.Count == 0)
        {
            return null;
        }

        string common = folders[0];
        foreach (string folder in folders.Skip(1))
        {
            while (!string.Equals(folder, common, StringComparison.Ordinal) && !folder.StartsWith(Path.TrimEndingDirectorySeparator(common) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                string? parent = Path.GetDirectoryName(common);
                if (parent is null)
                {
                    return common;
                }

                common = parent;
            }
        }

        return common;
    }
}
