namespace Katas.Grader.Discovery;

/// <summary>Whether a test class is one the student sees (<c>exercises/</c>) or a hidden one (<c>grader/hidden/</c>).</summary>
internal enum TestKind
{
    Visible,
    Hidden,
}

/// <summary>A test project of a module: its project file, the module it belongs to and which tests it holds.</summary>
/// <param name="ProjectPath">Absolute path of the .csproj.</param>
/// <param name="Module">Module folder name, e.g. <c>01-parallelism</c>.</param>
/// <param name="Kind">Visible or hidden tests.</param>
internal sealed record TestProject(string ProjectPath, string Module, TestKind Kind)
{
    /// <summary>The project name (file name without .csproj); also the name of its output folder and program.</summary>
    public string Name => Path.GetFileNameWithoutExtension(ProjectPath);

    /// <summary>The folder that holds the project and its sources.</summary>
    public string Directory => Path.GetDirectoryName(ProjectPath)!;
}

/// <summary>Where a test class was found in the sources.</summary>
/// <param name="FullName">Namespace-qualified type name the way xunit reports it (nested types joined with '+').</param>
/// <param name="FilePath">Absolute path of the source file.</param>
/// <param name="Line">1-based line of the class declaration.</param>
/// <param name="Project">The test project the file belongs to.</param>
internal sealed record TestClassInfo(string FullName, string FilePath, int Line, TestProject Project);

/// <summary>One exercise as described by its <c>[Exercise]</c> attribute, with its visible and hidden test classes.</summary>
internal sealed record Exercise(
    string Id,
    string Title,
    string Module,
    int Points,
    string Hint,
    TestClassInfo? VisibleClass,
    TestClassInfo? HiddenClass)
{
    public ExerciseId SortKey => ExerciseId.Parse(Id);

    /// <summary>Hint, level 2 (<c>hint ID --more</c>): names the API. Empty when the exercise has none.</summary>
    public string MoreHint { get; init; } = "";

    /// <summary>Two or three lines shown when the exercise turns green: what it taught.</summary>
    public string Recap { get; init; } = "";

    /// <summary>The command that shows the lesson in numbers, or empty.</summary>
    public string Benchmark { get; init; } = "";

    /// <summary>The files the student edits, relative to the module folder (empty: the convention, see <see cref="StudentFileNames"/>).</summary>
    public IReadOnlyList<string> StudentFiles { get; init; } = [];

    /// <summary>Ids of the exercises whose code this one calls.</summary>
    public IReadOnlyList<string> BuildsOn { get; init; } = [];

    /// <summary>
    /// The student's files relative to the module folder: <see cref="StudentFiles"/> when given, otherwise
    /// the test file's name without <c>Tests</c> (<c>ParallelMapTests.cs</c> goes with <c>ParallelMap.cs</c>).
    /// </summary>
    public IReadOnlyList<string> StudentFileNames()
    {
        if (StudentFiles.Count > 0)
        {
            return StudentFiles;
        }

        string name = VisibleClass is null ? "" : Path.GetFileNameWithoutExtension(VisibleClass.FilePath);
        return name.EndsWith("Tests", StringComparison.Ordinal) && name.Length > "Tests".Length ? [name[..^"Tests".Length] + ".cs"] : [];
    }
}

/// <summary>A module folder (<c>exercises/NN-name</c>) and the test projects that grade it.</summary>
internal sealed record Module(string Name, int Number, IReadOnlyList<TestProject> Projects)
{
    /// <summary>Folder of the module's library under a source tree (<c>exercises/</c> or <c>solutions/</c>).</summary>
    public string LibraryDirectory(string sourceRoot) => Path.Combine(sourceRoot, Name);
}

/// <summary>A problem found in the exercise metadata, worded for the course author.</summary>
/// <param name="ExerciseId">The exercise concerned, or null for a module-wide problem.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
internal sealed record MetadataProblem(string? ExerciseId, string Message);

/// <summary>Everything the grader knows about a course before building anything.</summary>
internal sealed record Course(
    string Root,
    IReadOnlyList<Module> Modules,
    IReadOnlyList<Exercise> Exercises,
    IReadOnlyList<MetadataProblem> Problems,
    bool HiddenTestsAvailable = true)
{
    /// <summary>The wrong solutions under <c>grader/mistakes/</c> (instructor checkouts only; see <see cref="MistakeDiscovery"/>).</summary>
    public IReadOnlyList<Mistake> Mistakes { get; init; } = [];

    /// <summary>Problems with the mistakes' layout: they fail <c>verify</c>, and nobody else needs to hear them.</summary>
    public IReadOnlyList<MetadataProblem> MistakeProblems { get; init; } = [];

    public Exercise? FindExercise(string id) =>
        Exercises.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
