namespace Katas.Grader.Building;

/// <summary>
/// The tree a student's work is graded in: the instructor's <c>exercises/</c> with only the student's
/// own source files laid over it. A student owns the <c>.cs</c> files of a module's folder (not its
/// <c>Tests/</c> or <c>Benchmarks/</c>); any other file of theirs that differs from the instructor's
/// (a project file, a <c>Directory.Build.props</c>, a <c>.targets</c>, an <c>.editorconfig</c>, a symbolic
/// link, a <c>.cs</c> outside a module) is left out and listed in <see cref="Ignored"/>, so no MSBuild logic
/// or build setting of the student's ever runs.
/// </summary>
/// <param name="SourceRoot">The assembled tree (the KataSourceRoot of the build); ends with a separator.</param>
/// <param name="Ignored">The student's files that were left out, relative to their <c>exercises/</c>, in ordinal order.</param>
internal sealed record GradedTree(string SourceRoot, IReadOnlyList<string> Ignored)
{
    /// <summary>Folders of a module that belong to the instructor, and build output that belongs to no one.</summary>
    private static readonly HashSet<string> s_notStudentFolders = new(["Tests", "Benchmarks", "bin", "obj"], StringComparer.Ordinal);

    /// <summary>
    /// Lays <paramref name="studentExercises"/> over <paramref name="instructorExercises"/> in
    /// <paramref name="destination"/>. Files whose content is already in place are left alone, so an
    /// unchanged file keeps its timestamp and the next build stays incremental.
    /// </summary>
    public static GradedTree Assemble(string instructorExercises, string studentExercises, string destination)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Files(instructorExercises))
        {
            wanted[Relative(instructorExercises, file)] = file;
        }

        var ignored = new List<string>();
        foreach (string file in Files(studentExercises))
        {
            string relative = Relative(studentExercises, file);
            if (IsStudentSource(instructorExercises, relative) && !new FileInfo(file).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                wanted[relative] = file;
            }
            else if (!wanted.TryGetValue(relative, out string? instructors) || !SameContent(file, instructors))
            {
                ignored.Add(relative);
            }
        }

        Directory.CreateDirectory(destination);
        foreach (string stale in Files(destination).Where(f => !wanted.ContainsKey(Relative(destination, f))))
        {
            File.Delete(stale);
        }

        foreach ((string relative, string source) in wanted)
        {
            string target = Path.Combine(destination, relative);
            if (!File.Exists(target) || !SameContent(source, target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                // Written, not copied: a copy keeps the source's timestamp, and MSBuild could think its
                // output newer than the new source and skip the build.
                File.WriteAllBytes(target, File.ReadAllBytes(source));
            }
        }

        ignored.Sort(StringComparer.Ordinal);
        return new GradedTree(Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination)) + Path.DirectorySeparatorChar, ignored);
    }

    /// <summary>
    /// A student's file: a <c>.cs</c> file inside a module folder the instructor has (<c>NN-name/</c>),
    /// at any depth, but not in its tests, benchmarks or build output.
    /// </summary>
    internal static bool IsStudentSource(string instructorExercises, string relative)
    {
        string[] parts = relative.Split('/');
        return parts.Length >= 2
            && parts[^1].EndsWith(".cs", StringComparison.Ordinal)
            && Directory.Exists(Path.Combine(instructorExercises, parts[0]))
            && !parts[1..^1].Any(s_notStudentFolders.Contains);
    }

    /// <summary>Every regular file and symbolic link below <paramref name="root"/>, without following links or entering build output.</summary>
    internal static IEnumerable<string> Files(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var pending = new Stack<string>([root]);
        while (pending.TryPop(out string? folder))
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
            {
                var info = new FileInfo(entry);
                bool link = info.Attributes.HasFlag(FileAttributes.ReparsePoint);
                if (info.Attributes.HasFlag(FileAttributes.Directory) && !link)
                {
                    if (Path.GetFileName(entry) is not ("bin" or "obj" or ".git"))
                    {
                        pending.Push(entry);
                    }
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    /// <summary>True when both are regular files with the same bytes (a symbolic link is never the same).</summary>
    internal static bool SameContent(string a, string b)
    {
        var left = new FileInfo(a);
        var right = new FileInfo(b);
        if (left.Attributes.HasFlag(FileAttributes.ReparsePoint) || right.Attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return false;
        }

        return left.Length == right.Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }
}
