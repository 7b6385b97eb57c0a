using System.Text;

namespace Katas.Grader.Reporting;

/// <summary>Writes report files (UTF-8 without BOM, folders created as needed).</summary>
internal static class ReportFiles
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string content)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, s_utf8);
    }

    public static void Append(string path, string content) => File.AppendAllText(Path.GetFullPath(path), content, s_utf8);
}
