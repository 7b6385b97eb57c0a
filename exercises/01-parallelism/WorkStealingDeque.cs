using System.Diagnostics.CodeAnalysis;

namespace Katas.Parallelism;

/// <summary>
/// Exercise 1.8: the deque at the heart of a work-stealing scheduler. One thread, the owner, pushes and
/// pops its own work at the tail, newest first (LIFO: the freshest work is hot in its cache); any other
/// thread, a thief, steals at the head, oldest first (FIFO: the oldest work is usually the biggest piece).
/// </summary>
/// <remarks>
/// <see cref="Push"/> and <see cref="TryPop"/> may be called only by the owner, one call at a time;
/// <see cref="TrySteal"/> and <see cref="Count"/> by any thread. The deque grows as needed.
/// </remarks>
public sealed class WorkStealingDeque<T>
{
    // TODO: add the fields that hold the items and implement the four members below. The owner pushes and pops
    // at one end, newest first; thieves steal at the other end, oldest first; the deque grows as needed; and
    // every item is taken exactly once, even when the owner and thieves race for the last one.
    // Correctness first: one lock in every member is a good answer. Limits: no System.Collections.Concurrent.
    // Also checked: an empty deque (false, default item), null items, 10,000 items, growing after the ring has
    // wrapped around, a long random mix against a model, and three stress races (owner against two thieves for
    // a single item, bursts that grow the deque, three thieves emptying a full one).

    /// <summary>
    /// The number of items. Exact when no other thread is using the deque; while thieves steal it is a
    /// snapshot that may already be out of date when you read it.
    /// </summary>
    public int Count => throw NotSolved();

    /// <summary>Adds <paramref name="item"/> at the tail. Owner only.</summary>
    public void Push(T item) => throw NotSolved();

    /// <summary>Takes the newest item, at the tail. Owner only.</summary>
    /// <returns>False if the deque was empty (or a thief took the last item first).</returns>
    public bool TryPop([MaybeNullWhen(false)] out T item) => throw NotSolved();

    /// <summary>Takes the oldest item, at the head. Any thread.</summary>
    /// <returns>False if the deque was empty (or the owner took the last item first).</returns>
    public bool TrySteal([MaybeNullWhen(false)] out T item) => throw NotSolved();

    private static NotImplementedException NotSolved() =>
        new("Exercise 1.8 (WorkStealingDeque) is not solved yet. Hint: dotnet run --project grader -- hint 1.8");
}
