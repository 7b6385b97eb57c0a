// Checks the reports of one grading run of the Grade workflow's grading step (.ci/classroom-e2e.sh).
// Run as a file-based app: dotnet run .ci/tools/check-results.cs -- RESULTS_JSON CLASSROOM_DECODED GRADESCOPE_JSON EDITED_ID DELETED_ID [IGNORED_FILE]
// Prints one "ok"/"FAIL" line per check; the exit code is the number of failed checks.
using System.Text.Json;

int failed = 0;
void Check(bool ok, string label)
{
    Console.WriteLine((ok ? "ok    " : "FAIL  ") + label);
    failed += ok ? 0 : 1;
}

using JsonDocument results = JsonDocument.Parse(File.ReadAllText(args[0]));
using JsonDocument classroom = JsonDocument.Parse(File.ReadAllText(args[1]));
using JsonDocument gradescope = JsonDocument.Parse(File.ReadAllText(args[2]));
string edited = args[3];
string deleted = args[4];
string? ignored = args.Length > 5 ? args[5] : null;

JsonElement r = results.RootElement;
int points = r.GetProperty("points").GetInt32();
int maxPoints = r.GetProperty("maxPoints").GetInt32();
JsonElement[] exercises = [.. r.GetProperty("exercises").EnumerateArray()];
Check(points == 0 && maxPoints > 0, $"results.json: {points} of {maxPoints} points (stubs earn 0)");
Check(exercises.Length > 0 && exercises.Sum(e => e.GetProperty("maxPoints").GetInt32()) == maxPoints, $"results.json: {exercises.Length} exercises whose maxPoints add up to {maxPoints}");
Check(r.TryGetProperty("isolation", out JsonElement isolation) && isolation.GetString()!.Length > 0, $"results.json: isolation is reported ({(r.TryGetProperty("isolation", out JsonElement i) ? i.GetString() : "missing")})");
if (ignored is not null)
{
    string[] ignoredFiles = r.TryGetProperty("ignoredFiles", out JsonElement files) ? [.. files.EnumerateArray().Select(f => f.GetString() ?? "")] : [];
    Check(ignoredFiles.Contains(ignored), $"results.json: the student's {ignored} is listed as not graded (ignoredFiles: {string.Join(", ", ignoredFiles)})");
}

foreach ((string id, string what) in new[] { (edited, "edited"), (deleted, "deleted") })
{
    JsonElement? exercise = exercises.Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("id").GetString() == id);
    string status = exercise?.GetProperty("status").GetString() ?? "missing";
    Check(status == "failed", $"results.json: exercise {id}, whose test file the student {what}, is graded with the instructor's tests: {status} (expected failed)");
}

JsonElement c = classroom.RootElement;
Check(c.GetProperty("version").GetInt32() == 1, "classroom result: version 1");
Check(c.GetProperty("status").GetString() == "fail", $"classroom result: status {c.GetProperty("status").GetString()} (expected fail)");
Check(c.GetProperty("max_score").GetInt32() == maxPoints, $"classroom result: max_score {c.GetProperty("max_score").GetInt32()} = maxPoints {maxPoints}");
JsonElement[] tests = [.. c.GetProperty("tests").EnumerateArray()];
Check(tests.Length == exercises.Length, $"classroom result: {tests.Length} tests, one per exercise ({exercises.Length})");
string[] required = ["name", "status", "score", "message", "test_code", "filename", "line_no", "duration"];
var missing = tests.SelectMany(t => required.Where(f => !t.TryGetProperty(f, out _)).Select(f => $"{t.GetProperty("name")}: {f}")).ToList();
Check(missing.Count == 0, "classroom result: every test has " + string.Join(", ", required) + (missing.Count > 0 ? " (missing " + string.Join("; ", missing) + ")" : ""));
Check(tests.All(t => t.GetProperty("score").GetInt32() == 0 && t.GetProperty("status").GetString() is "fail" or "error"), "classroom result: every test scored 0 and not passed");

JsonElement g = gradescope.RootElement;
Check(g.TryGetProperty("score", out JsonElement score) && score.GetInt32() == 0, "gradescope.json: score 0");
JsonElement[] gradescopeTests = g.TryGetProperty("tests", out JsonElement gt) ? [.. gt.EnumerateArray()] : [];
Check(gradescopeTests.Count(t => t.GetProperty("visibility").GetString() == "visible") == exercises.Length, $"gradescope.json: one visible scored test per exercise ({gradescopeTests.Length} tests in all)");
Check(gradescopeTests.Where(t => t.GetProperty("name").GetString()!.EndsWith("hidden tests", StringComparison.Ordinal)).All(t => t.GetProperty("visibility").GetString() == "after_due_date"), "gradescope.json: hidden test details are visible after the due date");

return failed;
