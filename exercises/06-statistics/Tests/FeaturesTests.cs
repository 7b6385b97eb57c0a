using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.Tests;

[Exercise("6.5", "Feature engineering: one-hot, bins, polynomials, date parts", Points = 10, Hint = """
    Models eat numbers. A category becomes one 0/1 column per value (and a value never seen in training
    becomes all zeros, not a crash). A number becomes a bin index. A pair of columns becomes their powers
    and their products, so that a linear model can fit curves and interactions. A date becomes its parts.
    Which products does degree 2 of three columns have? Which day is day 0 of the week for pandas, and
    which for .NET?
    """, MoreHint = """
    One-hot: a dictionary from category to column. Bins: Array.BinarySearch finds the edge at or below x
    (its complement when the value is not an edge). Polynomial terms are the combinations with replacement
    of the column indices, degree by degree. DateOnly has DayOfWeek and DayOfYear.
    """, Recap = """
    Feature engineering is where domain knowledge enters a model; doing it by the same rules on train and
    test (the categories learned on train) keeps the columns aligned.
    """)]
public sealed class FeaturesTests
{
    [KataFact]
    public void One_hot_has_a_column_per_training_category_and_zeros_for_an_unknown_one()
    {
        IReadOnlyList<string> categories = Features.Categories(["red", "green", "red", null, "blue"]);

        Matrix<double> encoded = Features.OneHot(["green", "purple", "red"], categories);

        categories.Should().Equal(["blue", "green", "red"], "distinct values in ordinal order, no null category");
        encoded.ToRowArrays().Should().BeEquivalentTo(new[] { new[] { 0.0, 1, 0 }, [0.0, 0, 0], [0.0, 0, 1] },
            o => o.WithStrictOrdering(), "purple was never seen in training: its row is all zeros");
    }

    [KataFact]
    public void Bins_are_closed_on_the_left_and_the_last_one_on_both_sides()
    {
        Features.Bin([0, 9.99, 10, 25, 30, -1, 31, double.NaN], [0, 10, 20, 30]).Should().Equal([0, 0, 1, 2, 2, -1, -1, -1],
            "bin i is [edge i, edge i+1); 30, the last edge, belongs to the last bin; values outside and NaN get −1");
    }

    [KataFact]
    public void Polynomial_features_match_scikit_learn_including_the_interactions()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("features.x"));

        ScalingTests.AssertMatrix(Features.Polynomial(x, 2), Reference.Rows("features.degree2"),
            "degree 2 of (a, b, c) is a, b, c, a², ab, ac, b², bc, c²: the products of two different columns are the interactions");
        ScalingTests.AssertMatrix(Features.Polynomial(x, 3), Reference.Rows("features.degree3"), "degree 3 adds all 10 products of three columns");
    }

    [KataFact]
    public void Date_parts_count_the_week_from_Monday_like_pandas()
    {
        string[] dates = [.. Reference.At("features.dates").EnumerateArray().Select(e => e.GetString()!)];
        int[] dayOfWeek = [.. Reference.At("features.dayOfWeek").EnumerateArray().Select(e => e.GetInt32())];
        int[] dayOfYear = [.. Reference.At("features.dayOfYear").EnumerateArray().Select(e => e.GetInt32())];

        for (int i = 0; i < dates.Length; i++)
        {
            DateParts parts = Features.PartsOf(DateOnly.ParseExact(dates[i], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            parts.DayOfWeek.Should().Be(dayOfWeek[i], $"{dates[i]}: Monday is 0 and Sunday 6 (pandas, ISO); .NET's DayOfWeek starts from Sunday = 0");
            parts.DayOfYear.Should().Be(dayOfYear[i]);
            parts.IsWeekend.Should().Be(dayOfWeek[i] >= 5, "Saturday and Sunday");
        }
    }
}
