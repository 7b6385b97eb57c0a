using Xunit.v3;

namespace Katas.Testing;

/// <summary>
/// Declares the exercise a visible test class checks: its id, title, points and hint. This is the one
/// place an exercise is described; the grader, the watch loop and the reports all read it from here.
/// </summary>
/// <remarks>
/// The grader reads this attribute from the source text (it must be able to list an exercise even when
/// the student's code does not compile), so write every argument as a literal: a string, a raw string
/// literal or a number, not a constant defined elsewhere.
/// It also becomes the xunit trait <c>Exercise=&lt;id&gt;</c>, so one exercise's tests can be run alone:
/// <c>dotnet test --project exercises/01-parallelism/Tests --filter-trait "Exercise=1.3"</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExerciseAttribute : Attribute, ITraitAttribute
{
    public ExerciseAttribute(string id, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = id;
        Title = title;
    }

    /// <summary>Stable id, "module.position" (e.g. "1.3"); results and gradebooks are keyed by it.</summary>
    public string Id { get; }

    /// <summary>What the student builds, in a few words.</summary>
    public string Title { get; }

    /// <summary>Points awarded when every visible and hidden test of the exercise passes.</summary>
    public int Points { get; set; }

    /// <summary>Hint, level 1 (<c>hint 1.3</c>): the idea and a question to think about. Never code.</summary>
    public string Hint { get; set; } = "";

    /// <summary>Hint, level 2 (<c>hint 1.3 --more</c>): names the API or technique. Never code.</summary>
    public string MoreHint { get; set; } = "";

    /// <summary>Two or three lines shown when the exercise turns green: what it taught.</summary>
    public string Recap { get; set; } = "";

    /// <summary>Optional: the command that shows the lesson in numbers (a benchmark), shown with the recap.</summary>
    public string Benchmark { get; set; } = "";

    /// <summary>
    /// Optional: the student's files, relative to the module folder and separated by spaces, when they are
    /// not the convention (the test class <c>ParallelMapTests</c> goes with <c>ParallelMap.cs</c>).
    /// </summary>
    public string StudentFiles { get; set; } = "";

    /// <summary>
    /// Optional: ids of earlier exercises whose code this one calls, separated by spaces (1.9 builds on 1.8).
    /// <c>grader verify</c> never builds a mistake of one with a mistake of the other.
    /// </summary>
    public string BuildsOn { get; set; } = "";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new(KataTraits.Exercise, Id), new(KataTraits.Kind, KataTraits.Visible)];
}
