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

    /// <summary>A few friendly lines that lead towards the answer without giving it.</summary>
    public string Hint { get; set; } = "";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new(KataTraits.Exercise, Id), new(KataTraits.Kind, KataTraits.Visible)];
}
