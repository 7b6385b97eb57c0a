namespace Katas.Testing;

/// <summary>The xunit trait names and values that <see cref="ExerciseAttribute"/> and <see cref="HiddenTestsAttribute"/> emit.</summary>
public static class KataTraits
{
    public const string Exercise = "Exercise";
    public const string Kind = "Kind";
    public const string Visible = "visible";
    public const string Hidden = "hidden";
}
