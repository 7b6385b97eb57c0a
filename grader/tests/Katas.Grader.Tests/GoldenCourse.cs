using System.Text;
using Katas.Grader.Building;

namespace Katas.Grader.Tests;

/// <summary>
/// A temporary copy of the sample course in fixtures/grader/course/, made once for all golden cases,
/// with what a Katas checkout needs around it (the repository's Directory.Build.props/targets, central
/// package versions, .editorconfig, global.json and Katas.Testing). Cases overlay their faulty file,
/// grade, and put the original back, so builds stay incremental from one case to the next.
/// </summary>
public sealed class GoldenCourse : IDisposable
{
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

    /// <summary>Serializes the cases: they share one checkout.</summary>
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
