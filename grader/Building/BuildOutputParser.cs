using System.Globalization;
using System.Text.RegularExpressions;

namespace Katas.Grader.Building;

/// <summary>Parses MSBuild console logger error lines (<c>-tl:off</c>) into <see cref="CompilerError"/>s.</summary>
internal static partial class BuildOutputParser
{
    // /abs/File.cs(12,5): error CS1002: ; expected [/abs/Project.csproj]
    // /abs/Project.csproj : error NU1101: Unable to find package X [/abs/Project.csproj]
    // MSBUILD : error MSB1009: Project file does not exist.
    [GeneratedRegex(@"^\s*(?<file>.*?)(?:\((?<line>\d+)(?:,(?<col>\d+))?(?:,\d+,\d+)?\))?\s*:\s*error\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<message>.*?)(?:\s+\[(?<project>[^\]]+)\])?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();

    public static IReadOnlyList<CompilerError> Parse(IEnumerable<string> lines)
    {
        var errors = new List<CompilerError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            if (!line.Contains("error", StringComparison.Ordinal))
            {
                continue;
            }

            Match match = ErrorLine().Match(line);
            if (!match.Success)
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
