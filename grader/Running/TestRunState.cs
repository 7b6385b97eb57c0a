using System.Globalization;

namespace Katas.Grader.Running;

/// <summary>A test that has started and not finished.</summary>
internal sealed record InFlightTest(string TestUniqueId, string ClassName, string MethodName, string DisplayName, int SourceLine, TimeSpan Started);

/// <summary>
/// What one start of a test program has reported so far: xunit's messages, in order, turned into test
/// records of each class. Messages that contradict each other (a test that starts while another runs or
/// starts twice, a result for a test that is not running, a finish without a start, an end count unlike
/// the tests that finished) set <see cref="Contradiction"/>: something forged them, and the run is rejected.
/// </summary>
/// <param name="outcomes">Each class's outcome, by full name: records are added here.</param>
/// <param name="doneMethods">Methods (<c>Class.Method</c>) that finished, so a restart leaves them out.</param>
/// <param name="now">The module's clock, for durations and the watchdog.</param>
/// <param name="progress">Told about each test start and end.</param>
internal sealed class TestRunState(Dictionary<string, ClassOutcome> outcomes, HashSet<string> doneMethods, Func<TimeSpan> now, Action<TestProgress>? progress)
{
    private readonly Dictionary<string, ClassOutcome> _outcomes = outcomes;
    private readonly HashSet<string> _doneMethods = doneMethods;
    private readonly Func<TimeSpan> _now = now;
    private readonly Action<TestProgress>? _progress = progress;

    private readonly Dictionary<string, (string ClassName, string MethodName, string DisplayName, int SourceLine)> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _methods = new(StringComparer.Ordinal);

    /// <summary>Outcome messages waiting for their test-finished.</summary>
    private readonly Dictionary<string, XunitMessage> _results = new(StringComparer.Ordinal);

    /// <summary>Every test that started in this run: none may start twice.</summary>
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    private int _finishedTests;

    /// <summary>The test running now, if any (with <c>-parallel none</c> there is at most one).</summary>
    public InFlightTest? InFlight { get; private set; }

    /// <summary>xunit reported the end of the run.</summary>
    public bool AssemblyFinished { get; private set; }

    /// <summary>Set when the messages contradict each other: the run is rejected as tampered.</summary>
    public string? Contradiction { get; private set; }

    /// <summary>Takes the next message of the run.</summary>
    public void Apply(XunitMessage message)
    {
        switch (message.Type)
        {
            case "test-case-starting" when message.TestCaseUniqueId is not null:
                _cases[message.TestCaseUniqueId] = (message.TestClassName ?? "", message.TestMethodName ?? "", message.DisplayName ?? "", message.SourceLine ?? 0);
                break;
            case "test-class-starting" when message.TestClassUniqueId is not null && message.TestClassName is not null:
                _classes[message.TestClassUniqueId] = message.TestClassName;
                break;
            case "test-method-starting" when message.TestMethodUniqueId is not null && message.TestMethodName is not null:
                _methods[message.TestMethodUniqueId] = message.TestMethodName;
                break;
            case "test-starting" when message.TestUniqueId is not null:
                if (InFlight is not null || !_started.Add(message.TestUniqueId))
                {
                    Contradiction = $"test {message.TestUniqueId} started while another ran, or twice";
                    break;
                }

                (string className, string methodName, string caseName, int line) = message.TestCaseUniqueId is not null && _cases.TryGetValue(message.TestCaseUniqueId, out var c)
                    ? c
                    : ("", "", "", 0);
                string display = message.DisplayName ?? caseName;
                InFlight = new InFlightTest(message.TestUniqueId, className, methodName, display, line, _now());
                _progress?.Invoke(new TestProgress(className, display, null));
                break;
            case "test-passed" or "test-failed" or "test-skipped" or "test-not-run" when message.TestUniqueId is not null:
                if (InFlight?.TestUniqueId != message.TestUniqueId || !_results.TryAdd(message.TestUniqueId, message))
                {
                    Contradiction = $"a result for test {message.TestUniqueId}, which is not running or has a result already";
                }

                break;
            case "test-finished" when message.TestUniqueId is not null:
                if (InFlight?.TestUniqueId != message.TestUniqueId)
                {
                    Contradiction = $"test {message.TestUniqueId} finished without running";
                    break;
                }

                _finishedTests++;
                Finish(message);
                break;
            case "test-method-finished" when message.TestMethodUniqueId is not null && message.TestClassUniqueId is not null:
                if (_classes.TryGetValue(message.TestClassUniqueId, out string? ownerClass) && _methods.TryGetValue(message.TestMethodUniqueId, out string? method))
                {
                    _doneMethods.Add(ownerClass + "." + method);
                }

                break;
            case "test-class-finished" when message.TestClassUniqueId is not null:
                if (_classes.TryGetValue(message.TestClassUniqueId, out string? finishedClass) && _outcomes.TryGetValue(finishedClass, out ClassOutcome? finished))
                {
                    finished.Finished = true;
                }

                break;
            case "test-assembly-finished":
                if (message.TestsTotal is { } total && total != _finishedTests)
                {
                    Contradiction = $"{total.ToString(CultureInfo.InvariantCulture)} tests counted at the end, {_finishedTests.ToString(CultureInfo.InvariantCulture)} finished";
                    break;
                }

                AssemblyFinished = true;
                break;
        }
    }

    private void Finish(XunitMessage message)
    {
        InFlightTest? test = InFlight is { } inFlight && inFlight.TestUniqueId == message.TestUniqueId ? inFlight : null;
        InFlight = null;
        if (test is null || !_outcomes.TryGetValue(test.ClassName, out ClassOutcome? outcome))
        {
            return;
        }

        double duration = (message.ExecutionTime ?? 0) * 1000;
        TestRecord record;
        if (_results.Remove(message.TestUniqueId!, out XunitMessage? result))
        {
            TestStatus status = result.Type switch
            {
                "test-passed" => TestStatus.Passed,
                "test-skipped" or "test-not-run" => TestStatus.Skipped,
                _ when string.Equals(result.Cause, "Timeout", StringComparison.Ordinal) => TestStatus.Timeout,
                _ => TestStatus.Failed,
            };
            string text = status switch
            {
                TestStatus.Passed => "",
                TestStatus.Skipped => result.Text ?? "skipped",
                _ => FailureText(result),
            };
            string trace = status == TestStatus.Failed ? string.Join("\n", result.StackTraces) : "";
            record = new TestRecord(test.ClassName, test.MethodName, test.DisplayName, status, text, duration, test.SourceLine,
                trace.Length <= 16_384 ? trace : trace[..16_384]);
        }
        else
        {
            record = new TestRecord(test.ClassName, test.MethodName, test.DisplayName, TestStatus.Failed,
                "the test's result could not be read (its output was too large: does it print in a loop?)", duration, test.SourceLine);
        }

        outcome.Tests.Add(record);
        _progress?.Invoke(new TestProgress(test.ClassName, test.DisplayName, record.Status));
    }

    private static string FailureText(XunitMessage result)
    {
        if (result.Truncated && result.Messages.Count == 0)
        {
            return "the test failed, but its message was too large to read (does it print in a loop?)";
        }

        string message = WithoutStackFrames(result.Messages.Count > 0 ? result.Messages[0] : "");
        string type = result.ExceptionTypes.Count > 0 ? result.ExceptionTypes[0] : "";
        bool assertion = string.Equals(result.Cause, "Assertion", StringComparison.Ordinal) || type.StartsWith("Xunit.Sdk.", StringComparison.Ordinal);
        if (string.Equals(result.Cause, "Timeout", StringComparison.Ordinal))
        {
            return "timed out: " + message;
        }

        // "System.InvalidOperationException" reads as "InvalidOperationException": the namespace is noise here.
        string shortType = type[(type.LastIndexOf('.') + 1)..];
        return assertion || type.Length == 0 ? message : $"{shortType}: {message}";
    }

    /// <summary>
    /// An assertion that prints an unexpected exception (FluentAssertions' Throw) puts its stack trace into
    /// the message: the report shows where the failure is in the student's file instead, so frames go.
    /// </summary>
    private static string WithoutStackFrames(string message) =>
        message.Contains("   at ", StringComparison.Ordinal)
            ? string.Join('\n', message.Split('\n').Where(line => !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || !line.Contains('(', StringComparison.Ordinal)))
            : message;
}
