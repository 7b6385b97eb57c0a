using System.CommandLine;
using System.Globalization;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;

namespace Katas.Grader.Commands;

/// <summary>Where the commands write: the real console, or writers a test passes in.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error);

/// <summary>
/// The command line: grading is the root command (<c>dotnet run --project grader -- [options]</c>);
/// <c>list</c>, <c>hint</c>, <c>verify</c> and <c>hash-tests</c> are subcommands. Exit codes: 0 all
/// graded exercises passed (or the subcommand succeeded), 1 otherwise, 2 on a bad command line.
/// </summary>
internal static class GraderCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Misuse = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var context = new CliContext(output, error);
        RootCommand root = Build(context);
        ParseResult parse = root.Parse(args);
        bool helpOrVersion = parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?" or "--version");
        if (parse.Errors.Count > 0 && !helpOrVersion)
        {
            error.WriteLine($"error: {parse.Errors[0].Message} (see --help)");
            return Misuse;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Misuse;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled");
            return Failure;
        }
#pragma warning disable CA1031 // The promise is one line per failure, never a grader stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine($"error: the grader failed: {e.GetType().Name}: {Reporting.TextSanitizer.OneLine(e.Message)}");
            return Failure;
        }
    }

    private static RootCommand Build(CliContext context)
    {
        var options = new SharedOptions();
        var root = new RootCommand("Grades the Katas exercises: builds the visible and hidden tests, runs them and reports points per exercise.");
        root.Options.Add(options.Root);
        GradeCommand.Configure(root, options, context);
        root.Subcommands.Add(ListCommand.Create(options, context));
        root.Subcommands.Add(HintCommand.Create(options, context));
        root.Subcommands.Add(VerifyCommand.Create(options, context));
        root.Subcommands.Add(HashTestsCommand.Create(options, context));
        root.Subcommands.Add(WatchCommand.Create(options, context));
        ClassroomCommands.AddTo(root, options, context);
        return root;
    }

    /// <summary>The checkout to work on: --root, or the folder with Katas.sln above the current directory.</summary>
    public static string ResolveRoot(ParseResult parse, SharedOptions options)
    {
        string? given = parse.GetValue(options.Root);
        if (given is not null)
        {
            string full = Path.GetFullPath(given);
            if (!Directory.Exists(Path.Combine(full, "exercises")))
            {
                throw new UsageException($"--root {given}: no exercises/ folder there, so it is not a Katas checkout");
            }

            return full;
        }

        return CourseDiscovery.FindRoot(Directory.GetCurrentDirectory())
            ?? throw new UsageException($"no Katas.sln in {Directory.GetCurrentDirectory()} or above it: run inside a Katas checkout or pass --root DIR");
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Options more than one command takes, created once so --help describes them the same everywhere.</summary>
internal sealed class SharedOptions
{
    public Option<string> Root { get; } = new("--root")
    {
        Description = "The Katas checkout whose tests and grader are used. Default: the folder with Katas.sln at or above the current directory.",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string> Module { get; } = new("--module", "-m")
    {
        Description = "Grade one module only, by number (1) or folder name (01-parallelism).",
        HelpName = "MODULE",
    };

    public Option<string> Exercise { get; } = new("--exercise", "-e")
    {
        Description = "Grade one exercise only, by id (1.3).",
        HelpName = "ID",
    };

    public Option<string> Json { get; } = new("--json")
    {
        Description = "Also write the results as JSON to FILE (format: grader/results.schema.json).",
        HelpName = "FILE",
    };

    public Option<int> TestTimeout { get; } = Positive(new Option<int>("--test-timeout")
    {
        Description = "Seconds one test may run before the grader kills its process and records a timeout (default 15: the 10 s test timeout plus a margin).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 15,
    });

    public Option<int> ModuleTimeout { get; } = Positive(new Option<int>("--module-timeout")
    {
        Description = "Seconds all the tests of one module may take together; tests not run by then count as timeouts (default 300).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 300,
    });

    public Option<int> MemoryLimit { get; } = Positive(new Option<int>("--memory-limit")
    {
        Description = "Heap limit of each test process in MiB: unbounded allocation fails the test cleanly (default 512).",
        HelpName = "MIB",
        DefaultValueFactory = _ => 512,
    });

    public Option<bool> NoRestore { get; } = new("--no-restore")
    {
        Description = "Don't restore NuGet packages before building (they were restored already; works offline).",
    };

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            // A token that is not a number is reported by the parser itself; here only its sign matters.
            if (result.Tokens.Count > 0
                && int.TryParse(result.Tokens[^1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                && value <= 0)
            {
                result.AddError($"{option.Name} must be a positive number");
            }
        });
        return option;
    }

    public GradeOptions GradeOptions(ParseResult parse, string root, string student, bool solutions) => new()
    {
        Root = root,
        Student = student,
        Solutions = solutions,
        TestTimeout = TimeSpan.FromSeconds(parse.GetValue(TestTimeout)),
        ModuleTimeout = TimeSpan.FromSeconds(parse.GetValue(ModuleTimeout)),
        MemoryLimitBytes = parse.GetValue(MemoryLimit) * 1024L * 1024L,
        Restore = !parse.GetValue(NoRestore),
    };
}
