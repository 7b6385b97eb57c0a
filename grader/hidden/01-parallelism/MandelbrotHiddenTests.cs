namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.6")]
public sealed class MandelbrotHiddenTests
{
    [KataTheory]
    [InlineData(7, 10, 3)] // the height is not a multiple of the chunk: the last chunk is shorter
    [InlineData(5, 5, 100)] // one chunk larger than the whole picture
    [InlineData(1, 1, 1)] // a single pixel
    [InlineData(9, 31, 1)] // one row per chunk
    [InlineData(2, 10_000, 7)] // many chunks
    public void Any_chunk_size_gives_the_sequential_picture(int width, int height, int rowsPerChunk)
    {
        int[] expected = Mandelbrot.RenderSequential(width, height, maxIterations: 64);

        int[] actual = Mandelbrot.RenderParallel(width, height, maxIterations: 64, rowsPerChunk);

        actual.Should().Equal(expected, $"a {width}x{height} picture in chunks of {rowsPerChunk} rows must equal the sequential one");
    }

    [KataFact]
    public void Each_chunk_is_rendered_by_one_worker_from_its_first_row_to_its_last()
    {
        const int Height = 60;
        const int RowsPerChunk = 6;
        int[] threadOfRow = new int[Height];
        int[] startOrder = new int[Height];
        int started = 0;

        Mandelbrot.RenderParallel(width: 10, height: Height, maxIterations: 100, RowsPerChunk, onRowStarted: row =>
        {
            threadOfRow[row] = Environment.CurrentManagedThreadId;
            startOrder[row] = Interlocked.Increment(ref started);
        });

        for (int first = 0; first < Height; first += RowsPerChunk)
        {
            for (int row = first + 1; row < first + RowsPerChunk; row++)
            {
                threadOfRow[row].Should().Be(threadOfRow[first],
                    $"rows {first}..{first + RowsPerChunk - 1} form one chunk of rowsPerChunk rows, rendered by one worker");
                startOrder[row].Should().BeGreaterThan(startOrder[row - 1],
                    "a worker renders the rows of its chunk in order, with a plain for loop from Item1 to Item2");
            }
        }
    }

    [KataTheory]
    [InlineData(0, 10, 10, 2, "width")]
    [InlineData(10, -1, 10, 2, "height")]
    [InlineData(10, 10, 0, 2, "maxIterations")]
    [InlineData(10, 10, 10, 0, "rowsPerChunk")]
    [InlineData(10, 10, 10, -3, "rowsPerChunk")]
    public void Sizes_of_zero_or_less_are_rejected_with_the_argument_name(
        int width, int height, int maxIterations, int rowsPerChunk, string parameterName)
    {
        FluentActions.Invoking(() => Mandelbrot.RenderParallel(width, height, maxIterations, rowsPerChunk))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameterName,
                "validate every argument first, with ArgumentOutOfRangeException.ThrowIfNegativeOrZero");
    }

    [KataFact]
    public void The_rows_near_the_real_axis_are_the_expensive_ones()
    {
        // Not a check of your code: a check that the picture really is uneven, which is the point of 1.6.
        int[] pixels = Mandelbrot.RenderParallel(width: 60, height: 20, maxIterations: 500, rowsPerChunk: 2);

        long topRow = pixels.Take(60).Sum(p => (long)p);
        long bottomRow = pixels.Skip(19 * 60).Sum(p => (long)p);

        bottomRow.Should().BeGreaterThan(10 * topRow, "the bottom row crosses the body of the set");
    }
}
