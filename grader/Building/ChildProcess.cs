using System.Diagnostics;
using Katas.Grader.Isolation;

namespace Katas.Grader.Building;

/// <summary>
/// The one way the grader starts a process: <see cref="StartInfo"/> sets every start up the same way
/// (redirected streams, no shell, an allow-listed environment, the SDK quiet), and <see cref="RunAsync(string, IEnumerable{string}, string, List{string}, CancellationToken, Sandbox?)"/>
/// runs a tool (dotnet build) to completion, collecting its output lines, killed with its children on cancellation.
/// </summary>
internal static class ChildProcess
{
    /// <summary>A process start with redirected streams and an environment that student code may see (<see cref="ChildEnvironment"/>).</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Only the variables the SDK and the runtime need: no CI tokens, no job summary file.
        ChildEnvironment.Scrub(startInfo);
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        return startInfo;
    }

    /// <summary>Lines kept from a tool's output; the error lines MSBuild prints come well within this.</summary>
    private const int MaxLines = 20_000;

    public static Task<int> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, List<string> output, CancellationToken cancellationToken, Sandbox? isolation = null) =>
        RunAsync(fileName, arguments, workingDirectory, output, environment: null, cancellationToken, isolation);

    /// <summary>The same, with <paramref name="environment"/> set for the child on top of the defaults below (the watch loop turns build servers on).</summary>
    public static async Task<int> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, List<string> output, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, Sandbox? isolation = null)
    {
        ProcessStartInfo startInfo = StartInfo(fileName, arguments, workingDirectory);
        startInfo.Environment["MSBUILDTERMINALLOGGER"] = "off";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        isolation?.Apply(startInfo);

        using var process = new Process { StartInfo = startInfo };
        var gate = new object();
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                if (output.Count < MaxLines)
                {
                    output.Add(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // The parameterless wait also drains the redirected output to its end.
        process.WaitForExit();
        return process.ExitCode;
    }
}
