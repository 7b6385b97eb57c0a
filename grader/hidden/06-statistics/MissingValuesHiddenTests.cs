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

    [KataFact]
    public void Bad_arguments_name_the_parameter()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("A", [1, null]));
        var policies = new Dictionary<string, FillPolicy> { ["A"] = FillPolicy.Mean };

        FluentActions.Invoking(() => MissingValues.Impute(null!, policies)).Should().Throw<ArgumentNullException>().WithParameterName("frame");
        FluentActions.Invoking(() => MissingValues.Impute(frame, null!)).Should().Throw<ArgumentNullException>().WithParameterName("policies");
        FluentActions.Invoking(() => MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["B"] = FillPolicy.DropRow }))
            .Should().Throw<ArgumentException>("even a drop names a column that must exist").WithParameterName("policies").WithMessage("*B*");
        FluentActions.Invoking(() => MissingValues.Impute(new DataFrame(new StringDataFrameColumn("Name", ["a", null])), new Dictionary<string, FillPolicy> { ["Name"] = FillPolicy.Median }))
            .Should().Throw<ArgumentException>("the median of strings is undefined").WithParameterName("policies").WithMessage("*Name*");
        FluentActions.Invoking(() => MissingValues.Impute(new DataFrame(new DoubleDataFrameColumn("Empty", [null, null])), new Dictionary<string, FillPolicy> { ["Empty"] = FillPolicy.Mode }))
            .Should().Throw<InvalidOperationException>("no present value, no mode").WithMessage("*Empty*");
    }

    [KataFact]
    public void Strings_take_their_mode_and_even_counts_the_mean_of_the_middle_two()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("City", ["b", null, "a", "B", "b", "a"]),
            new DoubleDataFrameColumn("X", [4, 1, null, 10, 2, 3]),
            new DoubleDataFrameColumn("Whole", [1, 2, 3, 4, 5, 6]));

        DataFrame filled = MissingValues.Impute(frame, new Dictionary<string, FillPolicy>
        {
            ["City"] = FillPolicy.Mode,
            ["X"] = FillPolicy.Median,
            ["Whole"] = FillPolicy.Mean,
        });

        filled["City"][1].Should().Be("a", "a and b appear twice each: the ordinal smallest, a");
        filled["X"][2].Should().Be(3.0, "the median of 1, 2, 4, 10 is (2 + 4) / 2");
        filled["Whole"].Cast<double?>().Should().Equal([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "a column without nulls is copied as it is");
        frame["City"].NullCount.Should().Be(1, "the caller's frame keeps its nulls");
    }

    [KataFact]
    public void Dropping_every_row_leaves_nothing_to_fill_and_no_error()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("Key", [null, null]), new DoubleDataFrameColumn("X", [1, null]));

        DataFrame kept = MissingValues.Impute(frame, new Dictionary<string, FillPolicy> { ["Key"] = FillPolicy.DropRow, ["X"] = FillPolicy.Mean });

        kept.Rows.Count.Should().Be(0, "every row misses its key");
        kept.Columns.Select(c => c.Name).Should().Equal(["Key", "X"]);
    }
}
