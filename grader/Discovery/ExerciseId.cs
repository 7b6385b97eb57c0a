using System.Globalization;

namespace Katas.Grader.Discovery;

/// <summary>
/// An exercise id such as "1.3" or "10.2", ordered numerically part by part ("1.10" after "1.9"),
/// with anything that is not a number compared as text after the numbers.
/// </summary>
internal readonly record struct ExerciseId(string Text) : IComparable<ExerciseId>
{
    public static ExerciseId Parse(string text) => new(text);

    /// <summary>The module number an id starts with ("1.3" → 1), or null if it does not start with one.</summary>
    public int? ModuleNumber
    {
        get
        {
            string first = Text.Split('.')[0];
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : null;
        }
    }

    public int CompareTo(ExerciseId other)
    {
        string[] left = Text.Split('.');
        string[] right = other.Text.Split('.');
        for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            bool leftIsNumber = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out long l);
            bool rightIsNumber = long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out long r);
            int order = (leftIsNumber, rightIsNumber) switch
            {
                (true, true) => l.CompareTo(r),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }

        int byLength = left.Length.CompareTo(right.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(Text, other.Text);
    }

    public static IComparer<string> Comparer { get; } = Comparer<string>.Create((a, b) => Parse(a).CompareTo(Parse(b)));
}
