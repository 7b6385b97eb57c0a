using Katas.Macros.Generators;

namespace Katas.Macros.Tests;

[Exercise("4.5", "serde-like: a JSON writer generated per type", Points = 20, StudentFiles = "Generators/SerializeGenerator.cs", Hint = """
    serde's derive writes, for each field, the call that serialises that field's type; nothing is looked
    up at run time. Your generator does the same: for each public property, decide from its type, at
    build time, which writer call it needs. Which kinds of type are there (a string, a number, a value that
    may be null, another [Serialize] type, a sequence of any of these), and how does a sequence of
    sequences come out?
    """, MoreHint = """
    Describe each property type as a small recursive shape: SpecialType tells strings, booleans and numbers
    apart; Nullable<T> is OriginalDefinition.SpecialType == System_Nullable_T; a sequence is an array or a
    type implementing IEnumerable<T> (AllInterfaces); another [Serialize] type has the attribute. Then
    generate Utf8JsonWriter calls: WriteStartObject, WritePropertyName, WriteStringValue, WriteNumberValue,
    WriteBooleanValue, WriteNullValue, WriteStartArray, the nested type's own WriteJson. The writer escapes.
    """, Recap = """
    A serde-style derive turns a type's shape into straight-line writer calls at build time. System.Text.Json's
    [JsonSerializable] source generation is the production version of what you wrote.
    """, Benchmark = "dotnet run -c Release --project exercises/04-macros/Benchmarks -- --filter '*Serialize*' --job short")]
public sealed class SerializeTests
{
    private const string Order = TestSources.Order;

    [KataFact]
    public void A_filled_order_is_written_as_System_Text_Json_writes_it()
    {
        GeneratorRun run = Compiler.Generate(new SerializeGenerator(), TestSources.Attributes, Order, """
            using System.Collections.Generic;

            namespace Shop;

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    yield return Same.AsJson("a filled order", new Order
                    {
                        Id = 7,
                        Customer = "Ada",
                        Total = 12.50m,
                        Paid = true,
                        Discount = 0.1,
                        Lines = [new Line { Sku = "A-1", Count = 2 }, new Line { Sku = "B-2", Count = 1 }],
                        Tags = ["new", "gift"],
                        Main = new Line { Sku = "A-1", Count = 2 },
                    });
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("the generated JSON must mean what System.Text.Json's does");
        run.Generated("Shop.Order.Serialize.g.cs").Should().NotContain("GetType()", "the writer is decided at build time: no reflection at run time");
    }

    [KataFact]
    public void Nulls_and_empty_collections_are_written_as_null_and_empty()
    {
        GeneratorRun run = Compiler.Generate(new SerializeGenerator(), TestSources.Attributes, Order, """
            using System.Collections.Generic;

            namespace Shop;

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    yield return Same.AsJson("an empty order", new Order());
                    yield return Same.AsJson("null collections", new Order { Lines = null!, Tags = null! });
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("a null string, number, object or collection is JSON null; an empty collection is []");
    }

    [KataFact]
    public void Strings_are_escaped_and_read_back_unchanged()
    {
        GeneratorRun run = Compiler.Generate(new SerializeGenerator(), TestSources.Attributes, Order, """
            using System.Collections.Generic;
            using System.Text.Json;

            namespace Shop;

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    const string tricky = "a \"quote\", a \\ backslash,\na new line, <html> & é";
                    var order = new Order { Customer = tricky, Tags = [tricky] };
                    yield return Same.AsJson("special characters", order);
                    Order? back = null;
                    try
                    {
                        back = JsonSerializer.Deserialize<Order>(order.ToJson());
                    }
                    catch (JsonException)
                    {
                    }

                    yield return ("the JSON reads back to the same strings", back?.Customer == tricky && back.Tags[0] == tricky);
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("strings must be escaped (let Utf8JsonWriter do it), never pasted between quotes");
    }
}
