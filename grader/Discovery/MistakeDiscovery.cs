namespace Katas.Grader.Discovery;

/// <summary>
/// A plausible wrong solution of one exercise: <c>grader/mistakes/NN-module/&lt;id&gt;-&lt;slug&gt;/</c> holds the
/// files of <c>solutions/NN-module/</c> it replaces, each a whole file with the mistake in it.
/// </summary>
/// <param name="ExerciseId">The exercise whose tests must fail with it (the folder name's id).</param>
/// <param name="Name">The folder name, e.g. <c>1.1-unordered</c>.</param>
/// <param name="Module">The module folder, e.g. <c>01-parallelism</c>.</param>
/// <param name="Directory">Absolute path of the mistake's folder.</param>
/// <param name="Files">The replaced files, relative to the module folder, '/'-separated, in ordinal order.</param>
/// <param name="Misconception">The first line of the first file, after <c>// Mistake:</c>.</param>
internal sealed record Mistake(string ExerciseId, string Name, string Module, string Directory, IReadOnlyList<string> Files, string Misconception);

/// <summary>
/// Finds the mistakes under <c>grader/mistakes/</c> and checks their layout (CONTRIBUTING.md, "Mistakes"):
/// the folder is named after an exercise of its module, every file replaces a file of the module's
/// solution, and the first file's first line names the misconception. A student checkout has no
/// <c>grader/mistakes/</c> (export-template leaves it out), which is not a problem.
/// </summary>
internal static class MistakeDiscovery
{
    public const string Marker = "// Mistake:";

    public static (IReadOnlyList<Mistake> Mistakes, IReadOnlyList<MetadataProblem> Problems) Discover(string root, IReadOnlyList<Module> modules, IReadOnlyList<Exercise> exercises)
    {
        var mistakes = new List<Mistake>();
        var problems = new List<MetadataProblem>();
        string mistakesRoot = Path.Combine(root, "grader", "mistakes");
        if (!Directory.Exists(mistakesRoot))
        {
            return (mistakes, problems);
        }

        foreach (string moduleDir in Directory.EnumerateDirectories(mistakesRoot).Order(StringComparer.Ordinal))
        {
            string moduleName = Path.GetFileName(moduleDir);
            if (!modules.Any(m => m.Name == moduleName))
            {
                problems.Add(new MetadataProblem(null, $"grader/mistakes/{moduleName}/ names no module (expected one of {string.Join(", ", modules.Select(m => m.Name))})."));
                continue;
            }

            string solution = Path.Combine(root, "solutions", moduleName);
            foreach (string dir in Directory.EnumerateDirectories(moduleDir).Order(StringComparer.Ordinal))
            {
                if (Read(root, moduleName, solution, dir, exercises, problems) is { } mistake)
                {
                    mistakes.Add(mistake);
                }
            }
        }

        return (mistakes, problems);
    }

    private static Mistake? Read(string root, string module, string solution, string dir, IReadOnlyList<Exercise> exercises, List<MetadataProblem> problems)
    {
        string name = Path.GetFileName(dir);
        string relativeDir = CourseDiscovery.Relative(root, dir);
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        string id = dash > 0 ? name[..dash] : name;
        if (dash <= 0 || dash == name.Length - 1 || !exercises.Any(e => e.Id == id && e.Module == module))
        {
            problems.Add(new MetadataProblem(null, $"{relativeDir}: a mistake's folder is <id>-<slug> with the id of an exercise of {module} (e.g. {exercises.FirstOrDefault(e => e.Module == module)?.Id ?? "1.1"}-unordered)."));
            return null;
        }

        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            problems.Add(new MetadataProblem(id, $"{relativeDir}: the mistake has no file: put the solution file with the mistake in it here."));
            return null;
        }

        bool ok = true;
        foreach (string file in files.Where(f => !File.Exists(Path.Combine(solution, f))))
        {
            problems.Add(new MetadataProblem(id, $"{relativeDir}/{file}: a mistake replaces a file of solutions/{module}/, and there is no solutions/{module}/{file}."));
            ok = false;
        }

        string first = File.ReadLines(Path.Combine(dir, files[0])).FirstOrDefault()?.Trim() ?? "";
        if (!first.StartsWith(Marker, StringComparison.Ordinal) || first.Length <= Marker.Length + 1)
        {
            problems.Add(new MetadataProblem(id, $"{relativeDir}/{files[0]}: the first line names the misconception: {Marker} <what the student believes>."));
            ok = false;
        }

        return ok ? new Mistake(id, name, module, dir, files, first[Marker.Length..].Trim()) : null;
    }
}
