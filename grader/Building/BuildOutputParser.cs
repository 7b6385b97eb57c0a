using System.Globalization;
using System.Text.RegularExpressions;

namespace Katas.Grader.Building;

/// <summary>Parses MSBuild console logger error (or warning) lines (<c>-tl:off</c>) into <see cref="CompilerError"/>s.</summary>
internal static partial class BuildOutputParser
{
    // /abs/File.cs(12,5): error CS1002: ; expected [/abs/Project.csproj]
    // /abs/Project.csproj : error NU1101: Unable to find package X [/abs/Project.csproj]
    // MSBUILD : error MSB1009: Project file does not exist.
    [GeneratedRegex(@"^\s*(?<file>.*?)(?:\((?<line>\d+)(?:,(?<col>\d+))?(?:,\d+,\d+)?\))?\s*:\s*(?<severity>error|warning)\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<message>.*?)(?:\s+\[(?<project>[^\]]+)\])?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    public static IReadOnlyList<CompilerError> Parse(IEnumerable<string> lines) => Parse(lines, "error");

    /// <summary>The warning lines: in a student's library they cost nothing, but the report shows them.</summary>
    public static IReadOnlyList<CompilerError> ParseWarnings(IEnumerable<string> lines) => Parse(lines, "warning");

    private static List<CompilerError> Parse(IEnumerable<string> lines, string severity)
    {
        var errors = new List<CompilerError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            if (!line.Contains(severity, StringComparison.Ordinal))
            {
                continue;
            }

            Match match = ErrorLine().Match(line);
            if (!match.Success || match.Groups["severity"].Value != severity)
            {
                continue;
            }

            var error = new CompilerError(
                match.Groups["file"].Value.Trim(),
                ParseInt(match.Groups["line"].Value),
                ParseInt(match.Groups["col"].Value),
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim(),
                match.Groups["project"].Value.Trim());
            if (seen.Add($"{error.File}|{error.Line}|{error.Column}|{error.Code}|{error.Message}|{error.Project}"))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : 0;
}
