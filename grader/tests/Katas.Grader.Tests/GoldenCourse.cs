using System.Text;
using Katas.Grader.Building;

// One course for the whole test assembly: every test that builds it (the golden cases, the attacks,
// verify, the watch loop, network isolation, the Gradescope bundle) shares its build output, so only the
// first build of each side is a cold one.
[assembly: AssemblyFixture(typeof(Katas.Grader.Tests.GoldenCourse))]

namespace Katas.Grader.Tests;

/// <summary>
/// A temporary copy of the sample course in fixtures/grader/course/, made once for the test assembly,
/// with what a Katas checkout needs around it (the repository's Directory.Build.props/targets, central
/// package versions, .editorconfig, global.json and Katas.Testing). A test takes <see cref="Gate"/>,
/// overlays its files, grades, and puts the originals back, so builds stay incremental from one test to
/// the next.
/// </summary>
public sealed class GoldenCourse : IDisposable
{
    /// <summary>The test collection of every class that uses the course: they run one after another, never side by side.</summary>
    public const string Collection = "golden course";

    public GoldenCourse()
    {
        RepositoryRoot = FindRepositoryRoot();
        Root = Path.Combine(Path.GetTempPath(), "katas-golden-" + Guid.NewGuid().ToString("N")[..8]);
        CopyDirectory(Path.Combine(RepositoryRoot, "fixtures", "grader", "course"), Root);
        foreach (string file in InstructorFiles.BuildSettings.Where(f => File.Exists(Path.Combine(RepositoryRoot, f))))
        {
            File.Copy(Path.Combine(RepositoryRoot, file), Path.Combine(Root, file));
        }

        // The real build settings, with the analyzers off: they judge style, not behaviour, and cost
        // most of the compile time of every case on a 2-core machine.
        string props = File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props"));
        int end = props.LastIndexOf("</Project>", StringComparison.Ordinal);
        props = props[..end] + """
              <PropertyGroup>
                <RunAnalyzers>false</RunAnalyzers>
                <EnforceCodeStyleInBuild>false</EnforceCodeStyleInBuild>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
              </PropertyGroup>
            </Project>

            """;
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), props, new UTF8Encoding(false));
        CopyDirectory(Path.Combine(RepositoryRoot, "grader", "Katas.Testing"), Path.Combine(Root, "grader", "Katas.Testing"));
    }

    /// <summary>The Katas repository these tests run in.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The temporary course checkout.</summary>
    public string Root { get; }

    /// <summary>Serializes the tests that change or read the checkout: they share it.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Katas.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the Katas repository (no Katas.sln above " + AppContext.BaseDirectory + ").");
    }

    public static void CopyDirectory(string source, string target)
    {
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    public void Dispose()
    {
        Gate.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned up eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
