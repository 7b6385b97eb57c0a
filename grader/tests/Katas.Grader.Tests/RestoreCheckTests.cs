using Katas.Grader.Building;
using Katas.Grader.Discovery;

namespace Katas.Grader.Tests;

/// <summary>
/// When the grader skips the restore pass: only when every project the build restores, nested ones
/// included (Module 4's Generators/ and CodeFixes/, a host project's references), has a restore result
/// newer than its project file and the shared build settings.
/// </summary>
public sealed class RestoreCheckTests : IDisposable
{
    private static readonly DateTime s_written = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _root = Directory.CreateTempSubdirectory("katas-restore-").FullName;

    public RestoreCheckTests()
    {
        Write("Directory.Build.props", "<Project />");
        Write("grader/Katas.Testing/Katas.Testing.csproj", "<Project />");
        Write("exercises/04-m/Katas.M.csproj", "<Project />");
        Write("exercises/04-m/Generators/Katas.M.Generators.csproj", "<Project />");
        Write("exercises/04-m/CodeFixes/Katas.M.CodeFixes.csproj", """
            <Project><ItemGroup><ProjectReference Include="../Generators/Katas.M.Generators.csproj" /></ItemGroup></Project>
            """);
        Write("exercises/04-m/Tests/Katas.M.Tests.csproj", """
            <Project>
              <ItemGroup>
                <ProjectReference Include="$(KataSourceRoot)04-m/Katas.M.csproj" />
                <ProjectReference Include="$(KataSourceRoot)04-m/CodeFixes/Katas.M.CodeFixes.csproj" />
              </ItemGroup>
            </Project>
            """);
        foreach (string project in (string[])["Katas.M", "Katas.M.Generators", "Katas.M.CodeFixes", "Katas.M.Tests"])
        {
            Write($"artifacts/exercises/obj/{project}/project.assets.json", "{}", s_written.AddHours(1));
        }

        Write("artifacts/tools/obj/Katas.Testing/project.assets.json", "{}", s_written.AddHours(1));
    }

    private BuildSettings Settings => new(_root, Path.Combine(_root, "exercises") + Path.DirectorySeparatorChar, "exercises", Path.Combine(_root, "artifacts") + Path.DirectorySeparatorChar, Restore: true, PassSourceRoot: false, PassArtifactsRoot: false);

    private Module Module => new("04-m", 4, [new TestProject(Path.Combine(_root, "exercises/04-m/Tests/Katas.M.Tests.csproj"), "04-m", TestKind.Visible)]);

    [Fact]
    public void Restore_is_skipped_when_every_project_has_a_newer_restore_result() =>
        ModuleBuilder.RestoreIsCurrent(Settings, [Module]).Should().BeTrue("nothing that decides the restore changed since it ran");

    [Theory]
    [InlineData("exercises/04-m/Generators/Katas.M.Generators.csproj")]
    [InlineData("exercises/04-m/CodeFixes/Katas.M.CodeFixes.csproj")]
    [InlineData("exercises/04-m/Katas.M.csproj")]
    [InlineData("Directory.Build.props")]
    public void A_changed_project_file_at_any_depth_means_a_restore(string changed)
    {
        File.SetLastWriteTimeUtc(Path.Combine(_root, changed), s_written.AddHours(2));

        ModuleBuilder.RestoreIsCurrent(Settings, [Module]).Should().BeFalse($"{changed} is newer than its restore result");
    }

    [Fact]
    public void A_nested_project_never_restored_means_a_restore()
    {
        File.Delete(Path.Combine(_root, "artifacts/exercises/obj/Katas.M.Generators/project.assets.json"));

        ModuleBuilder.RestoreIsCurrent(Settings, [Module]).Should().BeFalse("the generators are referenced through the code fixes and have no restore result");
    }

    [Fact]
    public void A_reference_only_MSBuild_can_resolve_means_a_restore()
    {
        Write("exercises/04-m/Katas.M.csproj", """<Project><ItemGroup><ProjectReference Include="$(SomewhereElse)/X.csproj" /></ItemGroup></Project>""");

        ModuleBuilder.ProjectClosure(Path.Combine(_root, "exercises/04-m/Tests/Katas.M.Tests.csproj"), Settings).Should().BeNull();
        ModuleBuilder.RestoreIsCurrent(Settings, [Module]).Should().BeFalse("the grader cannot tell which project that is");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text, DateTime? time = null)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, time ?? s_written);
    }
}
