namespace Katas.Grader.Classroom;

/// <summary>
/// <c>gradescope-bundle DIR</c>: the autograder folder Gradescope runs (zip its contents and upload).
/// <c>setup.sh</c> installs the .NET SDK and warms the build; <c>run_autograder</c> grades
/// <c>/autograder/submission</c>'s exercises/ with the bundled copy of Katas in <c>katas/</c>, which
/// holds everything the grader needs (grader, visible and hidden tests, build settings) and no solutions.
/// </summary>
internal static class GradescopeBundler
{
    /// <summary>Paths (folders end with /) left out of the bundled copy: solutions and what grading does not need.</summary>
    public static readonly IReadOnlyList<string> LeftOut =
    [
        "solutions/",
        "grader/tests/",
        "grader/bench/",
        "fixtures/grader/",
        ".ci/",
        ".github/",
        ".devcontainer/",
        "CONTRIBUTING.md",
    ];

    public static async Task<IReadOnlyList<string>> BundleAsync(string root, string target, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        target = Path.GetFullPath(target);
        var written = new List<string>();
        foreach (string relative in await TemplateExporter.SourceFilesAsync(root, cancellationToken))
        {
            if (LeftOut.Any(p => p.EndsWith('/') ? relative.StartsWith(p, StringComparison.Ordinal) : relative == p)
                || !File.Exists(Path.Combine(root, relative)))
            {
                continue;
            }

            TemplateExporter.Copy(Path.Combine(root, relative), Path.Combine(target, "katas", relative));
            written.Add("katas/" + relative);
        }

        foreach (string script in (string[])["setup.sh", "run_autograder"])
        {
            using Stream resource = typeof(GradescopeBundler).Assembly.GetManifestResourceStream("gradescope/" + script)
                ?? throw new InvalidOperationException($"the grader was built without its {script}");
            string path = Path.Combine(target, script);
            await using (FileStream file = File.Create(path))
            {
                await resource.CopyToAsync(file, cancellationToken);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            written.Add(script);
        }

        return written;
    }
}
