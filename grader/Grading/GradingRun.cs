using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Katas.Grader.Building;
using Katas.Grader.Discovery;
using Katas.Grader.Integrity;
using Katas.Grader.Running;

namespace Katas.Grader.Grading;

/// <summary>
/// One grading run: build every selected module at once, run each module's visible then hidden test
/// program under the watchdog, and turn what happened to each test class into exercise results.
/// </summary>
internal static class GradingRun
{
    public static Task<GradeReport> GradeAsync(
        Course course,
        TamperReport tamper,
        Selection selection,
        GradeOptions options,
        IGradeObserver observer,
        CancellationToken cancellationToken)
    {
        BuildSettings settings = Settings(options);
        if (!settings.PassSourceRoot)
        {
            return GradeAsync(course, tamper, selection, options, settings, observer, cancellationToken);
        }

        // Another checkout's work: only its own source files cross over into the tree that is built. The
        // tree is laid out as a checkout (tree/exercises/...), so its paths read exercises/NN/File.cs.
        string checkout = Path.Combine(settings.ArtifactsRoot, "tree");
        GradedTree tree = GradedTree.Assemble(Path.Combine(options.Root, "exercises"), settings.SourceRoot, Path.Combine(checkout, "exercises"));
        return GradeTreeAsync(tree);

        async Task<GradeReport> GradeTreeAsync(GradedTree tree) =>
            await GradeAsync(course, tamper, selection, options with { Student = checkout }, settings with { SourceRoot = tree.SourceRoot }, observer, cancellationToken)
                with { IgnoredFiles = tree.Ignored, StudentRoot = checkout };
    }

    /// <summary>The same, built with <paramref name="settings"/> (verify's mistakes: an overlay tree with its own artifacts).</summary>
    public static async Task<GradeReport> GradeAsync(
        Course course,
        TamperReport tamper,
        Selection selection,
        GradeOptions options,
        BuildSettings settings,
        IGradeObserver observer,
        CancellationToken cancellationToken)
    {
        // Read before any student code runs: what the test files must still be after the run.
        TestManifest? manifest = TestManifest.Load(course.Root);
        observer.BuildStarted(selection.Modules);
        BuildOutcome build = await ModuleBuilder.BuildAsync(settings, selection.Modules, options.Tuning, cancellationToken);
        observer.BuildFinished(build);

        var results = new List<ExerciseResult>();
        var modules = new List<ModuleReport>();
        foreach (Module module in selection.Modules)
        {
            var exercises = selection.Exercises.Where(e => e.Module == module.Name).ToList();
            IReadOnlyList<CompilerError> errors = build.FailedModules.GetValueOrDefault(module.Name) ?? [];
            modules.Add(new ModuleReport(module.Name, errors) { Warnings = build.Warnings.GetValueOrDefault(module.Name) ?? [] });
            observer.ModuleStarted(module);

            var moduleResults = new List<ExerciseResult>();
            if (errors.Count > 0)
            {
                string message = CompileMessage(course.Root, options, errors);
                moduleResults.AddRange(exercises.Select(e => Result(e, ExerciseStatus.CompileError, message, [], [], 0)));
            }
            else
            {
                string[] programs = module.Projects.Select(p => settings.OutputDirectory(p.Name)).ToArray();
                string built = ProgramFingerprint.Of(programs);
                moduleResults.AddRange(await RunModuleAsync(module, exercises, settings, options, observer, cancellationToken));
                if (ProgramFingerprint.Of(programs) != built)
                {
                    for (int i = 0; i < moduleResults.Count; i++)
                    {
                        moduleResults[i] = moduleResults[i] with { Status = ExerciseStatus.Tampered, Points = 0, Message = "tampered: a test program of this module changed while its tests ran" };
                    }
                }
            }

            moduleResults.AddRange(selection.RemovedExercises.Where(e => e.Module == module.Name)
                .Select(e => new ExerciseResult(e.Id, e.Title, e.Module, ExerciseStatus.Tampered, 0, e.Points, "", 0, [], [], "")));
            for (int i = 0; i < moduleResults.Count; i++)
            {
                if (tamper.Tampered.TryGetValue(moduleResults[i].Id, out string? reason))
                {
                    moduleResults[i] = moduleResults[i] with { Status = ExerciseStatus.Tampered, Points = 0, Message = $"tampered: {reason}; restore it (git checkout -- <file>) to be graded" };
                }
            }

            moduleResults.Sort((a, b) => ExerciseId.Parse(a.Id).CompareTo(ExerciseId.Parse(b.Id)));
            observer.ModuleFinished(module, moduleResults);
            results.AddRange(moduleResults);
        }

        // The test files again, now that the student's code has run: one it rewrote costs its exercise.
        TamperReport after = TamperCheck.Check(course, manifest);
        for (int i = 0; i < results.Count; i++)
        {
            if (!tamper.Tampered.ContainsKey(results[i].Id) && after.Tampered.TryGetValue(results[i].Id, out string? reason))
            {
                results[i] = results[i] with { Status = ExerciseStatus.Tampered, Points = 0, Message = $"tampered while the tests ran: {reason}" };
            }
        }

        results.Sort((a, b) => ExerciseId.Parse(a.Id).CompareTo(ExerciseId.Parse(b.Id)));
        return new GradeReport(options.Side, results, modules, course.Problems, options.Isolation is { Network: true } sandbox ? sandbox.NetworkDescription : null);
    }

    /// <summary>Where to build from and to: another checkout's exercises build into their own artifacts folder.</summary>
    public static BuildSettings Settings(GradeOptions options)
    {
        string root = Path.GetFullPath(options.Root);
        string student = Path.GetFullPath(options.Student);
        bool otherStudent = !options.Solutions && !string.Equals(Path.TrimEndingDirectorySeparator(root), Path.TrimEndingDirectorySeparator(student), StringComparison.Ordinal);
        string sourceRoot = options.Solutions
            ? Path.Combine(root, "solutions") + Path.DirectorySeparatorChar
            : Path.Combine(student, "exercises") + Path.DirectorySeparatorChar;
        string artifacts = Path.Combine(root, "artifacts") + Path.DirectorySeparatorChar;
        if (otherStudent)
        {
            string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(student)))[..12];
            artifacts = Path.Combine(root, "artifacts", "student-" + key) + Path.DirectorySeparatorChar;
        }

        return new BuildSettings(root, sourceRoot, options.Side, artifacts, options.Restore, PassSourceRoot: otherStudent, PassArtifactsRoot: otherStudent, options.Isolation);
    }

    private static async Task<List<ExerciseResult>> RunModuleAsync(
        Module module,
        List<Exercise> exercises,
        BuildSettings settings,
        GradeOptions options,
        IGradeObserver observer,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var limits = new RunLimits(options.TestTimeout, options.ModuleTimeout, options.MemoryLimitBytes);
        // The module's test programs (visible and hidden) run side by side: each has its own watchdog,
        // and a process start costs more than the tests of a solved exercise.
        var runs = new List<Task<(TestKind Kind, IReadOnlyDictionary<string, ClassOutcome> Outcomes)>>();
        foreach (TestProject project in module.Projects)
        {
            var classes = exercises
                .Select(e => project.Kind == TestKind.Visible ? e.VisibleClass : e.HiddenClass)
                .Where(c => c is not null && c.Project.ProjectPath == project.ProjectPath)
                .Select(c => c!.FullName)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (classes.Count == 0)
            {
                continue;
            }

            string dll = Path.Combine(settings.OutputDirectory(project.Name), project.Name + ".dll");
            var runner = new TestProgramRunner(dll, limits, clock, progress => observer.TestProgress(module, progress), options.Isolation);
            TestKind kind = project.Kind;
            runs.Add(Task.Run(async () => (kind, await runner.RunAsync(classes, cancellationToken)), cancellationToken));
        }

        var outcomes = new Dictionary<(TestKind, string), ClassOutcome>();
        foreach ((TestKind kind, IReadOnlyDictionary<string, ClassOutcome> result) in await Task.WhenAll(runs))
        {
            foreach ((string name, ClassOutcome outcome) in result)
            {
                outcomes[(kind, name)] = outcome;
            }
        }

        return exercises.Select(e => Combine(e, Outcome(outcomes, TestKind.Visible, e.VisibleClass), Outcome(outcomes, TestKind.Hidden, e.HiddenClass))).ToList();
    }

    private static ClassOutcome? Outcome(Dictionary<(TestKind, string), ClassOutcome> outcomes, TestKind kind, TestClassInfo? info) =>
        info is not null && outcomes.TryGetValue((kind, info.FullName), out ClassOutcome? outcome) ? outcome : null;

    /// <summary>
    /// An exercise passes when every one of its visible and hidden tests passed. Otherwise its status is
    /// the worst fault among its tests (crashed, then timeout, then failed) and its message the first
    /// test that showed that fault.
    /// </summary>
    internal static ExerciseResult Combine(Exercise exercise, ClassOutcome? visible, ClassOutcome? hidden)
    {
        // Source order, not run order: xunit's order depends on where the assembly lives, and the same
        // code must give the same report in every checkout.
        List<TestRecord> visibleTests = InSourceOrder(visible);
        List<TestRecord> hiddenTests = InSourceOrder(hidden);
        var faults = new List<(TestStatus Status, string Message, string Trace)>();
        void Collect(ClassOutcome? outcome, List<TestRecord> tests, string label)
        {
            if (outcome is null)
            {
                return;
            }

            foreach (TestRecord test in tests.Where(t => t.Status is not (TestStatus.Passed or TestStatus.Skipped)))
            {
                faults.Add((test.Status, $"{label}{Readable(test.MethodName)}: {test.Message}", test.StackTrace));
            }

            if (!outcome.Finished && outcome.AbortStatus is { } status)
            {
                faults.Add((status, $"{label}{outcome.AbortMessage}", ""));
            }
        }

        Collect(visible, visibleTests, "");
        Collect(hidden, hiddenTests, "hidden test ");
        long duration = (long)Math.Round(visibleTests.Concat(hiddenTests).Sum(t => t.DurationMs));

        if (faults.Count == 0 && visibleTests.Count + hiddenTests.Count == 0)
        {
            faults.Add((TestStatus.Failed, "no tests ran for this exercise", ""));
        }

        if (faults.Count == 0)
        {
            return Result(exercise, ExerciseStatus.Passed, "", visibleTests, hiddenTests, duration);
        }

        TestStatus worst = faults.Any(f => f.Status == TestStatus.Tampered) ? TestStatus.Tampered
            : faults.Any(f => f.Status == TestStatus.Crashed) ? TestStatus.Crashed
            : faults.Any(f => f.Status == TestStatus.Timeout) ? TestStatus.Timeout
            : TestStatus.Failed;
        (_, string message, string trace) = faults.First(f => f.Status == worst);
        ExerciseStatus status = worst switch
        {
            TestStatus.Tampered => ExerciseStatus.Tampered,
            TestStatus.Crashed => ExerciseStatus.Crashed,
            TestStatus.Timeout => ExerciseStatus.Timeout,
            _ => ExerciseStatus.Failed,
        };
        return Result(exercise, status, message, visibleTests, hiddenTests, duration) with { FailureTrace = trace };
    }

    private static List<TestRecord> InSourceOrder(ClassOutcome? outcome) =>
        outcome is null
            ? []
            : outcome.Tests.OrderBy(t => t.SourceLine).ThenBy(t => t.DisplayName, StringComparer.Ordinal).ToList();

    private static ExerciseResult Result(Exercise e, ExerciseStatus status, string message, IReadOnlyList<TestRecord> visible, IReadOnlyList<TestRecord> hidden, long duration) =>
        new(e.Id, e.Title, e.Module, status, status == ExerciseStatus.Passed ? e.Points : 0, e.Points, message, duration, visible, hidden, e.Hint,
            e.VisibleClass?.FilePath, e.VisibleClass?.Line ?? 0);

    private static string Readable(string methodName) => methodName.Replace('_', ' ');

    private static string CompileMessage(string root, GradeOptions options, IReadOnlyList<CompilerError> errors)
    {
        CompilerError first = errors[0];
        string where = first.File.Length == 0 ? "" : RelativeTo(first.File, options.Student, root);
        if (first.Line > 0)
        {
            where += $"({first.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        }

        string more = errors.Count > 1 ? $" (+{(errors.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} more)" : "";
        return where.Length > 0
            ? $"does not compile: {where}: {first.Code} {first.Message}{more}"
            : $"does not compile: {first.Code} {first.Message}{more}";
    }

    /// <summary>A path shown relative to the student's checkout or the root when it is inside one of them.</summary>
    public static string RelativeTo(string path, string student, string root)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            return path.Replace('\\', '/');
        }

        foreach (string baseDir in new[] { student, root })
        {
            string relative = Path.GetRelativePath(baseDir, path);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return path.Replace('\\', '/');
    }
}
