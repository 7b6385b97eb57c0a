namespace Katas.Statistics;

/// <summary>One parsed row of a weather file. <paramref name="Line"/> is its 1-based line number in the file.</summary>
public sealed record WeatherReading(int Line, string Station, DateOnly Date, double? TemperatureC, double? RainfallMm, string Note);

/// <summary>A row that could not be parsed: its 1-based line number and why, in words a person can act on.</summary>
public sealed record RowError(int Line, string Reason);

/// <summary>What a load produced: every non-blank data line is in exactly one of the two lists.</summary>
public sealed record CsvLoadResult(IReadOnlyList<WeatherReading> Rows, IReadOnlyList<RowError> Errors);

/// <summary>
/// Exercise 6.2: load a messy CSV file by hand, without losing a row in silence.
/// </summary>
/// <remarks>
/// The format, header <c>station,date,temperature_c,rainfall_mm,note</c>:
/// <list type="bullet">
/// <item>Fields are separated by commas. A field may be quoted ("..."); a quoted field may hold commas, and a
/// doubled quote ("") stands for one quote. A quote that is never closed makes the line an error. Spaces around
/// an unquoted field are trimmed.</item>
/// <item><c>station</c> must not be blank. <c>date</c> is <c>yyyy-MM-dd</c>, <c>dd/MM/yyyy</c> or <c>d MMM yyyy</c>
/// (English month abbreviations), whatever the culture of the machine.</item>
/// <item>The two numbers are missing (null) when blank, <c>NA</c> or <c>N/A</c> (any case). Otherwise they are a
/// decimal number with a point or with a comma as decimal separator (<c>"5,5"</c>, quoted because of the
/// comma), finite; rainfall is never negative.</item>
/// <item>Blank lines are not rows. Line numbers count every physical line, the header is line 1.</item>
/// </list>
/// </remarks>
public static class MessyCsv
{
    /// <summary>Reads the whole file: every data line is parsed into a row or reported as an error.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is empty or its first line is not the expected header.</exception>
    public static CsvLoadResult Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        // TODO: read the header, then every line: parse it into a WeatherReading or add a RowError with its
        // line number and a reason. Follow the format in the remarks above, on a machine of any culture.
        throw new NotImplementedException("Exercise 6.2 (MessyCsv.Load) is not solved yet. Hint: dotnet run --project grader -- hint 6.2");
    }

    /// <summary>
    /// Splits one line into its fields, honouring quotes (RFC 4180 within one line): unquoted fields come back
    /// as written (untrimmed), quoted fields without their quotes and with "" turned into ".
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    /// <exception cref="FormatException">A quote is opened and never closed, or text follows a closing quote.</exception>
    public static IReadOnlyList<string> SplitFields(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        // TODO: split by hand, character by character (no regular expression, no CSV library): the rules
        // are in the summary above.
        throw new NotImplementedException("Exercise 6.2 (MessyCsv.SplitFields) is not solved yet. Hint: dotnet run --project grader -- hint 6.2");
    }
}
