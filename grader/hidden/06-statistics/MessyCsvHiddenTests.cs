using System.Globalization;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.2")]
public sealed class MessyCsvHiddenTests
{
    private const string Header = "station,date,temperature_c,rainfall_mm,note";

    [KataTheory]
    [InlineData("A,2024-02-30,1,1,x", "date")]
    [InlineData("A,2024-01-01,1.5.2,1,x", "temperature_c")]
    [InlineData("A,2024-01-01,1,-0.5,x", "negative")]
    [InlineData("A,2024-01-01,Infinity,1,x", "temperature_c")]
    [InlineData("A,2024-01-01,1e3,1,x", "temperature_c")]
    [InlineData("A,2024-01-01,1,1,\"open", "quote")]
    [InlineData("A,2024-01-01,1,1", "5 fields")]
    [InlineData("A,2024-01-01,1,1,x,extra", "5 fields")]
    public void Each_kind_of_bad_line_is_reported_with_a_reason_that_names_it(string line, string reasonMentions)
    {
        CsvLoadResult result = MessyCsv.Load(new StringReader($"{Header}\n{line}\n"));

        result.Rows.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Should().Match<RowError>(e => e.Line == 2);
        result.Errors[0].Reason.Should().Contain(reasonMentions, "the reason says what to fix");
    }

    [KataFact]
    public void A_file_without_the_header_is_rejected_as_a_whole()
    {
        FluentActions.Invoking(() => MessyCsv.Load(new StringReader("Oslo,2024-01-05,-3.5,1.2,clear\n")))
            .Should().Throw<InvalidDataException>("without the header the columns cannot be trusted");
        FluentActions.Invoking(() => MessyCsv.Load(new StringReader(""))).Should().Throw<InvalidDataException>();
    }

    [KataFact]
    public void Ten_thousand_generated_lines_are_all_accounted_for_in_Turkish_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            var text = new System.Text.StringBuilder(Header).Append('\n');
            for (int i = 0; i < 10_000; i++)
            {
                // Every seventh line has a bad date; the rest alternate the three formats.
                string date = (i % 7) switch
                {
                    0 => "2024-99-01",
                    1 => "2024-03-04",
                    2 => "04/03/2024",
                    _ => "4 Mar 2024",
                };
                text.Append(CultureInfo.InvariantCulture, $"S{i},{date},\"{i % 10},5\",{i % 3}.25,\"n, {i}\"\n");
            }

            CsvLoadResult result = MessyCsv.Load(new StringReader(text.ToString()));

            (result.Rows.Count + result.Errors.Count).Should().Be(10_000, "nothing is dropped in silence");
            result.Errors.Should().HaveCount(1_429);
            result.Rows.Should().AllSatisfy(r => r.Date.Should().Be(new DateOnly(2024, 3, 4)));
            result.Rows[^1].TemperatureC.Should().Be(9.5);
            result.Rows[^1].Note.Should().Be("n, 9999");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
