using System.Globalization;
using System.Text.RegularExpressions;

namespace Katas.Grader.Discovery;

/// <summary>
/// Finds modules, test projects and exercises by convention and from the test sources:
/// <c>exercises/NN-name/Tests/*.Tests.csproj</c> (visible) and <c>grader/hidden/NN-name/*.HiddenTests.csproj</c>
/// (hidden); exercises come from <c>[Exercise]</c> and <c>[HiddenTests]</c> in those projects' .cs files.
/// Adding an exercise therefore never touches the grader.
/// </summary>
internal static partial class CourseDiscovery
{
    [GeneratedRegex(@"^(?<number>\d{2,})-[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleFolder();

    /// <summary>The folder with Katas.sln at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Katas.sln")) || File.Exists(Path.Combine(dir.FullName, "Katas.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Every file of a test project folder that belongs to the tests (build output excluded).</summary>
    public static IEnumerable<string> ProjectFiles(string directory, string searchPattern = "*") =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, searchPattern, SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(directory, f))
                .Order(StringComparer.Ordinal)
            : [];

    private static bool IsBuildOutput(string projectDirectory, string file)
    {
        string relative = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal)
            || relative.StartsWith("obj/", StringComparison.Ordinal)
            || relative.Contains("/bin/", StringComparison.Ordinal)
            || relative.Contains("/obj/", StringComparison.Ordinal);
    }

    public static Course Discover(string root)
    {
        root = Path.GetFullPath(root);
        var problems = new List<MetadataProblem>();
        var modules = new List<Module>();
        var exercises = new List<Exercise>();
        // A student repository (export-template) has no grader/hidden/ at all: its hidden tests run only
        // in the Grade workflow, with the instructor's checkout. That is not a problem to warn about.
        bool hiddenAvailable = Directory.Exists(Path.Combine(root, "grader", "hidden"));

        foreach ((string name, int number) in ModuleNames(root))
        {
            var projects = new List<TestProject>();
            string visibleDir = Path.Combine(root, "exercises", name, "Tests");
            string hiddenDir = Path.Combine(root, "grader", "hidden", name);
            projects.AddRange(ProjectsIn(visibleDir, "*.Tests.csproj").Select(p => new TestProject(p, name, TestKind.Visible)));
            projects.AddRange(ProjectsIn(hiddenDir, "*.HiddenTests.csproj").Select(p => new TestProject(p, name, TestKind.Hidden)));
            if (projects.Count == 0)
            {
                continue;
            }

            if (!projects.Any(p => p.Kind == TestKind.Visible))
            {
                problems.Add(new MetadataProblem(null, $"Module {name} has no visible test project (exercises/{name}/Tests/*.Tests.csproj)."));
            }

            if (hiddenAvailable && !projects.Any(p => p.Kind == TestKind.Hidden))
            {
                problems.Add(new MetadataProblem(null, $"Module {name} has no hidden test project (grader/hidden/{name}/*.HiddenTests.csproj)."));
            }

            modules.Add(new Module(name, number, projects));
            exercises.AddRange(ReadModule(root, name, number, projects, problems, hiddenAvailable));
        }

        exercises.Sort((a, b) => a.SortKey.CompareTo(b.SortKey));
        (IReadOnlyList<Mistake> mistakes, IReadOnlyList<MetadataProblem> mistakeProblems) = MistakeDiscovery.Discover(root, modules, exercises);
        return new Course(root, modules, exercises, problems, hiddenAvailable) { Mistakes = mistakes, MistakeProblems = mistakeProblems };
    }

    private static IEnumerable<(string Name, int Number)> ModuleNames(string root)
    {
        string exercisesDir = Path.Combine(root, "exercises");
        if (!Directory.Exists(exercisesDir))
        {
            return [];
        }

        return Directory.EnumerateDirectories(exercisesDir)
            .Select(Path.GetFileName)
            .Select(name => (Name: name!, Match: ModuleFolder().Match(name!)))
            .Where(m => m.Match.Success)
            .Select(m => (m.Name, int.Parse(m.Match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)))
            .OrderBy(m => m.Item2)
            .ThenBy(m => m.Name, StringComparer.Ordinal);
    }

    private static IEnumerable<string> ProjectsIn(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : [];

    private static List<Exercise> ReadModule(string root, string module, int number, List<TestProject> projects, List<MetadataProblem> problems, bool hiddenAvailable)
    {
        var declared = new List<(ExerciseDeclaration Declaration, TestClassInfo Class)>();
        var hidden = new List<(HiddenTestsDeclaration Declaration, TestClassInfo Class)>();
        foreach (TestProject project in projects)
        {
            foreach (string file in ProjectFiles(project.Directory, "*.cs"))
            {
                SourceMetadata metadata = MetadataReader.Read(File.ReadAllText(file), file);
                string relative = Relative(root, file);
                problems.AddRange(metadata.Problems.Select(p => new MetadataProblem(null, $"{relative}: {p}")));
                foreach (ExerciseDeclaration declaration in metadata.Exercises)
                {
                    var info = new TestClassInfo(declaration.ClassName, file, declaration.Line, project);
                    if (project.Kind == TestKind.Hidden)
                    {
                        problems.Add(new MetadataProblem(declaration.Id, $"{relative}: [Exercise] belongs on the visible test class, not on hidden {declaration.ClassName}; use [HiddenTests(\"id\")]."));
                        continue;
                    }

                    declared.Add((declaration, info));
                }

                foreach (HiddenTestsDeclaration declaration in metadata.HiddenTests)
                {
                    var info = new TestClassInfo(declaration.ClassName, file, declaration.Line, project);
                    if (project.Kind == TestKind.Visible)
                    {
                        problems.Add(new MetadataProblem(declaration.Id, $"{relative}: [HiddenTests] on {declaration.ClassName} is in a visible test project; hidden tests live under grader/hidden/."));
                        continue;
                    }

                    hidden.Add((declaration, info));
                }
            }
        }

        var exercises = new List<Exercise>();
        foreach ((ExerciseDeclaration d, TestClassInfo info) in declared)
        {
            string relative = Relative(root, info.FilePath);
            if (string.IsNullOrWhiteSpace(d.Id))
            {
                problems.Add(new MetadataProblem(null, $"{relative}: [Exercise] on {d.ClassName} has no id."));
                continue;
            }

            if (exercises.Any(e => e.Id == d.Id))
            {
                problems.Add(new MetadataProblem(d.Id, $"{relative}: duplicate exercise id {d.Id} on {d.ClassName}: one visible test class per exercise."));
                continue;
            }

            if (ExerciseId.Parse(d.Id).ModuleNumber != number)
            {
                problems.Add(new MetadataProblem(d.Id, $"{relative}: exercise id {d.Id} does not start with the module number {number} of {module}."));
            }

            if (string.IsNullOrWhiteSpace(d.Title))
            {
                problems.Add(new MetadataProblem(d.Id, $"{relative}: exercise {d.Id} has no title."));
            }

            if (d.Points is null or <= 0)
            {
                problems.Add(new MetadataProblem(d.Id, $"{relative}: exercise {d.Id} has no points: write Points = 10 (15-20 for big ones)."));
            }

            if (string.IsNullOrWhiteSpace(d.Hint))
            {
                problems.Add(new MetadataProblem(d.Id, $"{relative}: exercise {d.Id} has no hint: write Hint = \"\"\"...\"\"\"."));
            }

            var hiddenClasses = hidden.Where(h => h.Declaration.Id == d.Id).ToList();
            if (hiddenClasses.Count == 0 && hiddenAvailable)
            {
                problems.Add(new MetadataProblem(d.Id, $"exercise {d.Id} has no hidden test class: add [HiddenTests(\"{d.Id}\")] to a class under grader/hidden/{module}/."));
            }
            else if (hiddenClasses.Count > 1)
            {
                problems.Add(new MetadataProblem(d.Id, $"exercise {d.Id} has {hiddenClasses.Count} hidden test classes ({string.Join(", ", hiddenClasses.Select(h => h.Class.FullName))}); keep one."));
            }

            var exercise = new Exercise(d.Id, d.Title ?? "", module, d.Points ?? 0, (d.Hint ?? "").Trim(), info, hiddenClasses.FirstOrDefault().Class)
            {
                MoreHint = d.Text("MoreHint").Trim(),
                Recap = d.Text("Recap").Trim(),
                Benchmark = d.Text("Benchmark").Trim(),
                StudentFiles = Words(d.Text("StudentFiles")),
                BuildsOn = Words(d.Text("BuildsOn")),
            };
            foreach (string file in exercise.StudentFiles.Where(f => !File.Exists(Path.Combine(root, "exercises", module, f))))
            {
                problems.Add(new MetadataProblem(d.Id, $"{relative}: StudentFiles of exercise {d.Id} names {file}, which is not in exercises/{module}/."));
            }

            exercises.Add(exercise);
        }

        foreach (Exercise exercise in exercises)
        {
            foreach (string id in exercise.BuildsOn.Where(id => id == exercise.Id || !exercises.Any(e => e.Id == id)))
            {
                problems.Add(new MetadataProblem(exercise.Id, $"{Relative(root, exercise.VisibleClass!.FilePath)}: BuildsOn of exercise {exercise.Id} names {id}, which is not another exercise of module {module}."));
            }
        }

        foreach ((HiddenTestsDeclaration d, TestClassInfo info) in hidden)
        {
            if (d.Id is null || !exercises.Any(e => e.Id == d.Id))
            {
                problems.Add(new MetadataProblem(d.Id, $"{Relative(root, info.FilePath)}: [HiddenTests(\"{d.Id}\")] on {d.ClassName} names no exercise of module {module}."));
            }
        }

        return exercises;
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>A space-separated list attribute (<c>StudentFiles</c>, <c>BuildsOn</c>) as its words.</summary>
    private static string[] Words(string text) => text.Split((char[])[' ', '\t', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries);
}
