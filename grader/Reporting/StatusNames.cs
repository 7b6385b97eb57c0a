using Katas.Grader.Grading;

namespace Katas.Grader.Reporting;

/// <summary>The status words every report uses.</summary>
internal static class StatusNames
{
    public static string Of(ExerciseStatus status) => status switch
    {
        ExerciseStatus.Passed => "passed",
        ExerciseStatus.Failed => "failed",
        ExerciseStatus.Timeout => "timeout",
        ExerciseStatus.Crashed => "crashed",
        ExerciseStatus.CompileError => "compile-error",
        ExerciseStatus.Tampered => "tampered",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
