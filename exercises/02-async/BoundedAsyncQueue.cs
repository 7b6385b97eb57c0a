using System.Diagnostics.CodeAnalysis;

namespace Katas.Async;

/// <summary>
/// Exercise 2.8, part 3: a bounded first-in-first-out queue between async producers and consumers, with
/// back-pressure: <see cref="EnqueueAsync"/> waits while the queue is full, <see cref="DequeueAsync"/> while it is
/// empty. Rust: <c>tokio::sync::mpsc::channel(capacity)</c>; .NET: <c>Channel.CreateBounded</c>.
/// </summary>
/// <remarks>
/// <para>Cancelling a wait never loses an item: a cancelled <see cref="EnqueueAsync"/> has not added its item, and
/// a cancelled <see cref="DequeueAsync"/> has not taken one. <see cref="Complete"/> refuses new items; consumers
/// still get the items already in the queue, then <see cref="DequeueAsync"/> fails with
/// <see cref="InvalidOperationException"/>.</para>
/// <para>No continuation runs on the thread that completes the wait (a producer handing an item to a waiting
/// consumer, say): it may hold this queue's lock, or one of its own.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: the name says what it does, as tokio's and Channels' docs do.")]
public sealed class BoundedAsyncQueue<T>
{
    // TODO: the queue's state: the items, the consumers waiting for an item and the producers waiting for room (each with its
    // item), whether it was completed, and a monitor that guards them all.

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is zero or negative.</exception>
    public BoundedAsyncQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The items in the queue now (not those of producers still waiting for room).</summary>
    public int Count => throw new NotImplementedException("Exercise 2.8 (BoundedAsyncQueue.Count) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");

    /// <summary>Adds <paramref name="item"/>, waiting while the queue is full.</summary>
    /// <exception cref="InvalidOperationException">The queue was completed (before or during the wait).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first; the item was not added.</exception>
    public ValueTask EnqueueAsync(T item, CancellationToken cancellationToken = default)
    {
        // TODO: hand the item to a waiting consumer, or queue it if there is room (both without allocating), or wait for room.
        // A cancelled wait leaves the line with its item; a consumer whose own wait was just cancelled does not get the item.
        throw new NotImplementedException("Exercise 2.8 (BoundedAsyncQueue.EnqueueAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Takes the oldest item, waiting while the queue is empty.</summary>
    /// <exception cref="InvalidOperationException">The queue was completed and has no items left.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first; no item was taken.</exception>
    public ValueTask<T> DequeueAsync(CancellationToken cancellationToken = default)
    {
        // TODO: take the oldest item (and let the oldest waiting producer in) without allocating, or wait for one.
        // A cancelled wait takes nothing, and never keeps an item a producer handed it.
        throw new NotImplementedException("Exercise 2.8 (BoundedAsyncQueue.DequeueAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>
    /// Refuses new items. Consumers get the items already queued; waiting consumers (there are only any when the
    /// queue is empty) and waiting producers fail with <see cref="InvalidOperationException"/>. Completing twice does nothing.
    /// </summary>
    public void Complete()
    {
        // TODO: as described above.
        throw new NotImplementedException("Exercise 2.8 (BoundedAsyncQueue.Complete) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }
}
