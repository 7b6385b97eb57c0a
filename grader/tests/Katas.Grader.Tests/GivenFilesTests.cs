using Katas.Grader.Discovery;
using Katas.Grader.Verification;

namespace Katas.Grader.Tests;

/// <summary>verify's check that given code is the same in both trees, on a copy of the sample course and on this repository.</summary>
public sealed class GivenFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "katas-given-" + Guid.NewGuid().ToString("N"));

    public GivenFilesTests() =>
        GoldenCourse.CopyDirectory(Path.Combine(GoldenCourse.FindRepositoryRoot(), "fixtures", "grader", "course"), _root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_given_file_changed_in_one_tree_fails_and_is_named()
    {
        Write("exercises/01-sample/Shared.cs", "namespace Katas.Sample; public static class Shared { public const int Answer = 42; }");
        Write("solutions/01-sample/Shared.cs", "namespace Katas.Sample; public static class Shared { public const int Answer = 41; }");

        VerifyCheck check = Checks().Single(c => c.Name == "given code 01-sample");

        check.Passed.Should().BeFalse("the stubs and the reference would be graded against different given code");
        check.Detail.Should().Contain("Shared.cs").And.NotContain("Adder.cs", "a student's file may differ");
    }

    [Fact]
    public void Student_files_may_differ_and_given_files_that_agree_pass()
    {
        Write("exercises/01-sample/Shared.cs", "namespace Katas.Sample; public static class Shared { }");
        Write("solutions/01-sample/Shared.cs", "namespace Katas.Sample; public static class Shared { }");

        IReadOnlyList<VerifyCheck> checks = Checks();

        checks.Should().OnlyContain(c => c.Passed, "Adder.cs and the other stubs differ from their solutions, as they must");
        checks.Single(c => c.Name == "given code 01-sample").Detail.Should().StartWith("the 1 given file is");
    }

    [Fact]
    public void Every_module_of_this_repository_keeps_its_given_code_the_same_in_both_trees()
    {
        Course course = CourseDiscovery.Discover(GoldenCourse.FindRepositoryRoot());

        IReadOnlyList<VerifyCheck> checks = [.. GivenFiles.Check(course, course.Exercises)];

        checks.Should().HaveCount(course.Modules.Count).And.OnlyContain(c => c.Passed, string.Join("; ", checks.Select(c => c.Detail)));
    }

    private IReadOnlyList<VerifyCheck> Checks()
    {
        Course course = CourseDiscovery.Discover(_root);
        return [.. GivenFiles.Check(course, course.Exercises)];
    }

    private void Write(string relative, string text) => File.WriteAllText(Path.Combine(_root, relative), text);
}
