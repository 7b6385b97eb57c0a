using Katas.Macros.Generators;

namespace Katas.Macros.HiddenTests;

[HiddenTests("4.5")]
public sealed class SerializeHiddenTests
{
    [KataFact]
    public void Nested_sequences_structs_nullable_values_and_extreme_numbers()
    {
        GeneratorRun run = Compiler.Generate(new SerializeGenerator(), TestSources.Attributes, """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using Katas.Macros;

            [Serialize]
            public partial struct Cell
            {
                public int? Value { get; set; }

                public bool @checked { get; set; }
            }

            public static partial class Sheets
            {
                [Serialize]
                public partial class Sheet
                {
                    public int[][] Grid { get; set; } = [];

                    public List<Cell?> Cells { get; set; } = [];

                    public IEnumerable<string?> Names { get; set; } = [];

                    public long Big { get; set; }

                    public ulong Bigger { get; set; }

                    public decimal Money { get; set; }

                    public double Ratio { get; set; }

                    public float Small { get; set; }

                    public Cell Single { get; set; }

                    public static int Ignored { get; set; }

                    public int WriteOnly { set { } }

                    internal int Hidden { get; set; }

                    public int this[int i] => i;
                }
            }

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    var sheet = new Sheets.Sheet
                    {
                        Grid = [[1, 2], [], [3]],
                        Cells = [new Cell { Value = 1, @checked = true }, null, new Cell()],
                        Names = new List<string?> { "a", null }.Select(n => n),
                        Big = long.MinValue,
                        Bigger = ulong.MaxValue,
                        Money = 79228162514264337593543950335m,
                        Ratio = 0.1 + 0.2,
                        Small = 1.5f,
                        Single = new Cell { Value = null },
                    };
                    string mine = sheet.ToJson();
                    string reference = JsonSerializer.Serialize(sheet);
                    yield return ($"ToJson() wrote {mine}, System.Text.Json writes {reference}", JsonNode.DeepEquals(JsonNode.Parse(mine), JsonNode.Parse(reference)));
                }
            }
            """);

        run.Sources.Keys.Should().Contain(["Cell.Serialize.g.cs", "Sheets.Sheet.Serialize.g.cs"], "one file per type, named after its namespace and enclosing types");
        run.FailedFacts().Should().BeEmpty("sequences of sequences, nullable structs, lazy sequences, keyword names and extreme numbers are written as System.Text.Json writes them, and only public readable instance properties count");
    }

    [KataFact]
    public void WriteJson_writes_into_a_callers_writer_and_rejects_null()
    {
        GeneratorRun run = Compiler.Generate(new SerializeGenerator(), TestSources.Attributes, TestSources.Order, """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Text.Json;

            namespace Shop;

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    var stream = new MemoryStream();
                    using (var writer = new Utf8JsonWriter(stream))
                    {
                        writer.WriteStartArray();
                        new Line { Sku = "x", Count = 1 }.WriteJson(writer);
                        new Line { Sku = "y", Count = 2 }.WriteJson(writer);
                        writer.WriteEndArray();
                    }

                    List<Line>? back = JsonSerializer.Deserialize<List<Line>>(stream.ToArray());
                    yield return ("two objects written into one array read back", back is [{ Sku: "x", Count: 1 }, { Sku: "y", Count: 2 }]);
                    bool rejected = false;
                    try
                    {
                        new Line().WriteJson(null!);
                    }
                    catch (ArgumentNullException)
                    {
                        rejected = true;
                    }

                    yield return ("a null writer is an ArgumentNullException", rejected);
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("WriteJson composes: it writes one value into whatever writer it is given");
    }
}
