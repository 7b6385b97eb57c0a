using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

namespace Katas.Macros.Benchmarks;

/// <summary>
/// Exercise 4.5: the generated ToJson against System.Text.Json with its own source generator (the
/// production answer, the baseline) and with reflection, for the same order of twenty lines.
/// Serialization only: the exercise generates a writer, not a reader.
/// </summary>
[MemoryDiagnoser]
public class SerializeBenchmarks
{
    private Order _order = new();

    [GlobalSetup]
    public void Setup()
    {
        _order = new Order
        {
            Id = 42,
            Customer = "Ada \"the first\" Lovelace",
            Total = 1234.56m,
            Paid = true,
            Discount = 0.15,
            Lines = [.. Enumerable.Range(1, 20).Select(i => new Line { Sku = $"SKU-{i:D4}", Count = i })],
            Tags = ["priority", "gift", "émoji-free"],
        };

        // The three must write the same document, or the comparison means nothing.
        string generated = _order.ToJson();
        string reference = JsonSerializer.Serialize(_order, OrderJsonContext.Default.Order);
        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(generated), System.Text.Json.Nodes.JsonNode.Parse(reference)))
        {
            throw new InvalidOperationException($"The generated JSON differs from System.Text.Json's:{Environment.NewLine}{generated}{Environment.NewLine}{reference}");
        }
    }

    [Benchmark(Baseline = true)]
    public string SystemTextJsonSourceGenerated() => JsonSerializer.Serialize(_order, OrderJsonContext.Default.Order);

    [Benchmark]
    public string SystemTextJsonReflection() => JsonSerializer.Serialize(_order, ReflectionOptions);

    [Benchmark]
    public string Generated() => _order.ToJson();

    private static readonly JsonSerializerOptions ReflectionOptions = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
}

[Serialize]
public partial class Order
{
    public int Id { get; set; }

    public string? Customer { get; set; }

    public decimal Total { get; set; }

    public bool Paid { get; set; }

    public double? Discount { get; set; }

    public Line[] Lines { get; set; } = [];

    public List<string> Tags { get; set; } = [];
}

[Serialize]
public partial class Line
{
    public string Sku { get; set; } = "";

    public int Count { get; set; }
}

[JsonSerializable(typeof(Order))]
internal sealed partial class OrderJsonContext : JsonSerializerContext;
