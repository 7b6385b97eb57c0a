using BenchmarkDotNet.Attributes;

namespace Katas.Parallelism.Benchmarks;

/// <summary>
/// Exercise 1.6: the load-balance lesson. One chunk per core ("static halves") against small chunks,
/// both against the sequential render. The rows near the bottom cost far more than the rows near the top.
/// </summary>
public class MandelbrotBenchmarks
{
    private const int Width = 600;
    private const int Height = 400;

    /// <summary>The cost of a pixel inside the set; the rows that cross the set cost about this much per pixel.</summary>
    [Params(1_000)]
    public int MaxIterations { get; set; }

    [Benchmark(Baseline = true)]
    public int[] Sequential() => Mandelbrot.RenderSequential(Width, Height, MaxIterations);

    /// <summary>One chunk per core: the core with the cheap top rows finishes first and then idles.</summary>
    [Benchmark]
    public int[] StaticHalves() =>
        Mandelbrot.RenderParallel(Width, Height, MaxIterations, rowsPerChunk: (Height + Environment.ProcessorCount - 1) / Environment.ProcessorCount);

    /// <summary>Four rows per chunk: 100 chunks, handed to whichever core is free.</summary>
    [Benchmark]
    public int[] SmallChunks() => Mandelbrot.RenderParallel(Width, Height, MaxIterations, rowsPerChunk: 4);
}
