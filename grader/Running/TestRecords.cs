namespace Katas.Grader.Running;

/// <summary>How one test ended.</summary>
internal enum TestStatus
{
    Passed,
    Failed,
    Skipped,
    /// <summary>xunit's own timeout fired, or the grader's watchdog stopped the test.</summary>
    Timeout,
    /// <summary>The test process died while this test ran.</summary>
    Crashed,
    /// <summary>The run's messages contradicted each other: something forged results.</summary>
    Tampered,
}

/// <summary>One test (one theory row counts as one) and how it ended.</summary>
/// <remarks>
/// <see cref="SourceLine"/> orders tests the same way in every run, whatever order xunit ran them in.
/// <see cref="StackTrace"/> is a failure's stack traces (every exception of it, capped), for showing where in the student's code it happened.
/// </remarks>
internal sealed record TestRecord(string ClassName, string MethodName, string DisplayName, TestStatus Status, string Message, double DurationMs, int SourceLine = 0, string StackTrace = "");

/// <summary>What happened to one test class in a run of its test program.</summary>
internal sealed class ClassOutcome
{
    public List<TestRecord> Tests { get; } = [];

    /// <summary>
    /// Nothing more of the class will run: xunit reported it finished, or one of its tests timed out or
    /// crashed the process (the exercise has failed, and the rest of its tests are left out).
    /// </summary>
    public bool Finished { get; set; }

    /// <summary>Set when the run stopped before the class finished: why it could not run to its end.</summary>
    public TestStatus? AbortStatus { get; set; }

    public string AbortMessage { get; set; } = "";
}

/// <summary>Limits a test program runs under.</summary>
/// <param name="TestTimeout">How long one test may run before the watchdog kills the process.</param>
/// <param name="Deadline">When the module's time budget runs out (a stopwatch reading).</param>
/// <param name="MemoryLimitBytes">GC heap hard limit of the test process.</param>
/// <param name="MaxLineBytes">Cap on one line of the test program's output.</param>
internal sealed record RunLimits(TimeSpan TestTimeout, TimeSpan Deadline, long MemoryLimitBytes, int MaxLineBytes = 1 << 20);

/// <summary>What the live display is told while tests run.</summary>
internal readonly record struct TestProgress(string ClassName, string DisplayName, TestStatus? Status);
