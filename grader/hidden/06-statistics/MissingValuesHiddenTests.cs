using Microsoft.Data.Analysis;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.3")]
public sealed class MissingValuesHiddenTests
{
    [KataFact]
    public void Odd_counts_negative_values_and_numeric_modes()
    {
        var frame = new DataFrame(
            new DoubleDataFrameColumn("A", [-5, null, -1, 7, -1]),
            new DoubleDataFrameColumn("B", [3, 3, null, 9, 9]));

        DataFrame filled = MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["A"] = FillPolicy.Median, ["B"] = FillPolicy.Mode });

        filled["A"][1].Should().Be(-1.0, "the median of -5, -1, -1, 7 is (-1 + -1) / 2 = -1; sort numerically, not as text");
        filled["B"][2].Should().Be(3.0, "3 and 9 tie: the smallest wins");
    }

    [KataFact]
    public void Columns_without_a_policy_keep_their_nulls()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("A", [1, null]), new DoubleDataFrameColumn("B", [null, 2]));

        DataFrame filled = MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["A"] = FillPolicy.Mean });

        filled["B"].NullCount.Should().Be(1, "only the columns named in the policies change");
        filled["A"][1].Should().Be(1.0);
    }

    [KataFact]
    public void Bad_policies_are_rejected_with_the_column_named()
    {
        var frame = new DataFrame(new StringDataFrameColumn("Name", ["a", null]), new DoubleDataFrameColumn("Empty", [null, null]));

        FluentActions.Invoking(() => MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["Missing"] = FillPolicy.Mean }))
            .Should().Throw<ArgumentException>().WithMessage("*Missing*");
        FluentActions.Invoking(() => MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["Name"] = FillPolicy.Mean }))
            .Should().Throw<ArgumentException>("the mean of strings is undefined").WithMessage("*Name*");
        FluentActions.Invoking(() => MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["Empty"] = FillPolicy.Median }))
            .Should().Throw<InvalidOperationException>("a column with no present value has no median");
    }

    [KataFact]
    public void Dropping_on_two_columns_removes_a_row_missing_in_either()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("A", [1, null, 3, 4]), new DoubleDataFrameColumn("B", [1, 2, null, 4]));

        DataFrame kept = MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["A"] = FillPolicy.DropRow, ["B"] = FillPolicy.DropRow });

        kept["A"].Cast<double?>().Should().Equal([1.0, 4.0]);
    }
}
