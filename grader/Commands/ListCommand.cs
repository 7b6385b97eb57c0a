using System.CommandLine;
using Katas.Grader.Discovery;

namespace Katas.Grader.Commands;

/// <summary><c>list</c>: every exercise with its id, title and points, read from the test sources.</summary>
internal static class ListCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var command = new Command("list", "List the exercises: id, title, points and module.");
        command.SetAction(parse =>
        {
            Course course = CourseDiscovery.Discover(GraderCli.ResolveRoot(parse, shared));
            int width = Math.Max(5, course.Exercises.Select(e => e.Title.Length).DefaultIfEmpty(0).Max());
            context.Out.WriteLine($"{"Id",-6} {"Title".PadRight(width)} {"Points",6}  Module");
            foreach (Exercise e in course.Exercises)
            {
                context.Out.WriteLine($"{e.Id,-6} {e.Title.PadRight(width)} {GraderCli.Format(e.Points),6}  {e.Module}");
            }

            context.Out.WriteLine($"{GraderCli.Format(course.Exercises.Count)} exercises, {GraderCli.Format(course.Exercises.Sum(e => e.Points))} points");
            foreach (MetadataProblem problem in course.Problems)
            {
                context.Error.WriteLine($"warning: {problem.Message}");
            }

            return GraderCli.Success;
        });
        return command;
    }
}
