using System.CommandLine;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;

namespace Katas.Grader.Commands;

/// <summary><c>hint ID</c>: the hint of an exercise (the stubs' exception messages point here).</summary>
internal static class HintCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The exercise id, e.g. 1.1." };
        var command = new Command("hint", "Print the hint of an exercise.");
        command.Arguments.Add(id);
        command.SetAction(parse =>
        {
            Course course = CourseDiscovery.Discover(GraderCli.ResolveRoot(parse, shared));
            string wanted = parse.GetValue(id)!;
            Exercise exercise = course.FindExercise(wanted)
                ?? throw new UsageException($"unknown exercise '{wanted}': expected one of {string.Join(", ", course.Exercises.Select(e => e.Id))}");
            context.Out.WriteLine($"{exercise.Id} {exercise.Title} ({GraderCli.Format(exercise.Points)} points)");
            context.Out.WriteLine();
            context.Out.WriteLine(exercise.Hint.Length > 0 ? exercise.Hint : "This exercise has no hint yet.");
            return GraderCli.Success;
        });
        return command;
    }
}
