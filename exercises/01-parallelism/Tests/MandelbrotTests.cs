namespace Katas.Parallelism.Tests;

[Exercise("1.6", "Balance uneven work: Mandelbrot rows", Points = 10, Hint = """
    Some rows of the picture cost a hundred times more than others. If each core gets one fixed half, the
    core with the cheap half finishes early and waits.
    Think about it: how could a worker that is free take more work while another is stuck in the expensive
    rows? How big should a piece be, so that handing it out costs little next to rendering it? And can two
    workers ever write the same pixel?
    """, MoreHint = """
    Partitioner.Create(fromInclusive, toExclusive, rangeSize) (System.Collections.Concurrent) cuts a range of
    numbers into Tuple<int, int> chunks [Item1, Item2); Parallel.ForEach over that partitioner gives the next
    chunk to whichever worker is free. ArgumentOutOfRangeException.ThrowIfNegativeOrZero validates the size.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/custom-partitioners-for-plinq-and-tpl
    """, Recap = """
    How you cut the work matters as much as running it in parallel: small chunks handed out on demand keep
    every core busy when the work is uneven (rayon splits adaptively and steals).
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*Mandelbrot*' --job short")]
public sealed class MandelbrotTests
{
    [KataFact]
    public void The_parallel_render_equals_the_sequential_render_pixel_for_pixel()
    {
        int[] expected = Mandelbrot.RenderSequential(width: 120, height: 80, maxIterations: 200);

        int[] actual = Mandelbrot.RenderParallel(width: 120, height: 80, maxIterations: 200, rowsPerChunk: 4);

        actual.Should().Equal(expected,
            "pixel (x, y) must be at index y * width + x and hold the same escape time as RenderSequential computes");
    }

    [KataFact]
    public void Every_row_is_rendered_exactly_once()
    {
        const int Height = 97;
        int[] timesStarted = new int[Height];

        Mandelbrot.RenderParallel(width: 16, height: Height, maxIterations: 50, rowsPerChunk: 5,
            onRowStarted: row => Interlocked.Increment(ref timesStarted[row]));

        timesStarted.Should().AllSatisfy(count => count.Should().Be(1,
            "each chunk covers its rows [Item1, Item2) once, and together the chunks cover every row 0..height-1 once"));
    }

    [KataFact]
    public void Chunks_of_rows_are_rendered_on_several_threads_at_once()
    {
        using var probe = new ConcurrencyProbe();

        Mandelbrot.RenderParallel(width: 8, height: 64, maxIterations: 20, rowsPerChunk: 4,
            onRowStarted: _ => probe.Arrive());

        probe.SawConcurrency.Should().BeTrue(
            "Parallel.ForEach must render several chunks at the same time, not one chunk after another");
    }

    [KataFact]
    public void A_worker_held_up_in_one_chunk_leaves_every_other_chunk_to_the_others()
    {
        // Row 0 stands for an expensive chunk: it is held until every row outside the first chunk has started.
        // With chunks of rowsPerChunk rows handed to whichever worker is free, the other workers take all the
        // other chunks meanwhile. A fixed share per worker (static halves), one row at a time, or a chunk size
        // other than rowsPerChunk leaves rows stuck behind the held one, or splits the first chunk.
        const int Height = 60;
        const int RowsPerChunk = 6;
        int[] threadOfRow = new int[Height];
        int otherRowsStarted = 0;
        using var otherRowsAllStarted = new ManualResetEventSlim(initialState: false);
        bool othersFinishedWhileHeld = false;

        Mandelbrot.RenderParallel(width: 8, height: Height, maxIterations: 20, RowsPerChunk, onRowStarted: row =>
        {
            threadOfRow[row] = Environment.CurrentManagedThreadId;
            if (row == 0)
            {
                othersFinishedWhileHeld = otherRowsAllStarted.Wait(ConcurrencyProbe.DefaultPatience);
            }
            else if (row >= RowsPerChunk && Interlocked.Increment(ref otherRowsStarted) == Height - RowsPerChunk)
            {
                otherRowsAllStarted.Set();
            }
        });

        othersFinishedWhileHeld.Should().BeTrue(
            "while one worker was held in rows 0..5, the other workers must take every other chunk: hand out "
            + "chunks of rowsPerChunk rows to whichever worker is free, not a fixed share per worker");
        threadOfRow[1..RowsPerChunk].Should().AllSatisfy(thread => thread.Should().Be(threadOfRow[0],
            "rows 0..5 are one chunk of rowsPerChunk rows, so one worker renders all of them"));
    }
}
