using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Katas.Grader.Building;
using Katas.Grader.Isolation;

namespace Katas.Grader.Running;

/// <summary>
/// Runs one built xunit v3 test program as a child process and reads its JSON reporter stream, under a
/// watchdog. A test that runs longer than the test timeout gets the whole process tree killed and is
/// recorded as a timeout; a process that dies mid-run (Environment.Exit, stack overflow, a fatal
/// out-of-memory) blames the test in flight. Either way the program is started again with every
/// finished test method and the blamed test's class filtered out, so one fault costs only the exercise
/// whose test caused it, and only once.
/// </summary>
internal sealed class TestProgramRunner
{
    /// <summary>How long to wait for more messages before looking at the clocks again.</summary>
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(100);

    /// <summary>Safety net against a resume loop that makes no progress.</summary>
    private const int MaxStarts = 200;

    private readonly string _programDll;
    private readonly RunLimits _limits;
    private readonly Stopwatch _clock;
    private readonly Action<TestProgress>? _progress;
    private readonly Sandbox? _isolation;

    /// <param name="programDll">The test program's .dll; its apphost beside it is used when present.</param>
    /// <param name="limits">Timeouts and caps.</param>
    /// <param name="clock">The module's stopwatch: <see cref="RunLimits.Deadline"/> is read against it.</param>
    /// <param name="progress">Told about each test start and end, for the live display.</param>
    /// <param name="isolation">With --isolate-network: the program runs in a network namespace.</param>
    public TestProgramRunner(string programDll, RunLimits limits, Stopwatch clock, Action<TestProgress>? progress, Sandbox? isolation = null)
    {
        _isolation = isolation;
        _programDll = programDll;
        _limits = limits;
        _clock = clock;
        _progress = progress;
    }

    /// <summary>Runs the tests of <paramref name="classes"/> (full type names) and returns what happened to each class.</summary>
    public async Task<IReadOnlyDictionary<string, ClassOutcome>> RunAsync(IReadOnlyCollection<string> classes, CancellationToken cancellationToken)
    {
        var outcomes = classes.ToDictionary(c => c, _ => new ClassOutcome(), StringComparer.Ordinal);
        var doneMethods = new HashSet<string>(StringComparer.Ordinal);

        for (int start = 0; start < MaxStarts; start++)
        {
            var pending = outcomes.Where(o => !o.Value.Finished && o.Value.AbortStatus is null).Select(o => o.Key).ToList();
            if (pending.Count == 0)
            {
                break;
            }

            if (_clock.Elapsed >= _limits.Deadline)
            {
                Abort(outcomes, TestStatus.Timeout, "not run: the module's time budget ran out");
                break;
            }

            RunEnd end = await RunOnceAsync(pending, doneMethods, outcomes, cancellationToken);
            if (end == RunEnd.Stop)
            {
                break;
            }
        }

        Abort(outcomes, TestStatus.Crashed, "not run: the test program kept failing to start");
        return outcomes;
    }

    private enum RunEnd
    {
        /// <summary>Start again: a test was blamed and the rest may still run.</summary>
        Resume,
        /// <summary>Nothing more can be learnt from this program (it completed, or failed with no test to blame).</summary>
        Stop,
    }

    private async Task<RunEnd> RunOnceAsync(List<string> pending, HashSet<string> doneMethods, Dictionary<string, ClassOutcome> outcomes, CancellationToken cancellationToken)
    {
        using ResultChannel channel = ResultChannel.Open();
        using Process process = Start(pending, doneMethods, channel.Path);
        var lines = Channel.CreateUnbounded<OutputLine>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task pump = PumpAsync(channel, process, _limits.MaxLineBytes, lines.Writer);
        // Standard output and error are the student's: read to the end so the program never blocks on
        // them, kept only for a crash's cause (stderr), and never parsed for results.
        var stdout = new TailBuffer(0);
        Task stdoutPump = stdout.DrainAsync(process.StandardOutput.BaseStream);
        var stderr = new TailBuffer(4096);
        Task stderrPump = stderr.DrainAsync(process.StandardError.BaseStream);

        var state = new TestRunState(outcomes, doneMethods, () => _clock.Elapsed, _progress);
        string? killedFor = null;
        bool outputEnded = false;
        TimeSpan lastActivity = _clock.Elapsed;
        try
        {
            while (true)
            {
                while (lines.Reader.TryRead(out OutputLine line))
                {
                    lastActivity = _clock.Elapsed;
                    if (XunitJsonParser.Parse(line) is { } message)
                    {
                        state.Apply(message);
                    }
                }

                if (state.Contradiction is not null)
                {
                    break;
                }

                if (lines.Reader.Completion.IsCompleted)
                {
                    outputEnded = true;
                    break;
                }

                TimeSpan now = _clock.Elapsed;
                if (now >= _limits.Deadline)
                {
                    killedFor = $"the module's time budget of {Seconds(_limits.Deadline)} ran out while this test ran";
                    break;
                }

                if (state.InFlight is { } inFlight && now - inFlight.Started > _limits.TestTimeout)
                {
                    killedFor = $"timed out: still running after {Seconds(_limits.TestTimeout)}, so the grader stopped it (an endless loop or a deadlock?)";
                    break;
                }

                if (state.InFlight is null && now - lastActivity > _limits.TestTimeout)
                {
                    killedFor = $"the test program stopped responding for {Seconds(_limits.TestTimeout)} outside any test (a static constructor or module initializer that never returns?)";
                    break;
                }

                Task wait = lines.Reader.WaitToReadAsync(cancellationToken).AsTask();
                await Task.WhenAny(wait, Task.Delay(s_tick, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            // A program whose output has ended is ending by itself (finished, or crashed and not yet reaped):
            // a kill now could replace its own exit status with the kill's, so WaitForExitAsync's grace
            // decides. Anything else (a timeout, forged results, cancellation) is stopped at once.
            if (!outputEnded && !process.HasExited)
            {
                Kill(process);
            }
        }

        await WaitForExitAsync(process);
        try
        {
            await Task.WhenAll(pump, stdoutPump, stderrPump).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // A grandchild still holds the pipes open; what was read is enough.
        }

        while (lines.Reader.TryRead(out OutputLine line))
        {
            if (killedFor is null && state.Contradiction is null && XunitJsonParser.Parse(line) is { } message)
            {
                state.Apply(message);
            }
        }

        if (state.Contradiction is { } contradiction)
        {
            // Forged or replayed messages: nothing this start reported can be trusted.
            foreach (string name in pending)
            {
                outcomes[name].Tests.Clear();
                outcomes[name].Finished = false;
                outcomes[name].AbortStatus = null;
            }

            Abort(outcomes, TestStatus.Tampered, $"tampered: the test program's results contradict each other ({contradiction}); something in the test process wrote to the grader's result channel");
            return RunEnd.Stop;
        }

        if (killedFor is not null)
        {
            return Blame(state, outcomes, TestStatus.Timeout, killedFor);
        }

        if (state.AssemblyFinished)
        {
            // Classes that never started (no tests in them, or filtered out) are settled here.
            foreach (string name in pending)
            {
                outcomes[name].Finished = true;
            }

            return RunEnd.Stop;
        }

        int exitCode = process.ExitCode;
        return Blame(state, outcomes, TestStatus.Crashed, CrashMessage(exitCode, stderr.Text));
    }

    /// <summary>Records the fault against the test in flight (and resumes), or against every unfinished class (and stops).</summary>
    private RunEnd Blame(TestRunState state, Dictionary<string, ClassOutcome> outcomes, TestStatus status, string message)
    {
        if (state.InFlight is { } test && outcomes.TryGetValue(test.ClassName, out ClassOutcome? outcome))
        {
            double duration = (_clock.Elapsed - test.Started).TotalMilliseconds;
            outcome.Tests.Add(new TestRecord(test.ClassName, test.MethodName, test.DisplayName, status, message, duration, test.SourceLine));
            _progress?.Invoke(new TestProgress(test.ClassName, test.DisplayName, status));
            // The exercise has failed with this test, and its other tests cannot change that: they are
            // not run, since each of them could hang or crash too and cost another timeout or restart.
            outcome.Finished = true;
            return RunEnd.Resume;
        }

        Abort(outcomes, status, message);
        return RunEnd.Stop;
    }

    private static void Abort(Dictionary<string, ClassOutcome> outcomes, TestStatus status, string message)
    {
        foreach (ClassOutcome outcome in outcomes.Values.Where(o => !o.Finished && o.AbortStatus is null))
        {
            outcome.AbortStatus = status;
            outcome.AbortMessage = message;
        }
    }

    private static string CrashMessage(int exitCode, string stderr)
    {
        string cause = stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? "a stack overflow (endless recursion?)"
            : stderr.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase) ? "running out of memory"
            : exitCode is 134 or -6 ? "an abort signal (a stack overflow or a fatal runtime error)"
            : exitCode is 137 or -9 ? "being killed (out of memory?)"
            : $"exit code {exitCode.ToString(CultureInfo.InvariantCulture)} (Environment.Exit or a fatal error?)";
        return $"crashed: the test process ended with {cause} while this test ran";
    }

    private Process Start(List<string> classes, HashSet<string> doneMethods, string resultChannel)
    {
        string directory = Path.GetDirectoryName(_programDll)!;
        string apphost = Path.Combine(directory, Path.GetFileNameWithoutExtension(_programDll) + (OperatingSystem.IsWindows() ? ".exe" : ""));
        ProcessStartInfo startInfo = File.Exists(apphost)
            ? ChildProcess.StartInfo(apphost, [], directory)
            : ChildProcess.StartInfo("dotnet", ["exec", _programDll], directory);
        foreach (string argument in (string[])["-reporter", "katas", "-noColor", "-noLogo", "-noAutoReporters", "-parallel", "none"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (string name in classes)
        {
            startInfo.ArgumentList.Add("-class");
            startInfo.ArgumentList.Add(name);
        }

        foreach (string method in doneMethods.Order(StringComparer.Ordinal))
        {
            startInfo.ArgumentList.Add("-method-");
            startInfo.ArgumentList.Add(method);
        }

        // A hard heap limit turns unbounded allocation into a clean OutOfMemoryException in the test.
        startInfo.Environment["DOTNET_GCHeapHardLimit"] = "0x" + _limits.MemoryLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        startInfo.Environment["DOTNET_gcServer"] = "0";
        startInfo.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        startInfo.Environment["DOTNET_EnableCrashReport"] = "0";
        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment["KATAS_RESULT_CHANNEL"] = resultChannel;
        _isolation?.Apply(startInfo, protectRoot: true);

        var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Accepts the reporter's connection (unless the program ends first) and forwards its lines.</summary>
    private static async Task PumpAsync(ResultChannel channel, Process process, int maxLineBytes, ChannelWriter<OutputLine> writer)
    {
        try
        {
            Stream? stream = await channel.AcceptAsync(process.WaitForExitAsync());
            if (stream is null)
            {
                return;
            }

            using (stream)
            {
                using var reader = new BoundedLineReader(stream, maxLineBytes);
                while (await reader.ReadLineAsync() is { } line)
                {
                    writer.TryWrite(line);
                }
            }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The program died mid-message: what was read is all there is.
        }
        catch (IOException)
        {
            // The process was killed while we read: what was read is all there is.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    private static async Task WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A process that closed its output but won't exit.
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
