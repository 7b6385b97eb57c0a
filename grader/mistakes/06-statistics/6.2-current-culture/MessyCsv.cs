// Mistake: parsing numbers with the machine's culture reads 1.2 as 12 on a German machine.
using System.Globalization;
using System.Text;

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
    private static readonly string[] s_header = ["station", "date", "temperature_c", "rainfall_mm", "note"];
    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d MMM yyyy"];

    /// <summary>Reads the whole file: every data line is parsed into a row or reported as an error.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is empty or its first line is not the expected header.</exception>
    public static CsvLoadResult Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        string? header = reader.ReadLine();
        if (header is null || !SplitFields(header).Select(f => f.Trim()).SequenceEqual(s_header, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The first line must be the header '{string.Join(',', s_header)}', not '{header}'.");
        }

        var rows = new List<WeatherReading>();
        var errors = new List<RowError>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // Every line ends in exactly one of the two lists: a parse either returns a row or says why not.
            if (TryParseRow(line, lineNumber, out WeatherReading? row, out string? reason))
            {
                rows.Add(row);
            }
            else
            {
                errors.Add(new RowError(lineNumber, reason));
            }
        }

        return new CsvLoadResult(rows, errors);
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

        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            // Skip the spaces before a field so that ` "a, b"` is still a quoted field.
            int start = i;
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException($"A quote opened at column {start + 1} is never closed.");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new FormatException($"Unexpected text after the closing quote at column {i + 1}.");
                }
            }
            else
            {
                i = start;
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    private static bool TryParseRow(string line, int lineNumber, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WeatherReading? row, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        row = null;
        IReadOnlyList<string> fields;
        try
        {
            fields = SplitFields(line);
        }
        catch (FormatException ex)
        {
            reason = ex.Message;
            return false;
        }

        if (fields.Count != s_header.Length)
        {
            reason = $"Expected {s_header.Length} fields, found {fields.Count}.";
            return false;
        }

        string station = fields[0].Trim();
        if (station.Length == 0)
        {
            reason = "The station is blank.";
            return false;
        }

        // InvariantCulture, not the machine's: "MMM" must mean English month names on every machine.
        string dateText = fields[1].Trim();
        if (!DateOnly.TryParseExact(dateText, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            reason = $"The date '{dateText}' is not yyyy-MM-dd, dd/MM/yyyy or d MMM yyyy.";
            return false;
        }

        if (!TryParseNumber(fields[2], "temperature_c", out double? temperature, out reason)
            || !TryParseNumber(fields[3], "rainfall_mm", out double? rainfall, out reason))
        {
            return false;
        }

        if (rainfall < 0)
        {
            reason = $"rainfall_mm is negative ({rainfall.Value.ToString(CultureInfo.InvariantCulture)}).";
            return false;
        }

        row = new WeatherReading(lineNumber, station, date, temperature, rainfall, fields[4].Trim());
        reason = null;
        return true;
    }

    private static bool TryParseNumber(string field, string column, out double? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        string text = field.Trim();
        reason = null;
        value = null;
        if (text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // One decimal separator, point or comma: turn a lone comma into a point and parse with the invariant
        // culture. Parsing with the machine's culture would read "12.5" as 125 or fail on a German machine.
        // No thousands separators and no exponent: "1.5.2" and "1,234.5" are errors, not guesses.
        if (text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.CurrentCulture, out double parsed) // bug
            || !double.IsFinite(parsed))
        {
            reason = $"{column} '{field.Trim()}' is not a number.";
            return false;
        }

        value = parsed;
        return true;
    }
}
