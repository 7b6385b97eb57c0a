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

    // EscapeTime and RenderSequential are given, not written by the student: these pin them down, so that the
    // parallel picture is compared with the right one.
    [KataTheory]
    [InlineData(0.0, 0.0, 50)] // 0 stays 0: in the set
    [InlineData(-2.0, 0.0, 50)] // -2, 2, 2, ...: |z| = 2 exactly, which does not escape (|z| must exceed 2)
    [InlineData(0.0, 1.0, 50)] // i, -1 + i, -i, -1 + i, ...: a cycle, in the set
    [InlineData(1.0, 0.0, 3)] // 1, 2, 5: |z| exceeds 2 at the third iteration
    [InlineData(2.0, 0.0, 2)] // 2, 6
    [InlineData(0.0, 1.5, 2)] // 1.5i, -2.25 + 1.5i
    public void EscapeTime_counts_the_iterations_until_z_leaves_the_disc_of_radius_2(double cx, double cy, int expected)
    {
        Mandelbrot.EscapeTime(cx, cy, maxIterations: 50).Should().Be(expected, $"c = {cx} + {cy}i, z = z² + c from z = 0");
    }

    [KataFact]
    public void Each_pixel_holds_the_escape_time_of_its_centre()
    {
        const int Width = 6;
        const int Height = 4;

        int[] pixels = Mandelbrot.RenderSequential(Width, Height, maxIterations: 40);

        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                double cx = Mandelbrot.MinReal + ((x + 0.5) * (Mandelbrot.MaxReal - Mandelbrot.MinReal) / Width);
                double cy = Mandelbrot.MaxImaginary - ((y + 0.5) * Mandelbrot.MaxImaginary / Height);
                pixels[(y * Width) + x].Should().Be(Mandelbrot.EscapeTime(cx, cy, 40), $"pixel ({x}, {y}) is sampled at its centre");
            }
        }
    }

    [KataTheory]
    [InlineData(0, 10, 10, "width")]
    [InlineData(10, 0, 10, "height")]
    [InlineData(10, 10, 0, "maxIterations")]
    public void The_sequential_picture_rejects_sizes_of_zero_or_less(int width, int height, int iterations, string parameterName)
    {
        FluentActions.Invoking(() => Mandelbrot.RenderSequential(width, height, iterations))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameterName);
        FluentActions.Invoking(() => Mandelbrot.EscapeTime(0, 0, 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxIterations");
    }

    [KataFact]
    public void A_sequential_picture_too_large_for_one_array_is_refused()
    {
        // 65536 x 65537 pixels overflow an int; unchecked, the product would wrap round to 65536.
        FluentActions.Invoking(() => Mandelbrot.RenderSequential(65_536, 65_537, maxIterations: 1))
            .Should().Throw<OverflowException>();
    }
}
