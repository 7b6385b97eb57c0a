using System.Diagnostics;
using System.Text;
using Katas.Grader.Discovery;
using Katas.Grader.Isolation;

namespace Katas.Grader.Building;

/// <summary>
/// Builds the test projects of every selected module in ONE <c>dotnet build</c> of a generated solution
/// file: each separate build invocation costs seconds of start-up, while MSBuild builds independent
/// projects in parallel and carries on past a project that fails. Which modules failed is then read
/// from the error lines (<c>file(line,col): error CODE: message [project]</c>).
/// </summary>
internal static class ModuleBuilder
{
    public static Task<BuildOutcome> BuildAsync(BuildSettings settings, IReadOnlyList<Module> modules, CancellationToken cancellationToken) =>
        BuildAsync(settings, modules, tuning: null, cancellationToken);

    /// <summary>The same, with <paramref name="tuning"/>'s extra arguments, environment and solution name (the watch loop's fast rebuilds).</summary>
    public static async Task<BuildOutcome> BuildAsync(BuildSettings settings, IReadOnlyList<Module> modules, BuildTuning? tuning, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var projects = modules.SelectMany(m => m.Projects).ToList();
        if (projects.Count == 0)
        {
            return new BuildOutcome(new Dictionary<string, IReadOnlyList<CompilerError>>(), stopwatch.Elapsed, null);
        }

        string solutionDir = Path.Combine(settings.ArtifactsRoot, "grader");
        Directory.CreateDirectory(solutionDir);
        string solution = Path.Combine(solutionDir, $"{tuning?.SolutionName ?? "grade"}-{settings.Side}.slnx");
        await File.WriteAllTextAsync(solution, SolutionText(projects), cancellationToken);

        var arguments = new List<string>
        {
            "build", solution, "-nologo", "-tl:off", "-v:q", "-clp:NoSummary",
            "-p:GenerateFullPaths=true", $"-p:KataSource={settings.Side}",
        };
        if (settings.PassSourceRoot)
        {
            arguments.Add($"-p:KataSourceRoot={settings.SourceRoot}");
        }

        if (settings.PassArtifactsRoot)
        {
            arguments.Add($"-p:KatasArtifacts={settings.ArtifactsRoot}");
        }

        bool restore = settings.Restore && !RestoreIsCurrent(settings, modules);
        var output = new List<string>();
        int exitCode;
        if (settings.Isolation is { Active: true, Network: true } isolation)
        {
            exitCode = await BuildIsolatedAsync(settings, restore, arguments, isolation, output, cancellationToken);
        }
        else
        {
            if (!restore)
            {
                arguments.Add("--no-restore");
            }

            // The watch loop's tuning (build servers kept alive between saves); never with isolation.
            arguments.AddRange(tuning?.ExtraArguments ?? []);
            exitCode = await ChildProcess.RunAsync("dotnet", arguments, settings.Root, output, tuning?.Environment, cancellationToken);
        }
        IReadOnlyList<CompilerError> errors = BuildOutputParser.Parse(output);

        var failed = new Dictionary<string, List<CompilerError>>(StringComparer.Ordinal);
        var general = new List<CompilerError>();
        foreach (CompilerError error in errors)
        {
            string? module = ModuleOf(error, modules, settings);
            if (module is null)
            {
                general.Add(error);
            }
            else
            {
                Add(failed, module, error);
            }
        }

        string? generalFailure = null;
        if (general.Count > 0 || (exitCode != 0 && errors.Count == 0))
        {
            generalFailure = general.Count > 0
                ? "the build failed outside any module"
                : $"dotnet build exited with code {exitCode}: {LastLines(output, 5)}";
            foreach (Module module in modules)
            {
                foreach (CompilerError error in general)
                {
                    Add(failed, module.Name, error);
                }

                if (general.Count == 0)
                {
                    Add(failed, module.Name, new CompilerError("", 0, 0, "BUILD", generalFailure, ""));
                }
            }
        }

        // A project that reported no error but left no program behind still cannot be run.
        foreach (Module module in modules.Where(m => !failed.ContainsKey(m.Name)))
        {
            foreach (TestProject project in module.Projects)
            {
                string dll = Path.Combine(settings.OutputDirectory(project.Name), project.Name + ".dll");
                if (!File.Exists(dll))
                {
                    Add(failed, module.Name, new CompilerError(project.ProjectPath, 0, 0, "BUILD", $"the build produced no {project.Name}.dll (dotnet build exited with code {exitCode})", project.ProjectPath));
                }
            }
        }

        var warnings = new Dictionary<string, List<CompilerError>>(StringComparer.Ordinal);
        foreach (CompilerError warning in BuildOutputParser.ParseWarnings(output))
        {
            if (modules.FirstOrDefault(m => IsIn(warning.File, module: m, settings)) is { } module)
            {
                Add(warnings, module.Name, warning);
            }
        }

        return new BuildOutcome(
            failed.ToDictionary(p => p.Key, p => (IReadOnlyList<CompilerError>)p.Value, StringComparer.Ordinal),
            stopwatch.Elapsed,
            generalFailure)
        {
            Warnings = warnings.ToDictionary(p => p.Key, p => (IReadOnlyList<CompilerError>)p.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Restores with the network on (NuGet needs it), then builds in the network namespace without
    /// restoring. Inside, no build server may be reused: MSBuild nodes and the compiler server are
    /// reached through Unix sockets in the file system, which a network namespace does not cut, so a
    /// server started outside would run the student's targets and analyzers with the network on.
    /// </summary>
    private static async Task<int> BuildIsolatedAsync(BuildSettings settings, bool restore, List<string> arguments, Sandbox isolation, List<string> output, CancellationToken cancellationToken)
    {
        if (restore)
        {
            var restoreArguments = new List<string>(arguments) { "--disable-build-servers" };
            restoreArguments[0] = "restore";
            int restored = await ChildProcess.RunAsync("dotnet", restoreArguments, settings.Root, output, cancellationToken);
            if (restored != 0)
            {
                return restored;
            }
        }

        arguments.AddRange(["--no-restore", "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false"]);
        return await ChildProcess.RunAsync("dotnet", arguments, settings.Root, output, cancellationToken, isolation);
    }

    /// <summary>
    /// True when every project of the build already has a restore result newer than everything that
    /// decides it (its project file, the central package versions, the build props and targets), so
    /// the restore pass, seconds on a small machine, can be skipped. The projects are the ones the build
    /// restores: the test projects and every project they reference, at any depth (Module 4's
    /// Generators/ and CodeFixes/, Module 5's library and whatever a host project references), plus
    /// Katas.Testing. Only for the checkout's own exercises or solutions: another checkout's library may
    /// restore anywhere.
    /// </summary>
    internal static bool RestoreIsCurrent(BuildSettings settings, IReadOnlyList<Module> modules)
    {
        if (settings.PassSourceRoot || settings.PassArtifactsRoot)
        {
            return false;
        }

        DateTime newestShared = InstructorFiles.BuildSettings.Select(f => Path.Combine(settings.Root, f)).Where(File.Exists).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
        var projects = new List<string> { Path.Combine(settings.Root, "grader", "Katas.Testing", "Katas.Testing.csproj") };
        foreach (Module module in modules)
        {
            foreach (TestProject project in module.Projects)
            {
                if (ProjectClosure(project.ProjectPath, settings) is not { } closure)
                {
                    return false;
                }

                projects.AddRange(closure);
            }
        }

        foreach (string projectFile in projects.Distinct(StringComparer.Ordinal))
        {
            string assets = Path.Combine(settings.ArtifactsRoot, ArtifactsSide(projectFile, settings), "obj", Path.GetFileNameWithoutExtension(projectFile), "project.assets.json");
            if (!File.Exists(projectFile) || !File.Exists(assets))
            {
                return false;
            }

            DateTime restored = File.GetLastWriteTimeUtc(assets);
            if (restored <= newestShared || restored <= File.GetLastWriteTimeUtc(projectFile))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <paramref name="projectFile"/> and every project it references (<c>ProjectReference Include</c>, at any
    /// depth, conditions ignored, so possibly more than MSBuild restores). Null when a reference cannot be
    /// resolved without MSBuild (an unknown property, a wildcard): then only a restore can tell.
    /// </summary>
    internal static IReadOnlyList<string>? ProjectClosure(string projectFile, BuildSettings settings)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectFile)]);
        while (pending.TryPop(out string? project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            found.Add(project);
            if (!File.Exists(project))
            {
                continue;
            }

            System.Xml.Linq.XDocument document;
            try
            {
                document = System.Xml.Linq.XDocument.Load(project);
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }

            string directory = Path.GetDirectoryName(project)! + Path.DirectorySeparatorChar;
            foreach (System.Xml.Linq.XElement reference in document.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                string? include = reference.Attribute("Include")?.Value;
                if (include is null)
                {
                    continue;
                }

                string resolved = include
                    .Replace("$(KataSourceRoot)", settings.SourceRoot, StringComparison.Ordinal)
                    .Replace("$(KatasRoot)", EnsureSeparator(settings.Root), StringComparison.Ordinal)
                    .Replace("$(MSBuildThisFileDirectory)", directory, StringComparison.Ordinal)
                    .Replace("$(MSBuildProjectDirectory)", directory, StringComparison.Ordinal)
                    .Replace('\\', Path.DirectorySeparatorChar);
                if (resolved.Contains("$(", StringComparison.Ordinal) || resolved.Contains(';', StringComparison.Ordinal) || resolved.Contains('*', StringComparison.Ordinal))
                {
                    return null;
                }

                pending.Push(Path.GetFullPath(Path.Combine(directory, resolved)));
            }
        }

        return found;
    }

    /// <summary>Which artifacts subtree a project builds into (Directory.Build.props, ArtifactsPath).</summary>
    private static string ArtifactsSide(string projectFile, BuildSettings settings)
    {
        string relative = Path.GetRelativePath(settings.Root, Path.GetDirectoryName(projectFile)!).Replace('\\', '/') + "/";
        string name = Path.GetFileNameWithoutExtension(projectFile);
        bool test = (relative.StartsWith("exercises/", StringComparison.Ordinal) || relative.StartsWith("grader/hidden/", StringComparison.Ordinal))
            && (name.EndsWith(".Tests", StringComparison.Ordinal) || name.EndsWith(".HiddenTests", StringComparison.Ordinal) || name.EndsWith(".Benchmarks", StringComparison.Ordinal));
        return test ? settings.Side
            : relative.StartsWith("exercises/", StringComparison.Ordinal) ? "exercises"
            : relative.StartsWith("solutions/", StringComparison.Ordinal) ? "solutions"
            : "tools";
    }

    private static void Add(Dictionary<string, List<CompilerError>> failed, string module, CompilerError error)
    {
        if (!failed.TryGetValue(module, out List<CompilerError>? list))
        {
            failed[module] = list = [];
        }

        list.Add(error);
    }

    /// <summary>The module an error belongs to: by its test project, or by the library folder its file or project is in.</summary>
    private static string? ModuleOf(CompilerError error, IReadOnlyList<Module> modules, BuildSettings settings)
    {
        foreach (Module module in modules)
        {
            if (module.Projects.Any(p => SamePath(p.ProjectPath, error.Project)))
            {
                return module.Name;
            }

            string libraryDir = EnsureSeparator(Path.GetFullPath(module.LibraryDirectory(settings.SourceRoot)));
            string[] testDirs = module.Projects.Select(p => EnsureSeparator(p.Directory)).ToArray();
            foreach (string candidate in new[] { error.Project, error.File })
            {
                if (candidate.Length > 0 && Path.IsPathFullyQualified(candidate))
                {
                    string full = Path.GetFullPath(candidate);
                    if (full.StartsWith(libraryDir, StringComparison.Ordinal) || testDirs.Any(d => full.StartsWith(d, StringComparison.Ordinal)))
                    {
                        return module.Name;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="file"/> is one of the module's own sources (its library folder, not its tests).</summary>
    private static bool IsIn(string file, Module module, BuildSettings settings) =>
        file.Length > 0 && Path.IsPathFullyQualified(file)
        && Path.GetFullPath(file).StartsWith(EnsureSeparator(Path.GetFullPath(module.LibraryDirectory(settings.SourceRoot))), StringComparison.Ordinal)
        && !module.Projects.Any(p => Path.GetFullPath(file).StartsWith(EnsureSeparator(p.Directory), StringComparison.Ordinal));

    private static bool SamePath(string a, string b) =>
        a.Length > 0 && b.Length > 0 && Path.IsPathFullyQualified(b)
        && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static string EnsureSeparator(string path) => Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;

    private static string SolutionText(IEnumerable<TestProject> projects)
    {
        var builder = new StringBuilder();
        builder.Append("<Solution>\n");
        foreach (TestProject project in projects)
        {
            builder.Append("  <Project Path=\"").Append(System.Security.SecurityElement.Escape(project.ProjectPath)).Append("\" />\n");
        }

        builder.Append("</Solution>\n");
        return builder.ToString();
    }

    private static string LastLines(List<string> output, int count) =>
        string.Join(" | ", output.Where(l => !string.IsNullOrWhiteSpace(l)).TakeLast(count).Select(l => l.Trim()));
}
