using System.Runtime.CompilerServices;

namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.2")]
public sealed class CostModelHiddenTests
{
    [KataFact]
    public void Neighbouring_counters_in_an_array_are_a_cache_line_apart()
    {
        var counters = new PaddedCounter[2];

        long distance = (long)Unsafe.ByteOffset(ref counters[0].Value, ref counters[1].Value);

        distance.Should().BeGreaterThanOrEqualTo(64,
            "the Value fields of counters[0] and counters[1] must never sit on one 64-byte cache line");
    }

    [KataTheory]
    [InlineData(1, 1_000)]
    [InlineData(64, 1_000)]
    [InlineData(3, 0)]
    public void Every_worker_gets_exactly_its_own_count(int workers, int incrementsPerWorker)
    {
        long[] counts = CostModel.CountPerWorker(workers, incrementsPerWorker);

        counts.Should().HaveCount(workers, "there is one count per worker").And
            .AllSatisfy(count => count.Should().Be(incrementsPerWorker, "no increment may be lost or repeated"));
    }

    [KataFact]
    public void Every_worker_index_starts_exactly_once()
    {
        var started = new int[16];

        CostModel.CountPerWorker(16, 10, worker => Interlocked.Increment(ref started[worker]));

        started.Should().AllSatisfy(times => times.Should().Be(1, "workerStarted runs once per worker, with its index"));
    }

    [KataFact]
    public void An_empty_array_sums_to_zero()
    {
        CostModel.SumInChunks([]).Should().Be(0,
            "the sum of nothing is 0 (note that Partitioner.Create refuses an empty range)");
    }

    [KataTheory]
    [InlineData(1, 1)]
    [InlineData(1, 16_384)]
    [InlineData(10_000, 1)]
    [InlineData(10_000, 3)]
    [InlineData(10_000, 10_000)]
    [InlineData(10_001, 1_000)]
    public void Every_element_is_summed_once_whatever_the_chunk_size(int length, int chunkSize)
    {
        // Distinct values, negative and positive, whose total (for the long arrays) leaves the int range: losing
        // or repeating any element (the short last chunk, say) changes the sum, and so does an int subtotal.
        int[] values = Enumerable.Range(1, length).Select(i => (i * 7919) - 500_000).ToArray();
        long expected = values.Sum(v => (long)v);

        CostModel.SumInChunks(values, chunkSize).Should().Be(expected,
            "each chunk covers [Item1, Item2) of the range, the last one may be shorter than chunkSize");
    }

    [KataTheory]
    [InlineData(10_000, 1_000)]
    [InlineData(10_001, 1_000)]
    [InlineData(7, 16_384)]
    [InlineData(100, 1)]
    public void Every_chunk_starts_once_at_a_multiple_of_the_chunk_size(int length, int chunkSize)
    {
        // The work items are chunks of chunkSize elements, not single elements: one delegate call per chunk.
        var starts = new System.Collections.Concurrent.ConcurrentBag<int>();
        int[] values = Enumerable.Range(0, length).ToArray();

        CostModel.SumInChunks(values, chunkSize, starts.Add);

        starts.Order().Should().Equal(Enumerable.Range(0, (length + chunkSize - 1) / chunkSize).Select(i => i * chunkSize),
            "chunk k covers [k * chunkSize, (k + 1) * chunkSize) and reports its first index once: a work item per "
            + "element, or a sum that never reports its chunks, is not the chunked loop");
    }

    [KataFact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        FluentActions.Invoking(() => CostModel.SumInChunks(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("values");
        FluentActions.Invoking(() => CostModel.SumInChunks([1], chunkSize: 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("chunkSize");
        FluentActions.Invoking(() => CostModel.CountPerWorker(0, 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("workers");
        FluentActions.Invoking(() => CostModel.CountPerWorker(1, -1))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("incrementsPerWorker");
    }
}
