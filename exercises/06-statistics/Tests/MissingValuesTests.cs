using Microsoft.Data.Analysis;

namespace Katas.Statistics.Tests;

[Exercise("6.3", "Missing values: drop, mean, median, mode", Points = 10, Hint = """
    A null is not a zero. Each column gets its own policy: drop the rows where it is missing, or fill it
    with the mean, the median or the most frequent value of the values that are present. Two questions
    decide the numbers: are the statistics computed before or after rows are dropped, and what is the
    median of an even number of values? The caller's frame must come back unchanged.
    """, MoreHint = """
    A boolean column of rows to keep and Filter give the dropped frame (a new frame). Collect the present
    values of a column by skipping nulls; sort them for the median. DataFrameColumn.FillNulls with
    inPlace: false returns a new column to put back under the same name.
    """, Recap = """
    Imputation is a model of the data: its fill values are statistics of the rows you keep, computed over
    the present values only, and they are part of what a later test set must reuse.
    """)]
public sealed class MissingValuesTests
{
    [KataFact]
    public void Mean_median_and_mode_fill_from_the_present_values()
    {
        DataFrame frame = Sample();

        DataFrame filled = MissingValues.Impute(frame, new Dictionary<string, FillPolicy>
        {
            ["Price"] = FillPolicy.Mean,
            ["Rooms"] = FillPolicy.Median,
            ["City"] = FillPolicy.Mode,
        });

        Column<double?>(filled, "Price").Should().Equal([100.0, 200.0, 150.0, 120.0, 150.0, 180.0],
            "the mean of the present prices (100, 200, 120, 180) is 150; counting a null as 0 would give 100");
        Column<double?>(filled, "Rooms").Should().Equal([1.0, 2.5, 4.0, 2.0, 2.5, 3.0],
            "the median of 1, 2, 3, 4 is (2 + 3) / 2 = 2.5: with an even count, the mean of the two middle values");
        Column<string>(filled, "City").Should().Equal(["Oslo", "Bergen", "Oslo", "Bergen", "Bergen", "Bergen"],
            "Oslo and Bergen both appear twice: on a tie the mode is the smallest value, Bergen (as pandas' mode()[0])");
    }

    [KataFact]
    public void Dropped_rows_go_first_and_the_input_is_left_unchanged()
    {
        DataFrame frame = Sample();

        DataFrame result = MissingValues.Impute(frame, new Dictionary<string, FillPolicy>
        {
            ["City"] = FillPolicy.DropRow,
            ["Price"] = FillPolicy.Mean,
        });

        result.Rows.Count.Should().Be(4, "rows 4 and 5 have no city and are dropped");
        Column<double?>(result, "Price").Should().Equal([100.0, 200.0, 160.0, 180.0],
            "the fill value is the mean of the rows that are kept, (100 + 200 + 180) / 3; 150 would be the mean before dropping");
        frame["Price"].NullCount.Should().Be(2, "the caller's frame must not be filled in place");
        frame.Rows.Count.Should().Be(6, "the caller's frame must keep all its rows");
    }

    private static DataFrame Sample() => new(
        new DoubleDataFrameColumn("Price", [100, 200, null, 120, null, 180]),
        new DoubleDataFrameColumn("Rooms", [1, null, 4, 2, null, 3]),
        new StringDataFrameColumn("City", ["Oslo", "Bergen", "Oslo", null, null, "Bergen"]));

    private static List<T?> Column<T>(DataFrame frame, string name) => [.. frame[name].Cast<T?>()];
}
