using System.CommandLine;
using Katas.Grader.Classroom;
using Katas.Grader.Grading;

namespace Katas.Grader.Commands;

/// <summary>
/// The classroom subcommands: <c>export-template</c> (the student repository), <c>gradebook</c> (many
/// students' JSON results into one CSV) and <c>gradescope-bundle</c> (Gradescope's autograder folder).
/// </summary>
internal static class ClassroomCommands
{
    public static void AddTo(RootCommand root, SharedOptions shared, CliContext context)
    {
        root.Subcommands.Add(ExportTemplate(shared, context));
        root.Subcommands.Add(GradebookCommand(context));
        root.Subcommands.Add(GradescopeBundle(shared, context));
    }

    private static Command GradescopeBundle(SharedOptions shared, CliContext context)
    {
        var directory = new Argument<string>("dir") { Description = "An empty or new folder to write the autograder into." };
        var command = new Command("gradescope-bundle", "Write Gradescope's autograder folder (setup.sh, run_autograder, the grader with visible and hidden tests; no solutions) into an empty folder.");
        command.Arguments.Add(directory);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            string target = Path.GetFullPath(parse.GetValue(directory)!);
            RequireEmpty(target);
            IReadOnlyList<string> written = await GradescopeBundler.BundleAsync(root, target, cancellationToken);
            context.Out.WriteLine($"Wrote Gradescope's autograder to {target}: {GraderCli.Format(written.Count)} files.");
            context.Out.WriteLine("Zip the folder's contents (setup.sh and run_autograder at the top) and upload it as the autograder.");
            return GraderCli.Success;
        });
        return command;
    }

    private static Command GradebookCommand(CliContext context)
    {
        var results = new Argument<string[]>("results")
        {
            Description = "Students' --json results files, or folders searched for results.json files (e.g. downloaded workflow artifacts).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o") { Description = "Write the CSV to FILE (default: standard output).", HelpName = "FILE" };
        var command = new Command("gradebook", "Merge many students' JSON results into one CSV: a row per student, a column per exercise, total and max. A student is named by the results file's folder, or by the file's name when all files share that folder.");
        command.Arguments.Add(results);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var files = new List<string>();
            foreach (string given in parse.GetValue(results)!)
            {
                if (Directory.Exists(given))
                {
                    files.AddRange(Directory.EnumerateFiles(given, "results.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(given))
                {
                    files.Add(given);
                }
                else
                {
                    throw new UsageException($"{given}: no such file or folder");
                }
            }

            IReadOnlyDictionary<string, string> names = Gradebook.StudentNames(files);
            var students = new List<StudentResults>();
            int skipped = 0;
            foreach ((string file, string student) in names)
            {
                try
                {
                    students.Add(Gradebook.Read(file, student));
                }
                catch (InvalidDataException e)
                {
                    context.Error.WriteLine($"warning: skipped {Reporting.TextSanitizer.OneLine(e.Message)}");
                    skipped++;
                }
            }

            string csv = Gradebook.ToCsv(students);
            if (parse.GetValue(output) is { } path)
            {
                Reporting.ReportFiles.Write(path, csv);
                context.Out.WriteLine($"Wrote {path}: {GraderCli.Format(students.Count)} students{(skipped > 0 ? $", {GraderCli.Format(skipped)} files skipped" : "")}.");
            }
            else
            {
                context.Out.Write(csv);
            }

            // A skipped file is a student missing from the gradebook: the caller must notice.
            return skipped > 0 ? GraderCli.Failure : GraderCli.Success;
        });
        return command;
    }

    private static Command ExportTemplate(SharedOptions shared, CliContext context)
    {
        var directory = new Argument<string>("dir") { Description = "An empty or new folder to write the student repository into." };
        var command = new Command("export-template", "Write the student repository (the GitHub Classroom template) into an empty folder: no solutions, no hidden tests, the Grade workflow installed.");
        command.Arguments.Add(directory);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            string target = Path.GetFullPath(parse.GetValue(directory)!);
            RequireEmpty(target);
            IReadOnlyList<string> written = await TemplateExporter.ExportAsync(root, target, cancellationToken);
            context.Out.WriteLine($"Wrote the student repository to {target}: {GraderCli.Format(written.Count)} files.");
            context.Out.WriteLine("Left out (instructor-only): " + string.Join(", ", TemplateExporter.InstructorOnly) + "; the Grade workflow is .github/workflows/grade.yml.");
            context.Out.WriteLine("Next: git init, commit, push to a new repository and mark it as a template for GitHub Classroom.");
            return GraderCli.Success;
        });
        return command;
    }

    /// <summary>Refuses a folder that holds anything: an export never overwrites or mixes with other files.</summary>
    private static void RequireEmpty(string target)
    {
        if (File.Exists(target))
        {
            throw new UsageException($"{target} is a file; give an empty or new folder");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new UsageException($"{target} is not empty; give an empty or new folder (nothing was written)");
        }
    }
}
