using System.Text;
using System.Text.RegularExpressions;

namespace Katas.Grader.Reporting;

/// <summary>
/// Makes text that student code produced (exception messages, names) safe to print: ANSI escape
/// sequences and control characters removed, length and line count capped, and lines that a CI runner
/// would read as a command (<c>::error::</c>, <c>##[group]</c>) defused.
/// </summary>
internal static partial class TextSanitizer
{
    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)?|[@-Z\\-_])", RegexOptions.CultureInvariant)]
    private static partial Regex AnsiEscape();

    public static string Clean(string? text, int maxLength = 500, int maxLines = 12)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Length > maxLength * 4)
        {
            text = text[..(maxLength * 4)];
        }

        text = AnsiEscape().Replace(text, "");
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 16));
        int lines = 0;
        foreach (string rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (lines == maxLines)
            {
                builder.Append("\n...");
                break;
            }

            string line = StripControl(rawLine).TrimEnd();
            string trimmed = line.TrimStart();
            if (trimmed.StartsWith("::", StringComparison.Ordinal) || trimmed.StartsWith("##[", StringComparison.Ordinal))
            {
                line = "| " + line;
            }

            if (lines > 0)
            {
                builder.Append('\n');
            }

            builder.Append(line);
            lines++;
            if (builder.Length > maxLength)
            {
                break;
            }
        }

        string result = builder.ToString().TrimEnd();
        return result.Length > maxLength ? string.Concat(result.AsSpan(0, maxLength - 3).TrimEnd(), "...") : result;
    }

    /// <summary>The first line only, for one-line displays.</summary>
    public static string OneLine(string? text, int maxLength = 200)
    {
        string clean = Clean(text, maxLength * 2, maxLines: 3).Replace('\n', ' ');
        return clean.Length > maxLength ? string.Concat(clean.AsSpan(0, maxLength - 3).TrimEnd(), "...") : clean;
    }

    private static string StripControl(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (char c in line)
        {
            if (c == '\t')
            {
                builder.Append("    ");
            }
            else if (!char.IsControl(c) && c is not ('\u2028' or '\u2029' or '\uFEFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
