using Katas.Grader.Discovery;
using Katas.Grader.Integrity;

namespace Katas.Grader.Tests;

/// <summary>Hash manifest and tamper detection on a copy of the sample course (no build needed).</summary>
public sealed class TamperCheckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "katas-tamper-" + Guid.NewGuid().ToString("N")[..8]);

    public TamperCheckTests()
    {
        GoldenCourse.CopyDirectory(Path.Combine(GoldenCourse.FindRepositoryRoot(), "fixtures", "grader", "course"), _root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TamperReport Check() => TamperCheck.Check(CourseDiscovery.Discover(_root), TestManifest.Load(_root));

    private string PathOf(string relative) => Path.Combine(_root, relative);

    [Fact]
    public void The_checked_in_manifest_of_the_sample_course_is_current()
    {
        TestManifest current = TestManifest.Create(CourseDiscovery.Discover(_root));

        current.ToJson().Should().Be(File.ReadAllText(TestManifest.PathIn(_root)).Replace("\r\n", "\n", StringComparison.Ordinal),
            "fixtures/grader/course/grader/test-hashes.json must match its tests (run hash-tests --root on a copy)");
        Check().Tampered.Should().BeEmpty();
    }

    [Fact]
    public void Line_endings_do_not_change_a_hash()
    {
        TestManifest.HashBytes("a\r\nb\r\n"u8).Should().Be(TestManifest.HashBytes("a\nb\n"u8));
        TestManifest.HashBytes("a\nb"u8).Should().NotBe(TestManifest.HashBytes("a\nc"u8));
    }

    [Fact]
    public void A_test_file_checked_out_with_CRLF_is_not_tampered()
    {
        string file = PathOf("exercises/01-sample/Tests/GreeterTests.cs");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\n", "\r\n", StringComparison.Ordinal));

        Check().Tampered.Should().BeEmpty();
    }

    [Fact]
    public void An_edited_test_file_tampers_its_exercise_only()
    {
        File.AppendAllText(PathOf("exercises/01-sample/Tests/GreeterTests.cs"), "// changed\n");

        Check().Tampered.Keys.Should().BeEquivalentTo(["1.2"]);
    }

    [Fact]
    public void A_deleted_visible_test_file_still_reports_its_exercise()
    {
        File.Delete(PathOf("exercises/01-sample/Tests/CounterTests.cs"));

        TamperReport report = Check();

        report.Tampered.Keys.Should().BeEquivalentTo(["1.3"]);
        report.MissingExercises.Should().ContainSingle().Which.Should().Be(new ManifestExercise("1.3", "Count words", "01-sample", 15),
            "the manifest remembers the exercise, so its points are not silently dropped from the total");
    }

    [Fact]
    public void An_edited_test_project_file_tampers_every_exercise_of_its_module()
    {
        File.AppendAllText(PathOf("grader/hidden/01-sample/Katas.Sample.HiddenTests.csproj"), "<!-- changed -->\n");

        Check().Tampered.Keys.Should().BeEquivalentTo(["1.1", "1.2", "1.3"]);
    }

    [Fact]
    public void A_source_file_added_to_a_test_project_tampers_its_module()
    {
        File.WriteAllText(PathOf("exercises/02-extra/Tests/Extra.cs"), "// sneaky\n");

        Check().Tampered.Keys.Should().BeEquivalentTo(["2.1"]);
    }
}
