using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Katas.Grader.Building;
using Katas.Grader.Commands;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;
using Katas.Grader.Running;

namespace Katas.Grader.Tests;

/// <summary>
/// A student who attacks the grade instead of solving the exercise (grader/README.md, the threat model).
/// Each case is a student checkout (fixtures/grader/attacks/&lt;case&gt;/ laid over the sample course with
/// every other exercise solved), graded as the Grade workflow does, with <c>--student</c>. The attacked
/// exercise 1.1 must score 0, the others must pass, the instructor's files must be unchanged, and no
/// process the student's code started may be left running. Every attack is laid out in the same student
/// folder, so the tree the grader assembles from it, and its build output, are the same from one attack
/// to the next: each build after the first recompiles only what the attack changed.
/// </summary>
[Collection(GoldenCourse.Collection)]
public sealed class AttackTests(GoldenCourse course)
{
    [Fact(Timeout = 600_000)]
    public async Task Forged_results_on_stdout_do_not_count() =>
        (await GradeAttackAsync("stdout-forgery")).Status.Should().Be("failed", "results come from the grader's socket; stdout is only the student's output");

    [Fact(Timeout = 600_000)]
    public async Task A_build_target_of_the_student_never_runs()
    {
        (string status, JsonNode report) = await GradeAttackAsync("msbuild-target");
        status.Should().Be("failed", "the stub is unsolved, and the target that would rewrite its tests never ran");
        report["ignoredFiles"]!.AsArray().Select(f => (string?)f).Should().Equal(
            ["01-sample/Katas.Sample.csproj", "Directory.Build.props"], "the student's project file and build settings are left out and listed");
    }

    [Fact(Timeout = 600_000)]
    public async Task Student_code_cannot_write_CI_files_or_read_the_token()
    {
        string folder = Directory.CreateTempSubdirectory("katas-ci-").FullName;
        string[] names = ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV"];
        foreach (string name in names)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), "", TestContext.Current.CancellationToken);
            Environment.SetEnvironmentVariable(name, Path.Combine(folder, name));
        }

        Environment.SetEnvironmentVariable("GITHUB_TOKEN", "ghs_secret");
        try
        {
            (await GradeAttackAsync("ci-files")).Status.Should().Be("failed");
            foreach (string name in names)
            {
                (await File.ReadAllTextAsync(Path.Combine(folder, name), TestContext.Current.CancellationToken)).Should().BeEmpty(
                    $"student code gets no {name}: its environment is allow-listed");
            }
        }
        finally
        {
            foreach (string name in names.Append("GITHUB_TOKEN"))
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 600_000)]
    public async Task A_detached_process_does_not_outlive_the_run()
    {
        (await GradeAttackAsync("detached-process")).Status.Should().Be("failed");
        StudentProcesses("301.5").Should().BeEmpty("every test program runs in a PID namespace, killed as a whole when the run ends");
    }

    [Fact(Timeout = 600_000)]
    public async Task Tests_rewritten_while_tests_run_stay_the_instructors() =>
        (await GradeAttackAsync("test-rewritten-at-run")).Status.Should().Be("failed", "the instructor's checkout is read-only for the test programs");

    /// <summary>
    /// Where no sandbox can be made (not Linux, no util-linux), the same attack does write the instructor's
    /// test files; the check after the run sees it and scores the exercise tampered.
    /// </summary>
    [Fact(Timeout = 600_000)]
    public async Task Without_a_sandbox_tests_rewritten_while_tests_run_score_tampered()
    {
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        string student = StudentFolder();
        Dictionary<string, byte[]> originals = Directory.EnumerateFiles(course.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllBytes);
        try
        {
            LayOutStudent(student, "test-rewritten-at-run");
            Course discovered = CourseDiscovery.Discover(course.Root);
            TamperReport tamper = TamperCheck.Check(discovered, TestManifest.Load(course.Root));
            Selection selection = Selection.Resolve(discovered, tamper, module: "1", exercise: null);
            var options = new GradeOptions
            {
                Root = course.Root,
                Student = student,
                TestTimeout = TimeSpan.FromSeconds(5),
                ModuleTimeout = TimeSpan.FromSeconds(90),
            };
            GradeReport report = await GradingRun.GradeAsync(discovered, tamper, selection, options, new SilentObserver(), TestContext.Current.CancellationToken);

            ExerciseResult attacked = report.Exercises.Single(e => e.Id == "1.1");
            attacked.Status.Should().Be(ExerciseStatus.Tampered, "the test files are compared with the manifest again after the run");
            attacked.Message.Should().Contain("while the tests ran");
        }
        finally
        {
            foreach ((string path, byte[] content) in originals)
            {
                File.WriteAllBytes(path, content);
            }

            Directory.Delete(student, recursive: true);
            course.Gate.Release();
        }
    }

    /// <summary>Grades the attack; checks what every attack must leave intact; returns exercise 1.1's status and the report.</summary>
    private async Task<(string Status, JsonNode Report)> GradeAttackAsync(string name)
    {
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        string student = StudentFolder();
        try
        {
            Dictionary<string, string> before = InstructorFiles();
            LayOutStudent(student, name);

            string json = Path.Combine(student, "results.json");
            var output = new StringWriter();
            await GraderCli.RunAsync(
                ["--root", course.Root, "--student", student, "--json", json, "--plain", "--test-timeout", "5", "--module-timeout", "90"],
                output, output, TestContext.Current.CancellationToken);

            string console = output.ToString();
            File.Exists(json).Should().BeTrue($"the grader writes its report whatever the student's code does. Console:\n{console}");
            JsonNode report = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
            var exercisesById = report["exercises"]!.AsArray().ToDictionary(e => (string)e!["id"]!, e => e!);
            exercisesById["1.1"]["points"]!.GetValue<int>().Should().Be(0, $"the attack must not earn points. Console:\n{console}");
            exercisesById.Where(e => e.Key != "1.1").Should().OnlyContain(e => (string?)e.Value["status"] == "passed", $"the other exercises are graded normally. Console:\n{console}");
            InstructorFiles().Should().Equal(before, "the instructor's files are unchanged");
            return ((string)exercisesById["1.1"]["status"]!, report);
        }
        finally
        {
            Directory.Delete(student, recursive: true);
            course.Gate.Release();
        }
    }

    /// <summary>
    /// The student checkout's folder, empty: always the same path, since the grader keys the tree it
    /// assembles and its build output by that path (artifacts/student-&lt;hash of the path&gt;/).
    /// </summary>
    private string StudentFolder()
    {
        string student = course.Root + "-student";
        if (Directory.Exists(student))
        {
            Directory.Delete(student, recursive: true);
        }

        Directory.CreateDirectory(student);
        return student;
    }

    /// <summary>A student checkout: every exercise solved but 1.1, then the attack's files over it.</summary>
    private void LayOutStudent(string student, string attack)
    {
        string exercises = Path.Combine(student, "exercises");
        GoldenCourse.CopyDirectory(Path.Combine(course.Root, "exercises"), exercises);
        foreach (string module in Directory.EnumerateDirectories(Path.Combine(course.Root, "solutions")))
        {
            foreach (string file in Directory.EnumerateFiles(module, "*.cs"))
            {
                File.Copy(file, Path.Combine(exercises, Path.GetFileName(module), Path.GetFileName(file)), overwrite: true);
            }
        }

        File.Copy(Path.Combine(course.Root, "exercises", "01-sample", "Adder.cs"), Path.Combine(exercises, "01-sample", "Adder.cs"), overwrite: true);
        GoldenCourse.CopyDirectory(Path.Combine(course.RepositoryRoot, "fixtures", "grader", "attacks", attack), student);
    }

    private sealed class SilentObserver : IGradeObserver
    {
        public void BuildStarted(IReadOnlyList<Module> modules)
        {
        }

        public void BuildFinished(BuildOutcome outcome)
        {
        }

        public void ModuleStarted(Module module)
        {
        }

        public void TestProgress(Module module, TestProgress progress)
        {
        }

        public void ModuleFinished(Module module, IReadOnlyList<ExerciseResult> results)
        {
        }
    }

    /// <summary>SHA-256 of every file of the course checkout, build output aside.</summary>
    private Dictionary<string, string> InstructorFiles() =>
        Directory.EnumerateFiles(course.Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(course.Root, f).Split(Path.DirectorySeparatorChar).Any(p => p is "artifacts" or "bin" or "obj"))
            .ToDictionary(f => Path.GetRelativePath(course.Root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>Processes whose command line has <paramref name="marker"/> as an argument.</summary>
    private static List<string> StudentProcesses(string marker)
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                string[] argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (argv.Contains(marker))
                {
                    found.Add(Path.GetFileName(dir) + ": " + string.Join(' ', argv));
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
