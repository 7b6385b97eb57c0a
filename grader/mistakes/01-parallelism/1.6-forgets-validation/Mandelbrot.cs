// Mistake: Partitioner.Create checks the chunk size anyway; but its exception names rangeSize, not the caller's argument.
using System.Collections.Concurrent;

namespace Katas.Parallelism;

/// <summary>Exercise 1.6: balance uneven work by rendering the Mandelbrot set in chunks of rows.</summary>
/// <remarks>
/// The picture is the upper half of the set (it is symmetric about the real axis): real part from
/// <see cref="MinReal"/> to <see cref="MaxReal"/>, imaginary part from <see cref="MaxImaginary"/> in the top
/// row down to 0 in the bottom row. Rows near the bottom cross the body of the set, where every pixel runs
/// all <c>maxIterations</c>; rows near the top escape after a few. The work per row is very uneven.
/// </remarks>
public static class Mandelbrot
{
    /// <summary>Real part at the left edge of the picture.</summary>
    public const double MinReal = -2.0;

    /// <summary>Real part at the right edge of the picture.</summary>
    public const double MaxReal = 1.0;

    /// <summary>Imaginary part at the top edge of the picture; the bottom edge is 0.</summary>
    public const double MaxImaginary = 1.5;

    /// <summary>
    /// How many iterations of z = z² + c, starting from z = 0, it takes until |z| &gt; 2, or
    /// <paramref name="maxIterations"/> if it never does (c is then taken to be in the set).
    /// </summary>
    public static int EscapeTime(double cx, double cy, int maxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);

        double x = 0.0;
        double y = 0.0;
        int iteration = 0;
        while (iteration < maxIterations && x * x + y * y <= 4.0)
        {
            double nextX = x * x - y * y + cx;
            y = 2.0 * x * y + cy;
            x = nextX;
            iteration++;
        }

        return iteration;
    }

    /// <summary>
    /// Renders the picture one row after another: pixel (x, y) is at index <c>y * width + x</c> of the
    /// result (row-major) and holds the escape time of the centre of that pixel.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is zero or negative.</exception>
    public static int[] RenderSequential(int width, int height, int maxIterations)
    {
        ValidateSize(width, height, maxIterations);

        int[] pixels = new int[checked(width * height)];
        for (int row = 0; row < height; row++)
        {
            RenderRow(pixels, width, height, maxIterations, row);
        }

        return pixels;
    }

    /// <summary>
    /// Renders the same picture as <see cref="RenderSequential"/>, on all cores: the rows are cut into
    /// chunks of <paramref name="rowsPerChunk"/> consecutive rows, and idle workers take the next chunk.
    /// If <paramref name="onRowStarted"/> is not null, it is called with the row number as each row starts
    /// (the tests use it to watch the work).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is zero or negative.</exception>
    public static int[] RenderParallel(int width, int height, int maxIterations, int rowsPerChunk, Action<int>? onRowStarted = null)
    {
        ValidateSize(width, height, maxIterations);

        // bug: rowsPerChunk is not validated here

        int[] pixels = new int[checked(width * height)];

        // Partitioner.Create(0, height, rowsPerChunk) cuts the rows into ranges [from, to) of rowsPerChunk
        // rows (the last one shorter), and Parallel.ForEach hands the next range to whichever worker is idle.
        // Small chunks balance the load: a worker stuck in the expensive rows near the real axis takes few
        // chunks while the others take many cheap ones. One chunk per core ("static halves") would leave the
        // workers with the cheap rows idle. Chunks of several rows, not one, keep the cost of handing out
        // work small next to the work itself.
        //
        // No lock is needed: each row is in exactly one range, and RenderRow writes only the pixels of its own
        // row, so no two workers ever write the same array element. Parallel.ForEach returns only after every
        // range has finished, and that wait makes all their writes visible to the thread that reads the result.
        Parallel.ForEach(Partitioner.Create(0, height, rowsPerChunk), range =>
        {
            for (int row = range.Item1; row < range.Item2; row++)
            {
                onRowStarted?.Invoke(row);
                RenderRow(pixels, width, height, maxIterations, row);
            }
        });

        return pixels;
    }

    /// <summary>Fills row <paramref name="row"/> of <paramref name="pixels"/>, and nothing else.</summary>
    private static void RenderRow(int[] pixels, int width, int height, int maxIterations, int row)
    {
        double cy = MaxImaginary - (row + 0.5) * MaxImaginary / height;
        int rowStart = row * width;
        for (int column = 0; column < width; column++)
        {
            double cx = MinReal + (column + 0.5) * (MaxReal - MinReal) / width;
            pixels[rowStart + column] = EscapeTime(cx, cy, maxIterations);
        }
    }

    private static void ValidateSize(int width, int height, int maxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
    }
}
