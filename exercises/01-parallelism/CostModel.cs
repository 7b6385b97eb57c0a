using System.Diagnostics.CodeAnalysis;

namespace Katas.Parallelism;

/// <summary>
/// Exercise 1.2: a counter that one worker owns, laid out so that no other worker's counter shares its cache line.
/// </summary>
/// <remarks>
/// Cores do not exchange single bytes: they exchange 64-byte cache lines. Two counters side by side in an
/// array sit on the same line, so when two cores each write "their own" counter they keep stealing the
/// whole line from each other. That is false sharing: the results stay right, the loop gets slower.
/// </remarks>
// TODO: pad this struct to a whole 64-byte cache line, so that two counters next to each other in an array
// never share one. Keep the public Value field as it is; the tests measure the size, not the speed.
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

        // TODO: make a PaddedCounter[] with one counter per worker and run the workers with
        // Parallel.For(0, workers, ...). Worker w calls workerStarted?.Invoke(w) first, then adds 1 to
        // counters[w].Value, incrementsPerWorker times. A plain ++ is right (no other worker touches that
        // counter): do not use Interlocked or locks. Return the counts.
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

        // TODO: cut the index range into chunks with Partitioner.Create(0, values.Length, chunkSize) and sum
        // them with the Parallel.ForEach overload that has localInit and localFinally: each worker keeps a
        // long subtotal of its own and adds it to the total once, at the end. Do not use PLINQ's Sum, and do
        // not touch a shared total once per element.
        throw new NotImplementedException("Exercise 1.2 (CostModel.SumInChunks) is not solved yet. Hint: dotnet run --project grader -- hint 1.2");
    }
}
