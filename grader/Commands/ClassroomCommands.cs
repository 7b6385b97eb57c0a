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
