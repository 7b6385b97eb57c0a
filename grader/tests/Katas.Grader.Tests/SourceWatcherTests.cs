using Katas.Grader.Watching;

namespace Katas.Grader.Tests;

/// <summary>Which saved files make the watch loop rebuild: a module's own sources, nothing else.</summary>
public sealed class SourceWatcherTests
{
    private static readonly string s_exercises = Path.Combine(Path.GetTempPath(), "katas", "exercises");
    private static readonly HashSet<string> s_modules = new(StringComparer.Ordinal) { "01-parallelism" };

    [Theory]
    [InlineData("01-parallelism/ParallelMap.cs")]
    [InlineData("01-parallelism/Katas.Parallelism.csproj")]
    [InlineData("01-parallelism/Helpers/Extra.cs")]
    public void A_module_source_is_watched(string relative)
    {
        SourceWatcher.ModuleOf(s_exercises, Path.Combine(s_exercises, relative), s_modules)
            .Should().Be("01-parallelism", $"saving {relative} changes the module's library");
    }

    [Theory]
    [InlineData("01-parallelism/Tests/ParallelMapTests.cs")]
    [InlineData("01-parallelism/Benchmarks/MapBenchmarks.cs")]
    [InlineData("01-parallelism/obj/Debug/Generated.cs")]
    [InlineData("01-parallelism/.ParallelMap.cs.swp")]
    [InlineData("01-parallelism/ParallelMap.cs~")]
    [InlineData("01-parallelism/ParallelMap.cs___jb_tmp___")]
    [InlineData("01-parallelism/4913")]
    [InlineData("01-parallelism/README.md")]
    [InlineData("02-unknown/Thing.cs")]
    [InlineData("Loose.cs")]
    public void Tests_benchmarks_build_output_and_editor_temp_files_are_ignored(string relative)
    {
        SourceWatcher.ModuleOf(s_exercises, Path.Combine(s_exercises, relative), s_modules)
            .Should().BeNull($"saving {relative} must not trigger a rebuild");
    }
}
