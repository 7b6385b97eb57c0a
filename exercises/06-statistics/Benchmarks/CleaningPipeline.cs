using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace Katas.Statistics.Benchmarks;

/// <summary>
/// The module's cleaning pipeline end to end over a generated weather file: load and parse (6.2), impute (6.3),
/// transform (6.4's log1p and a standardisation), group by station. pipeline_pandas.py beside this file does the
/// same steps with pandas; both print their wall time, peak memory and the same summary numbers.
/// </summary>
internal static class CleaningPipeline
{
    private static readonly string[] s_stations = ["Oslo", "Bergen", "Tromsø", "Trondheim", "Stavanger", "Bodø", "Ålesund", "Kristiansand",
        "Drammen", "Fredrikstad", "Hamar", "Lillehammer", "Molde", "Narvik", "Alta", "Kirkenes"];

    public static int Run(string path, int rows)
    {
        if (!File.Exists(path))
        {
            Generate(path, rows, seed: 42);
            Console.WriteLine($"generated {path} ({rows:N0} rows, {new FileInfo(path).Length / 1e6:F0} MB)");
        }

        var clock = Stopwatch.StartNew();

        // 1. Load and parse: every line is a row or an error with its line number.
        CsvLoadResult loaded;
        using (var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16))
        {
            loaded = MessyCsv.Load(reader);
        }

        double parsed = clock.Elapsed.TotalSeconds;

        // 2. Into a DataFrame, then impute: temperature by its mean, rainfall by its median.
        var frame = new DataFrame(
            new StringDataFrameColumn("station", loaded.Rows.Select(r => r.Station)),
            new PrimitiveDataFrameColumn<double>("temperature_c", loaded.Rows.Select(r => r.TemperatureC)),
            new PrimitiveDataFrameColumn<double>("rainfall_mm", loaded.Rows.Select(r => r.RainfallMm)));
        DataFrame complete = MissingValues.Impute(frame, new Dictionary<string, FillPolicy>
        {
            ["temperature_c"] = FillPolicy.Mean,
            ["rainfall_mm"] = FillPolicy.Median,
        });
        double imputed = clock.Elapsed.TotalSeconds;

        // 3. Transform: standardise the temperature (population sd, as StandardScaler), log1p the rainfall.
        double[] temperature = [.. ((PrimitiveDataFrameColumn<double>)complete["temperature_c"]).Select(v => v!.Value)];
        double[] rainfall = [.. ((PrimitiveDataFrameColumn<double>)complete["rainfall_mm"]).Select(v => v!.Value)];
        double mean = temperature.Average();
        double sd = Math.Sqrt(temperature.Sum(t => (t - mean) * (t - mean)) / temperature.Length);
        complete.Columns.Add(new DoubleDataFrameColumn("temperature_z", temperature.Select(t => (t - mean) / sd)));
        complete.Columns.Add(new DoubleDataFrameColumn("log_rainfall", Transforms.Log1p(rainfall)));
        double transformed = clock.Elapsed.TotalSeconds;

        // 4. Group: per station, the mean standardised temperature and the mean log rainfall.
        DataFrame byStation = complete.GroupBy("station").Mean("temperature_z", "log_rainfall");
        double grouped = clock.Elapsed.TotalSeconds;

        // Summaries that do not depend on the order of the groups, to compare with pandas.
        int oslo = Enumerable.Range(0, (int)byStation.Rows.Count).First(i => (string)byStation["station"][i] == "Oslo");
        Console.WriteLine($"rows {loaded.Rows.Count:N0}, errors {loaded.Errors.Count:N0}, stations {byStation.Rows.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Oslo: mean z {(double)byStation["temperature_z"][oslo]!:F6}, mean log rainfall {(double)byStation["log_rainfall"][oslo]!:F6}; imputed means: temperature {mean:F6}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall {grouped:F2} s (parse {parsed:F2}, impute {imputed - parsed:F2}, transform {transformed - imputed:F2}, group {grouped - transformed:F2}); peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
        return 0;
    }

    /// <summary>A messy weather file: mixed date formats, comma decimals, missing and broken numbers, quoted commas.</summary>
    private static void Generate(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.Write("station,date,temperature_c,rainfall_mm,note\n");
        var start = new DateOnly(2000, 1, 1);
        for (int i = 0; i < rows; i++)
        {
            string station = s_stations[random.Next(s_stations.Length)];
            DateOnly date = start.AddDays(random.Next(9000));
            string dateText = random.Next(3) switch
            {
                0 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                1 => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                _ => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            };
            string temperature = Number(random, (random.NextDouble() * 40) - 15);
            string rainfall = Number(random, random.NextDouble() < 0.5 ? 0 : random.NextDouble() * 30);
            string note = random.Next(10) switch
            {
                0 => "\"snow, light\"",
                1 => "sensor fault",
                2 => "",
                _ => "ok",
            };
            writer.Write($"{station},{dateText},{temperature},{rainfall},{note}\n");
        }
    }

    private static string Number(Random random, double value)
    {
        int roll = random.Next(200);
        return roll switch
        {
            0 => "",
            1 => "n/a",
            2 => "NA",
            3 => "bad",
            < 30 => "\"" + value.ToString("F1", CultureInfo.InvariantCulture).Replace('.', ',') + "\"",
            _ => value.ToString("F1", CultureInfo.InvariantCulture),
        };
    }
}
