// Counts the tests of one `dotnet test` run from its CTRF reports (--report-ctrf, one JSON file per test
// program), so the CI reads counts from a machine-readable report, never from console text.
// Usage: dotnet run .ci/tools/test-counts.cs -- RESULTS_DIR [MAX_FAILED_SHOWN]
// Prints one line "passed=N failed=N skipped=N total=N reports=N", then one "failed NAME: MESSAGE" line per
// failed test (at most MAX_FAILED_SHOWN, default 40). Exit code 0 when at least one report was read, 1 when
// none was found or one could not be read (the line then says why).
using System.Text.Json;

if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.WriteLine($"error: no results folder {(args.Length > 0 ? args[0] : "(none given)")}");
    return 1;
}

int shown = args.Length > 1 && int.TryParse(args[1], out int max) ? max : 40;
int passed = 0, failed = 0, skipped = 0, total = 0, reports = 0;
var failures = new List<string>();
foreach (string file in Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".ctrf", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
{
    JsonDocument document;
    try
    {
        document = JsonDocument.Parse(File.ReadAllText(file));
    }
    catch (JsonException e)
    {
        Console.WriteLine($"error: {file} is not JSON: {e.Message}");
        return 1;
    }

    using (document)
    {
        // A CTRF report: {"results": {"tool": ..., "summary": {...}, "tests": [...]}}; other JSON files are not ours.
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("results", out JsonElement results)
            || !results.TryGetProperty("summary", out JsonElement summary))
        {
            continue;
        }

        reports++;
        passed += summary.GetProperty("passed").GetInt32();
        failed += summary.GetProperty("failed").GetInt32();
        skipped += summary.GetProperty("skipped").GetInt32() + summary.GetProperty("pending").GetInt32();
        total += summary.GetProperty("tests").GetInt32();
        if (results.TryGetProperty("tests", out JsonElement tests))
        {
            foreach (JsonElement test in tests.EnumerateArray().Where(t => t.GetProperty("status").GetString() is not ("passed" or "skipped" or "pending")))
            {
                string message = test.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
                string firstLine = message.Split('\n', 2)[0].Trim();
                failures.Add($"failed {test.GetProperty("name").GetString()}: {(firstLine.Length > 200 ? firstLine[..200] + "..." : firstLine)}");
            }
        }
    }
}

Console.WriteLine($"passed={passed} failed={failed} skipped={skipped} total={total} reports={reports}");
foreach (string line in failures.Take(shown))
{
    Console.WriteLine(line);
}

return reports > 0 ? 0 : 1;
