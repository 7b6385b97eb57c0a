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
// Size = 64 makes every counter take a whole cache line, so in an array the Value fields are 64 bytes
// apart and two of them can never sit on the same line. The longer equivalent is seven private long
// padding fields after Value. (Some Intel cores fetch lines in pairs; runtime code that must be immune to
// that pads to 128 bytes, as .NET's own ConcurrentQueue segments do.)
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct PaddedCounter
{
    /// <summary>The count. Only the worker that owns this counter writes it.</summary>
    [SuppressMessage("Design", "CA1051:Do not declare visible instance fields",
        Justification = "A field on purpose: workers increment it in place, through a ref.")]
    [FieldOffset(0)]
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

        var counters = new PaddedCounter[workers];
        Parallel.For(0, workers, worker =>
        {
            workerStarted?.Invoke(worker);

            // Each worker owns counters[worker], so plain increments are race-free. Every ++ updates the
            // counter in the array, on a cache line that no other worker writes: that is what the padding buys.
            ref long value = ref counters[worker].Value;
            for (int i = 0; i < incrementsPerWorker; i++)
            {
                value++;
            }
        });

        // Parallel.For returns after every worker has finished, so reading the counters here is safe.
        return Array.ConvertAll(counters, counter => counter.Value);
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

        // Partitioner.Create rejects an empty range (toExclusive must be greater than fromInclusive).
        if (values.Length == 0)
        {
            return 0;
        }

        // One delegate call per chunk instead of one per element: a single addition is far too little work
        // to pay for a call, let alone for a shared total. Each worker sums its chunks into a subtotal of its
        // own (localInit starts it, the body carries it from chunk to chunk) and adds it to the total once,
        // in localFinally: one Interlocked.Add per worker, not one per element.
        long total = 0;
        Parallel.ForEach(
            Partitioner.Create(0, values.Length, chunkSize),
            localInit: () => 0L,
            body: (range, _, subtotal) =>
            {
                chunkStarted?.Invoke(range.Item1);
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    subtotal += values[i];
                }

                return subtotal;
            },
            localFinally: subtotal => Interlocked.Add(ref total, subtotal));

        return total;
    }
}
