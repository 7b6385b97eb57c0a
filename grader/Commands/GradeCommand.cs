using System.CommandLine;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Integrity;
using Katas.Grader.Isolation;
using Katas.Grader.Reporting;

namespace Katas.Grader.Commands;

/// <summary>The main job: grade the student's exercises (or the solutions) and report.</summary>
internal static class GradeCommand
{
    public static void Configure(RootCommand command, SharedOptions shared, CliContext context)
    {
        var solutions = new Option<bool>("--solutions")
        {
            Description = "Grade the reference solutions in solutions/ instead of exercises/.",
        };
        var student = new Option<string>("--student")
        {
            Description = "The checkout whose exercises/ is graded (default: the root). The tests always come from the root.",
            HelpName = "DIR",
        };
        var markdown = new Option<string>("--markdown")
        {
            Description = "Also write a Markdown summary table to FILE (appended to $GITHUB_STEP_SUMMARY too when that is set).",
            HelpName = "FILE",
        };
        var classroom = new Option<string>("--classroom")
        {
            Description = "Also write the GitHub Classroom autograding result (base64 JSON) to FILE.",
            HelpName = "FILE",
        };
        var gradescope = new Option<string>("--gradescope")
        {
            Description = "Also write Gradescope's results.json to FILE.",
            HelpName = "FILE",
        };
        var isolateNetwork = new Option<bool>("--isolate-network")
        {
            Description = "Build and run the student's code in a Linux network namespace with only a loopback interface (restore happens before, outside it). Grades anyway, and says so, when no namespace can be made.",
        };
        var plain = new Option<bool>("--plain")
        {
            Description = "Plain text output without colour or live progress (automatic when output is redirected or NO_COLOR is set).",
        };

        foreach (Option option in (Option[])[solutions, shared.Module, shared.Exercise, student, shared.Json, markdown, classroom, gradescope,
            shared.TestTimeout, shared.ModuleTimeout, shared.MemoryLimit, shared.NoRestore, isolateNetwork, plain])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            string studentDir = parse.GetValue(student) is { } s ? Path.GetFullPath(s) : root;
            if (!Directory.Exists(Path.Combine(studentDir, "exercises")))
            {
                throw new UsageException($"--student {studentDir}: no exercises/ folder there");
            }

            string? classroomFile = parse.GetValue(classroom);
            Course course = CourseDiscovery.Discover(root);
            TamperReport tamper = TamperCheck.Check(course, TestManifest.Load(root));
            Selection selection = Selection.Resolve(course, tamper, parse.GetValue(shared.Module), parse.GetValue(shared.Exercise));
            if (selection.Modules.Count == 0)
            {
                throw new UsageException($"no modules with tests found under {root}/exercises");
            }

            GradeOptions options = shared.GradeOptions(parse, root, studentDir, parse.GetValue(solutions));
            ConsoleReporter reporter = ConsoleReporter.Create(context.Out, forcePlain: parse.GetValue(plain));
            reporter.Problems(course.Problems);
            // Nothing a test starts may outlive it: every test program runs in a PID namespace of its own.
            options = options with { Isolation = await Sandbox.ProbeAsync(parse.GetValue(isolateNetwork), root, cancellationToken) };
            if (options.Isolation.Network || !options.Isolation.Active)
            {
                reporter.Line($"sandbox: {TextSanitizer.OneLine(options.Isolation.Description)}", options.Isolation.Active ? "grey" : "yellow");
            }

            if (!course.HiddenTestsAvailable)
            {
                reporter.Line("note: the hidden tests are not in this repository; they run when you push (the Grade workflow), so points here count the visible tests only", "grey");
            }

            if (!tamper.ManifestFound)
            {
                reporter.Line($"warning: no {TestManifest.RelativePath}: test files are not checked for changes (instructors: run hash-tests)", "yellow");
            }

            GradeReport report;
            try
            {
                report = await reporter.LiveAsync(() => GradingRun.GradeAsync(course, tamper, selection, options, reporter, cancellationToken));
            }
#pragma warning disable CA1031 // Whatever went wrong, the gradebook still gets a result with every exercise in it.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                context.Error.WriteLine($"error: grading could not run: {TextSanitizer.OneLine(e.Message)}");
                if (classroomFile is not null)
                {
                    var names = selection.Exercises.Select(x => ($"{x.Id} {x.Title}", x.Points)).ToList();
                    ClassroomReportWriter.Write(ClassroomReportWriter.Error(names.Sum(n => n.Points), names, e.Message), classroomFile);
                }

                return GraderCli.Failure;
            }

            reporter.Report(report, report.StudentRoot ?? studentDir, root, course);
            if (options.Isolation is { Active: false, Network: true } none)
            {
                reporter.Line($"warning: the student's code ran WITH network access (isolation {TextSanitizer.OneLine(none.Description)})", "yellow");
            }

            WriteFiles(report, root, parse.GetValue(shared.Json), parse.GetValue(markdown), classroomFile, parse.GetValue(gradescope));
            return report.AllPassed ? GraderCli.Success : GraderCli.Failure;
        });
    }

    private static void WriteFiles(GradeReport report, string root, string? json, string? markdown, string? classroom, string? gradescope)
    {
        if (json is not null)
        {
            JsonReportWriter.Write(report, json);
        }

        if (markdown is not null)
        {
            MarkdownReportWriter.Write(report, markdown);
            if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            {
                ReportFiles.Append(summary, MarkdownReportWriter.Render(report) + "\n");
            }
        }

        if (classroom is not null)
        {
            ClassroomReportWriter.Write(ClassroomReportWriter.Map(report, root), classroom);
        }

        if (gradescope is not null)
        {
            GradescopeReportWriter.Write(report, gradescope);
        }
    }
}
