using System.Globalization;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Reporting;
using Katas.Grader.Running;

namespace Katas.Grader.Verification;

/// <summary>One contract check and whether it met its expectation.</summary>
internal sealed record VerifyCheck(string Name, bool Passed, string Detail);

/// <summary>
/// The exercise contract CI enforces: metadata complete; on solutions/ every visible and hidden test
/// passes; on exercises/ (the stubs) at least one visible and one hidden test fails, since an exercise
/// that passes unsolved teaches nothing.
/// </summary>
internal static class ContractVerifier
{
    /// <summary>The fewest wrong solutions an exercise ships (CONTRIBUTING.md, "Mistakes").</summary>
    public const int MinimumMistakes = 2;

    public static IReadOnlyList<VerifyCheck> Check(Course course, IReadOnlyList<Exercise> exercises, GradeReport solutions, GradeReport stubs) =>
        Check(course, exercises, solutions, stubs, mistakes: null);

    /// <summary>
    /// Every check, grouped by exercise: metadata, solved, unsolved, then (when <paramref name="mistakes"/> is
    /// given) how many mistakes it ships and, for each, the test that catches it. A mistake that passes every
    /// test fails its check exactly as a stub that passes does.
    /// </summary>
    public static IReadOnlyList<VerifyCheck> Check(Course course, IReadOnlyList<Exercise> exercises, GradeReport solutions, GradeReport stubs, IReadOnlyList<MistakeOutcome>? mistakes)
    {
        var checks = new List<VerifyCheck>();
        foreach (MetadataProblem problem in course.Problems.Where(p => p.ExerciseId is null))
        {
            checks.Add(new VerifyCheck("metadata", false, problem.Message));
        }

        if (mistakes is not null)
        {
            var ids = exercises.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var modules = exercises.Select(e => e.Module).ToHashSet(StringComparer.Ordinal);
            foreach (MetadataProblem problem in course.MistakeProblems.Where(p => p.ExerciseId is null ? modules.Count == course.Modules.Count : ids.Contains(p.ExerciseId)))
            {
                checks.Add(new VerifyCheck("mistakes", false, problem.Message));
            }
        }

        foreach (Exercise exercise in exercises)
        {
            checks.Add(Metadata(course, exercise));
            checks.Add(Solved(exercise, solutions.Exercises.FirstOrDefault(e => e.Id == exercise.Id)));
            checks.Add(Unsolved(exercise, stubs.Exercises.FirstOrDefault(e => e.Id == exercise.Id)));
            if (mistakes is not null)
            {
                var own = mistakes.Where(m => m.Mistake.ExerciseId == exercise.Id).ToList();
                string names = own.Count == 0 ? "none" : string.Join(", ", own.Select(m => m.Mistake.Name));
                checks.Add(new VerifyCheck($"mistakes {exercise.Id}", own.Count >= MinimumMistakes,
                    own.Count >= MinimumMistakes
                        ? $"{Count(own.Count, "wrong solution")} ({names})"
                        : $"{Count(own.Count, "wrong solution")} ({names}); ship at least {MinimumMistakes.ToString(CultureInfo.InvariantCulture)} under grader/mistakes/{exercise.Module}/{exercise.Id}-<slug>/ (CONTRIBUTING.md, Mistakes)"));
                checks.AddRange(own.Select(Caught));
            }
        }

        return checks;
    }

    /// <summary>A mistake is caught when its exercise does not pass: the check names the first test that fails, and how many more do.</summary>
    internal static VerifyCheck Caught(MistakeOutcome outcome)
    {
        string name = $"mistake {outcome.Mistake.Name}";
        string belief = outcome.Mistake.Misconception;
        if (outcome.Result is not { } result)
        {
            return new VerifyCheck(name, false, $"was not graded ({belief})");
        }

        if (result.Status == ExerciseStatus.CompileError)
        {
            return new VerifyCheck(name, false, $"does not compile, so it proves nothing: {result.Message}");
        }

        if (result.Passed)
        {
            return new VerifyCheck(name, false, $"passes every visible and hidden test of {result.Id}: the tests check the result, not the lesson ({belief})");
        }

        var failing = result.VisibleTests.Select(t => (Test: t, Kind: "visible"))
            .Concat(result.HiddenTests.Select(t => (Test: t, Kind: "hidden")))
            .Where(t => t.Test.Status is not (TestStatus.Passed or TestStatus.Skipped))
            .ToList();
        string by = failing.Count == 0
            ? result.Message
            : $"{failing[0].Kind} {failing[0].Test.MethodName.Replace('_', ' ')} ({failing[0].Test.Status.ToString().ToLowerInvariant()})"
              + (failing.Count > 1 ? $" and {Count(failing.Count - 1, "more test")}" : "");
        return new VerifyCheck(name, true, $"caught by {by}; {belief}");
    }

    private static VerifyCheck Metadata(Course course, Exercise exercise)
    {
        string name = $"metadata {exercise.Id}";
        var problems = course.Problems.Where(p => p.ExerciseId == exercise.Id).Select(p => p.Message).ToList();
        if (exercise.MoreHint.Length == 0)
        {
            problems.Add($"exercise {exercise.Id} has no second hint level: write MoreHint = \"\"\"...\"\"\" (names the API; never code).");
        }

        if (exercise.Recap.Length == 0)
        {
            problems.Add($"exercise {exercise.Id} has no recap: write Recap = \"\"\"...\"\"\" (two or three lines: what it taught).");
        }

        return problems.Count == 0
            ? new VerifyCheck(name, true, $"one visible class with [Exercise] ({exercise.Points.ToString(CultureInfo.InvariantCulture)} points, two hint levels, a recap), one hidden class")
            : new VerifyCheck(name, false, string.Join("; ", problems));
    }

    private static VerifyCheck Solved(Exercise exercise, ExerciseResult? result)
    {
        string name = $"solutions {exercise.Id}";
        if (result is null)
        {
            return new VerifyCheck(name, false, "was not graded");
        }

        int visible = result.VisibleTests.Count;
        int hidden = result.HiddenTests.Count;
        if (result.Passed && visible > 0 && hidden > 0)
        {
            return new VerifyCheck(name, true, $"all {Count(visible, "visible test")} and {Count(hidden, "hidden test")} pass");
        }

        string why = result.Passed ? $"{Count(visible, "visible test")} and {Count(hidden, "hidden test")} ran; both kinds are needed" : $"{StatusNamesText(result)}: {result.Message}";
        return new VerifyCheck(name, false, why);
    }

    private static VerifyCheck Unsolved(Exercise exercise, ExerciseResult? result)
    {
        string name = $"exercises {exercise.Id}";
        if (result is null)
        {
            return new VerifyCheck(name, false, "was not graded");
        }

        if (result.Status == Grading.ExerciseStatus.CompileError)
        {
            return new VerifyCheck(name, false, $"the stubs must compile: {result.Message}");
        }

        int visibleFailing = result.VisibleTests.Count(t => t.Status is not (TestStatus.Passed or TestStatus.Skipped));
        int hiddenFailing = result.HiddenTests.Count(t => t.Status is not (TestStatus.Passed or TestStatus.Skipped));
        string counts = $"{visibleFailing.ToString(CultureInfo.InvariantCulture)} of {Count(result.VisibleTests.Count, "visible test")} and {hiddenFailing.ToString(CultureInfo.InvariantCulture)} of {Count(result.HiddenTests.Count, "hidden test")} fail on the stub";
        return visibleFailing > 0 && hiddenFailing > 0
            ? new VerifyCheck(name, true, counts)
            : new VerifyCheck(name, false, counts + "; at least one of each must fail (does the exercise pass unsolved?)");
    }

    private static string StatusNamesText(ExerciseResult result) => StatusNames.Of(result.Status);

    private static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
