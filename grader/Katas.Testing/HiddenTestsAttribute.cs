using Xunit.v3;

namespace Katas.Testing;

/// <summary>
/// Marks the hidden test class of an exercise (under <c>grader/hidden/</c>). Its id must match the
/// <see cref="ExerciseAttribute"/> of the exercise's visible test class; title, points and hint live there.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HiddenTestsAttribute : Attribute, ITraitAttribute
{
    public HiddenTestsAttribute(string exerciseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exerciseId);
        ExerciseId = exerciseId;
    }

    public string ExerciseId { get; }

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new(KataTraits.Exercise, ExerciseId), new(KataTraits.Kind, KataTraits.Hidden)];
}
