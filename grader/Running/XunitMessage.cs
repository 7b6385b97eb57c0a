namespace Katas.Grader.Running;

/// <summary>
/// The fields the grader uses from one message of xunit v3's JSON reporter (<c>-reporter json</c>), e.g.
/// <c>{"$type":"test-failed","TestUniqueID":"...","Cause":"Assertion","Messages":["..."],...}</c>.
/// </summary>
internal sealed record XunitMessage
{
    public required string Type { get; init; }

    public string? TestUniqueId { get; init; }

    public string? TestCaseUniqueId { get; init; }

    public string? TestMethodUniqueId { get; init; }

    public string? TestClassUniqueId { get; init; }

    public string? TestClassName { get; init; }

    public string? TestMethodName { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Line of the test method in its source file (test-case-starting).</summary>
    public int? SourceLine { get; init; }

    /// <summary>Seconds, as xunit reports them.</summary>
    public double? ExecutionTime { get; init; }

    /// <summary>Why a test failed: Assertion, Exception or Timeout.</summary>
    public string? Cause { get; init; }

    public IReadOnlyList<string> Messages { get; init; } = [];

    public IReadOnlyList<string> ExceptionTypes { get; init; } = [];

    /// <summary>One stack trace per exception of a failure (outer first), as xunit reports them.</summary>
    public IReadOnlyList<string> StackTraces { get; init; } = [];

    /// <summary>Skip reason or the text of a diagnostic/output message.</summary>
    public string? Text { get; init; }

    /// <summary>How many tests the run counted (test-assembly-finished).</summary>
    public int? TestsTotal { get; init; }

    /// <summary>The line was cut short; only the fields at its start could be read.</summary>
    public bool Truncated { get; init; }
}
