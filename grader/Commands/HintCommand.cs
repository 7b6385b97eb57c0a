using System.CommandLine;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;

namespace Katas.Grader.Commands;

/// <summary>
/// <c>hint ID [--more]</c>: the hint of an exercise (the stubs' exception messages point here). Level 1 is
/// the idea and a question; <c>--more</c> adds level 2, which names the API. Read from the test sources
/// alone: nothing is built, so a hint is there even when the code does not compile.
/// </summary>
internal static class HintCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The exercise id, e.g. 1.1." };
        var more = new Option<bool>("--more")
        {
            Description = "Also show the second hint level, which names the API or technique.",
        };
        var command = new Command("hint", "Print the hint of an exercise (--more: the second level too).");
        command.Arguments.Add(id);
        command.Options.Add(more);
        command.SetAction(parse =>
        {
            Course course = CourseDiscovery.Discover(GraderCli.ResolveRoot(parse, shared));
            string wanted = parse.GetValue(id)!;
            Exercise exercise = course.FindExercise(wanted)
                ?? throw new UsageException($"unknown exercise '{wanted}': expected one of {string.Join(", ", course.Exercises.Select(e => e.Id))}");
            context.Out.WriteLine($"{exercise.Id} {exercise.Title} ({GraderCli.Format(exercise.Points)} points)");
            context.Out.WriteLine();
            context.Out.WriteLine(exercise.Hint.Length > 0 ? exercise.Hint : "This exercise has no hint yet.");
            if (parse.GetValue(more))
            {
                context.Out.WriteLine();
                context.Out.WriteLine("More:");
                context.Out.WriteLine(exercise.MoreHint.Length > 0 ? exercise.MoreHint : "This exercise has no second hint level yet.");
            }
            else if (exercise.MoreHint.Length > 0)
            {
                context.Out.WriteLine();
                context.Out.WriteLine($"Still stuck? dotnet run --project grader -- hint {exercise.Id} --more names the API.");
            }

            return GraderCli.Success;
        });
        return command;
    }
}
