using System.CommandLine;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Watching;

namespace Katas.Grader.Commands;

/// <summary><c>watch</c>: the student's loop; rebuilds and re-runs the current exercise's tests on every save.</summary>
internal static class WatchCommand
{
    public static Command Create(SharedOptions shared, CliContext context)
    {
        var poll = new Option<bool>("--poll")
        {
            Description = "Look for saved files every second instead of relying on file events (automatic on WSL and when file events fail).",
        };
        var plain = new Option<bool>("--plain")
        {
            Description = "Print each screen after the last instead of redrawing in place (automatic when output is redirected or NO_COLOR is set).",
        };
        var noBuildServers = new Option<bool>("--no-build-servers")
        {
            Description = "Don't keep MSBuild nodes and the compiler server warm between rebuilds (slower saves, less memory).",
        };
        var command = new Command("watch", "Show the current exercise and re-run its tests on every save under exercises/. Keys: h hint, n next, l list, r re-run, q quit.");
        foreach (Option option in (Option[])[poll, plain, noBuildServers, shared.TestTimeout, shared.MemoryLimit, shared.NoRestore])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string root = GraderCli.ResolveRoot(parse, shared);
            Course course = CourseDiscovery.Discover(root);
            if (course.Exercises.Count == 0)
            {
                throw new UsageException($"no exercises found under {root}/exercises");
            }

            var options = new WatchOptions
            {
                Root = root,
                Poll = parse.GetValue(poll),
                Plain = parse.GetValue(plain),
                Restore = !parse.GetValue(shared.NoRestore),
                BuildServers = !parse.GetValue(noBuildServers),
                TestTimeout = TimeSpan.FromSeconds(parse.GetValue(shared.TestTimeout)),
                MemoryLimitBytes = parse.GetValue(shared.MemoryLimit) * 1024L * 1024L,
            };
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                interrupted.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var session = new WatchSession(course, options, new WatchScreen(context.Out, options.Plain));
                return await session.RunAsync(interrupted.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }
}
