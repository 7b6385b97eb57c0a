using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Katas.Grader.Building;
using Katas.Grader.Integrity;

namespace Katas.Grader.Classroom;

/// <summary>
/// <c>export-template DIR</c>: writes the student repository (the GitHub Classroom template) from the
/// instructor's checkout. Every tracked file is copied except what only instructors may see or need;
/// the Grade workflow is installed, the student README written, the instructor-only projects taken out
/// of Katas.sln, and <c>grader/test-hashes.json</c> rewritten for the test files that are left.
/// </summary>
/// <remarks>
/// The student repository has no <c>grader/hidden/</c>: its grader says the hidden tests are not
/// available there and grades the visible ones. The real grade always comes from the Grade workflow,
/// which uses the instructor's checkout (its tests, hidden tests and manifest), never the student's.
/// </remarks>
internal static partial class TemplateExporter
{
    /// <summary>Paths (files, or folders ending with /) that stay in the instructor's repository.</summary>
    public static readonly IReadOnlyList<string> InstructorOnly =
    [
        "solutions/",
        "grader/hidden/",
        "grader/mistakes/",
        "grader/tests/",
        "grader/bench/",
        "fixtures/grader/",
        ".ci/",
        ".github/workflows/ci.yml",
        ".github/classroom/",
        "CONTRIBUTING.md",
        "README.md",
    ];

    /// <summary>Folders a filesystem walk skips (when the root is not a git checkout).</summary>
    private static readonly string[] s_skippedFolders = ["artifacts", "bin", "obj", ".git", "node_modules", "TestResults", ".vs", ".idea"];

    private const string GradeWorkflowSource = ".github/classroom/grade.yml";
    private const string GradeWorkflowTarget = ".github/workflows/grade.yml";
    private const string StudentReadmeSource = ".github/classroom/README.student.md";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the template; returns the relative paths written, in order.</summary>
    public static async Task<IReadOnlyList<string>> ExportAsync(string root, string target, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        target = Path.GetFullPath(target);
        Directory.CreateDirectory(target);

        var written = new List<string>();
        foreach (string relative in await SourceFilesAsync(root, cancellationToken))
        {
            if (IsInstructorOnly(relative) || relative is "Katas.sln" or TestManifest.RelativePath)
            {
                continue;
            }

            string source = Path.Combine(root, relative);
            if (!File.Exists(source))
            {
                continue; // tracked but deleted in the working tree
            }

            Copy(source, Path.Combine(target, relative));
            written.Add(relative);
        }

        Copy(Path.Combine(root, GradeWorkflowSource), Path.Combine(target, GradeWorkflowTarget));
        written.Add(GradeWorkflowTarget);
        Copy(Path.Combine(root, StudentReadmeSource), Path.Combine(target, "README.md"));
        written.Add("README.md");

        string solution = Path.Combine(root, "Katas.sln");
        if (File.Exists(solution))
        {
            // Visual Studio writes .sln files with a byte order mark; keep it.
            File.WriteAllText(Path.Combine(target, "Katas.sln"), StudentSolution(await File.ReadAllTextAsync(solution, cancellationToken)), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            written.Add("Katas.sln");
        }

        if (TestManifest.Load(root) is { } manifest)
        {
            var left = manifest with { Files = manifest.Files.Where(f => !IsInstructorOnly(f.Path)).ToList() };
            Write(TestManifest.PathIn(target), left.ToJson());
            written.Add(TestManifest.RelativePath);
        }

        return written;
    }

    /// <summary>True for a path (relative, forward slashes) that must not reach students.</summary>
    public static bool IsInstructorOnly(string relative) =>
        InstructorOnly.Any(p => p.EndsWith('/') ? relative.StartsWith(p, StringComparison.Ordinal) : relative == p);

    /// <summary>
    /// Katas.sln without the projects under instructor-only folders, their configuration lines and
    /// solution folders left empty. Kept in the classic .sln format, line endings as they were.
    /// </summary>
    public static string StudentSolution(string text)
    {
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string[] lines = text.Split(newline);
        var removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines)
        {
            Match project = ProjectLine().Match(line);
            if (!project.Success)
            {
                continue;
            }

            string path = project.Groups["path"].Value.Replace('\\', '/');
            if (project.Groups["type"].Value.Equals("2150E333-8FDC-42A3-9474-1A3956D46DE8", StringComparison.OrdinalIgnoreCase))
            {
                folders.Add(project.Groups["guid"].Value);
            }
            else if (IsInstructorOnly(path))
            {
                removed.Add(project.Groups["guid"].Value);
            }
        }

        // A solution folder whose every child is removed goes too (solutions/ holds only solutions).
        var parents = lines.Select(l => NestedLine().Match(l)).Where(m => m.Success)
            .Select(m => (Child: m.Groups["child"].Value, Parent: m.Groups["parent"].Value)).ToList();
        foreach (string folder in folders)
        {
            var children = parents.Where(p => p.Parent.Equals(folder, StringComparison.OrdinalIgnoreCase)).ToList();
            if (children.Count > 0 && children.All(c => removed.Contains(c.Child)))
            {
                removed.Add(folder);
            }
        }

        var output = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match project = ProjectLine().Match(lines[i]);
            if (project.Success && removed.Contains(project.Groups["guid"].Value))
            {
                while (i < lines.Length && lines[i].Trim() != "EndProject")
                {
                    i++;
                }

                continue;
            }

            if (removed.Any(guid => lines[i].Contains(guid, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            output.Add(lines[i]);
        }

        return string.Join(newline, output);
    }

    /// <summary>Tracked files (git ls-files), or a walk of the folder when it is not a git checkout.</summary>
    public static async Task<IReadOnlyList<string>> SourceFilesAsync(string root, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")))
        {
            ProcessStartInfo startInfo = ChildProcess.StartInfo("git", ["-c", "core.quotepath=off", "ls-files", "-z"], root);

            try
            {
                using Process git = Process.Start(startInfo)!;
                Task<string> error = git.StandardError.ReadToEndAsync(cancellationToken);
                string listing = await git.StandardOutput.ReadToEndAsync(cancellationToken);
                await git.WaitForExitAsync(cancellationToken);
                await error;
                if (git.ExitCode == 0)
                {
                    return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No git here: walk the folder instead.
            }
        }

        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(r => !r.Split('/').SkipLast(1).Any(part => s_skippedFolders.Contains(part, StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        }
    }

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, s_utf8);
    }

    [GeneratedRegex("^Project\\(\"\\{(?<type>[0-9A-Fa-f-]+)\\}\"\\) = \"[^\"]*\", \"(?<path>[^\"]*)\", \"(?<guid>\\{[0-9A-Fa-f-]+\\})\"")]
    private static partial Regex ProjectLine();

    [GeneratedRegex("^\\s*(?<child>\\{[0-9A-Fa-f-]+\\}) = (?<parent>\\{[0-9A-Fa-f-]+\\})\\s*$")]
    private static partial Regex NestedLine();
}
