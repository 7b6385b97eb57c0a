using System.Globalization;
using Katas.Grader.Discovery;
using Katas.Grader.Grading;
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
    public static IReadOnlyList<VerifyCheck> Check(Course course, IReadOnlyList<Exercise> exercises, GradeReport solutions, GradeReport stubs)
    {
        var checks = new List<VerifyCheck>();
        foreach (MetadataProblem problem in course.Problems.Where(p => p.ExerciseId is null))
        {
            checks.Add(new VerifyCheck("metadata", false, problem.Message));
        }

        foreach (Exercise exercise in exercises)
        {
            checks.Add(Metadata(course, exercise));
            checks.Add(Solved(exercise, solutions.Exercises.FirstOrDefault(e => e.Id == exercise.Id)));
            checks.Add(Unsolved(exercise, stubs.Exercises.FirstOrDefault(e => e.Id == exercise.Id)));
        }

        return checks;
    }

    private static VerifyCheck Metadata(Course course, Exercise exercise)
    {
        string name = $"metadata {exercise.Id}";
        var problems = course.Problems.Where(p => p.ExerciseId == exercise.Id).Select(p => p.Message).ToList();
        return problems.Count == 0
            ? new VerifyCheck(name, true, $"one visible class with [Exercise] ({exercise.Points.ToString(CultureInfo.InvariantCulture)} points, a hint), one hidden class")
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

    private static string StatusNamesText(ExerciseResult result) => Reporting.StatusNames.Of(result.Status);

    private static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
