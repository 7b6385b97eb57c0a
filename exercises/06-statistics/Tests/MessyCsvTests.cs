using System.Globalization;

namespace Katas.Statistics.Tests;

[Exercise("6.2", "Load a messy CSV without losing a row", Points = 15, Hint = """
    Real files are dirty: quoted fields with commas inside, dates in three formats, blank cells, typos,
    and numbers written with a comma as decimal separator. The rule of this exercise: every data line ends
    up either as a row or as an error with its line number and a reason. Nothing disappears in silence.
    Which culture does your number parser use when you don't say? What happens to "12.5" on a German machine?
    Split a line by walking its characters: inside quotes a comma is text, outside it ends a field.
    """, MoreHint = """
    Keep a counter of physical lines (the header is line 1). A small state machine (in quotes or not) splits
    a line; a doubled quote inside quotes is one quote. DateOnly.TryParseExact takes an array of formats;
    double.TryParse takes NumberStyles and CultureInfo.InvariantCulture. Check the parsed number is finite.
    """, Recap = """
    Parsing is validation: a loader that reports every rejected line with its reason can be trusted, and
    one that parses with the machine's culture gives different data on different machines.
    """)]
public sealed class MessyCsvTests
{
    [KataFact]
    public void Every_data_line_is_either_a_row_or_an_error()
    {
        CsvLoadResult result = LoadFixture();

        result.Rows.Select(r => r.Line).Should().Equal([2, 3, 4, 5, 6, 9, 11, 15, 19],
            "these lines are valid (blank or NA numbers are missing, not errors); check the line numbers count the header as line 1");
        result.Errors.Select(e => e.Line).Should().Equal([7, 8, 10, 13, 14, 16, 17, 18],
            "every invalid line is reported, in file order, with its own line number; the blank line 12 is neither");
        result.Errors.Should().AllSatisfy(e => e.Reason.Should().NotBeNullOrWhiteSpace("a reason tells the person fixing the file what is wrong"));
    }

    [KataFact]
    public void Quoted_fields_keep_their_commas_and_quotes()
    {
        CsvLoadResult result = LoadFixture();

        result.Rows.Single(r => r.Line == 3).Note.Should().Be("snow, light", "a comma inside quotes is part of the field");
        result.Rows.Single(r => r.Line == 9).Note.Should().Be("said \"brr\"", "a doubled quote inside quotes stands for one quote");
        result.Rows.Single(r => r.Line == 19).Note.Should().Be("a, b, and c");
        MessyCsv.SplitFields("a,\"b,c\",,d").Should().Equal(["a", "b,c", "", "d"], "four fields: a, b,c (quoted), an empty one, d");
    }

    [KataFact]
    public void Dates_numbers_and_missing_values_are_parsed_in_any_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // A German machine: "," is the decimal separator and "." groups thousands.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            CsvLoadResult result = LoadFixture();

            WeatherReading oslo = result.Rows.Single(r => r.Line == 2);
            oslo.Should().Be(new WeatherReading(2, "Oslo", new DateOnly(2024, 1, 5), -3.5, 1.2, "clear"),
                "'-3.5' is minus three and a half on every machine: parse with CultureInfo.InvariantCulture");
            result.Rows.Single(r => r.Line == 3).Date.Should().Be(new DateOnly(2024, 1, 6), "06/01/2024 is dd/MM/yyyy");
            result.Rows.Single(r => r.Line == 3).RainfallMm.Should().BeNull("a blank number is missing, not zero");
            WeatherReading bergen = result.Rows.Single(r => r.Line == 4);
            bergen.Date.Should().Be(new DateOnly(2024, 1, 7), "'7 Jan 2024' is d MMM yyyy with English month names");
            bergen.TemperatureC.Should().Be(5.5, "\"5,5\" uses a comma as its decimal separator");
            result.Rows.Single(r => r.Line == 5).TemperatureC.Should().BeNull("n/a marks a missing value");
            result.Rows.Single(r => r.Line == 11).RainfallMm.Should().Be(0.5);
            result.Rows.Single(r => r.Line == 15).TemperatureC.Should().Be(2.5, "spaces around an unquoted field are trimmed");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static CsvLoadResult LoadFixture()
    {
        using var reader = new StreamReader(Reference.PathOf("messy-weather.csv"));
        return MessyCsv.Load(reader);
    }
}
