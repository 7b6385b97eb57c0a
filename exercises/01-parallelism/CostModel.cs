using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Katas.Parallelism;

/// <summary>
/// Exercise 1.2: a counter that one worker owns, laid out so that no other worker's counter shares its cache line.
/// </summary>
/// <remarks>
/// Cores do not exchange single bytes: they exchange 64-byte cache lines. Two counters side by side in an
/// array sit on the same line, so when two cores each write "their own" counter they keep stealing the
/// whole line from each other. That is false sharing: the results stay right, the loop gets slower.
/// </remarks>
// TODO: make a PaddedCounter take a whole 64-byte cache line, so that two counters next to each other in an
// array never share one. Keep the public Value field as it is. The tests measure the layout, not the speed.
public struct PaddedCounter
{
    /// <summary>The count. Only the worker that owns this counter writes it.</summary>
    [SuppressMessage("Design", "CA1051:Do not declare visible instance fields",
        Justification = "A field on purpose: workers increment it in place, through a ref.")]
    public long Value;
}

/// <summary>Exercise 1.2: when parallel pays. Work per item, and who writes which cache line.</summary>
public static class CostModel
{
    /// <summary>The number of elements each worker of <see cref="SumInChunks"/> sums before it asks for more.</summary>
    public const int DefaultChunkSize = 16_384;

    /// <summary>
    /// Runs <paramref name="workers"/> workers at the same time; each adds 1 to its own
    /// <see cref="PaddedCounter"/>, <paramref name="incrementsPerWorker"/> times. Returns the final counts,
    /// one per worker.
    /// </summary>
    /// <param name="workers">How many workers, and counters.</param>
    /// <param name="incrementsPerWorker">How many times each worker adds 1 to its counter.</param>
    /// <param name="workerStarted">Called with the worker's index, on the worker's thread, before it starts counting.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is not positive, or <paramref name="incrementsPerWorker"/> is negative.</exception>
    public static long[] CountPerWorker(int workers, int incrementsPerWorker, Action<int>? workerStarted = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(incrementsPerWorker);

        // TODO: run the workers at the same time; worker w calls workerStarted?.Invoke(w) before it starts counting,
        // then adds 1 to a PaddedCounter of its own incrementsPerWorker times. Return the counts, one per worker.
        // Limits: nobody else writes a worker's counter, so no Interlocked and no locks.
        // Also checked: 1 worker, 64 workers, 0 increments, and every worker index started exactly once.
        throw new NotImplementedException("Exercise 1.2 (CostModel.CountPerWorker) is not solved yet. Hint: dotnet run --project grader -- hint 1.2");
    }

    /// <summary>
    /// Sums <paramref name="values"/> on every core, handing each worker <paramref name="chunkSize"/>
    /// elements at a time. The sum is a <see cref="long"/>: it does not overflow where an int would.
    /// </summary>
    /// <param name="values">The values to sum.</param>
    /// <param name="chunkSize">How many consecutive elements a worker sums per delegate call (the last chunk may be shorter).</param>
    /// <param name="chunkStarted">Called with the index of a chunk's first element, on the worker's thread, before it sums the chunk.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is not positive.</exception>
    public static long SumInChunks(int[] values, int chunkSize = DefaultChunkSize, Action<int>? chunkStarted = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);

        // TODO: sum the values on all cores, one chunk of chunkSize consecutive elements per work item (the last chunk
        // may be shorter), calling chunkStarted?.Invoke(index of the chunk's first element) as each chunk starts.
        // Limits: one delegate call per chunk, not per element; a shared total touched once per worker, not once
        // per element; no PLINQ Sum.
        // Also checked: an empty array sums to 0; chunk sizes of 1, larger than the array, or not dividing its length;
        // totals far beyond int.MaxValue.
        throw new NotImplementedException("Exercise 1.2 (CostModel.SumInChunks) is not solved yet. Hint: dotnet run --project grader -- hint 1.2");
    }
}
