using System.Text.Json;
using System.Text.RegularExpressions;

namespace Katas.Grader.Running;

/// <summary>
/// Turns lines of xunit's JSON reporter into <see cref="XunitMessage"/>s, tolerating what student code can
/// do to the stream: foreign text before a message on the same line (a Write without newline), lines that
/// are not JSON at all, and messages cut short by the line cap (their leading fields are still recovered).
/// </summary>
internal static partial class XunitJsonParser
{
    private const string TypeMarker = "{\"$type\":\"";

    [GeneratedRegex("\"(?<name>\\$type|TestUniqueID|TestCaseUniqueID|TestMethodUniqueID|TestClassUniqueID|TestClassName|TestMethodName|MethodName|TestDisplayName|Cause)\":\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex StringField();

    [GeneratedRegex("\"ExecutionTime\":(?<value>[0-9.eE+-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutionTimeField();

    public static XunitMessage? Parse(OutputLine line)
    {
        string text = line.Text;
        int start = text.LastIndexOf(TypeMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        // Usually 0; later when the student wrote to stdout without a line break just before.
        // LastIndexOf: a message can only follow foreign text, and xunit escapes quotes inside its strings,
        // so the marker can't appear inside a message of its own.
        text = text[start..];
        if (!line.Truncated)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return FromJson(document.RootElement);
            }
            catch (JsonException)
            {
                // Fall through: read what the regular expression can recover.
            }
        }

        return Salvage(text, line.Tail);
    }

    private static XunitMessage? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || String(root, "$type") is not { } type)
        {
            return null;
        }

        return new XunitMessage
        {
            Type = type,
            TestUniqueId = String(root, "TestUniqueID"),
            TestCaseUniqueId = String(root, "TestCaseUniqueID"),
            TestMethodUniqueId = String(root, "TestMethodUniqueID"),
            TestClassUniqueId = String(root, "TestClassUniqueID"),
            TestClassName = String(root, "TestClassName"),
            TestMethodName = String(root, "TestMethodName") ?? String(root, "MethodName"),
            DisplayName = String(root, "TestDisplayName") ?? String(root, "TestCaseDisplayName"),
            SourceLine = root.TryGetProperty("SourceLineNumber", out JsonElement line) && line.ValueKind == JsonValueKind.Number && line.TryGetInt32(out int number) ? number : null,
            ExecutionTime = root.TryGetProperty("ExecutionTime", out JsonElement time) && time.ValueKind == JsonValueKind.Number ? time.GetDouble() : null,
            Cause = String(root, "Cause"),
            TestsTotal = root.TryGetProperty("TestsTotal", out JsonElement total) && total.ValueKind == JsonValueKind.Number && total.TryGetInt32(out int count) ? count : null,
            Messages = Strings(root, "Messages"),
            ExceptionTypes = Strings(root, "ExceptionTypes"),
            StackTraces = Strings(root, "StackTraces"),
            Text = String(root, "Reason") ?? String(root, "Output") ?? String(root, "Message"),
        };
    }

    private static XunitMessage? Salvage(string text, string tail)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in StringField().Matches(text))
        {
            fields.TryAdd(match.Groups["name"].Value, Unescape(match.Groups["value"].Value));
        }

        if (!fields.TryGetValue("$type", out string? type))
        {
            return null;
        }

        return new XunitMessage
        {
            Type = type,
            TestUniqueId = fields.GetValueOrDefault("TestUniqueID"),
            TestCaseUniqueId = fields.GetValueOrDefault("TestCaseUniqueID"),
            TestMethodUniqueId = fields.GetValueOrDefault("TestMethodUniqueID"),
            TestClassUniqueId = fields.GetValueOrDefault("TestClassUniqueID"),
            TestClassName = fields.GetValueOrDefault("TestClassName"),
            TestMethodName = fields.GetValueOrDefault("TestMethodName") ?? fields.GetValueOrDefault("MethodName"),
            DisplayName = fields.GetValueOrDefault("TestDisplayName"),
            ExecutionTime = ExecutionTimeField().Match(text) is { Success: true } time
                && double.TryParse(time.Groups["value"].ValueSpan, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
                    ? seconds
                    : null,
            Cause = fields.GetValueOrDefault("Cause") ?? TailField(tail, "Cause"),
            Messages = TailArray(tail, "Messages"),
            ExceptionTypes = TailArray(tail, "ExceptionTypes"),
            Truncated = true,
        };
    }

    /// <summary>A string field from the end of a cut line (the head had the ids, the tail has the verdict).</summary>
    private static string? TailField(string tail, string name)
    {
        Match match = Regex.Match(tail, "\"" + name + "\":\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant);
        return match.Success ? Unescape(match.Groups["value"].Value) : null;
    }

    /// <summary>The strings of an array field from the end of a cut line, when it is there whole.</summary>
    private static string[] TailArray(string tail, string name)
    {
        int start = tail.LastIndexOf("\"" + name + "\":[", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        int open = tail.IndexOf('[', start);
        try
        {
            using var document = JsonDocument.Parse(tail[open..FindArrayEnd(tail, open)]);
            return document.RootElement.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "").ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Index just past the ']' closing the array that opens at <paramref name="open"/> (strings skipped).</summary>
    private static int FindArrayEnd(string text, int open)
    {
        bool inString = false;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == ']')
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static string Unescape(string value)
    {
        try
        {
            return JsonSerializer.Deserialize("\"" + value + "\"", RunningJsonContext.Default.String) ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "").ToArray()
            : [];
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class RunningJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
