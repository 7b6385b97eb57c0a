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
    /// <summary>Guards every field below; never held while user code runs.</summary>
    private readonly object _gate = new();

    private readonly Queue<T> _items;

    /// <summary>Consumers waiting for an item, oldest first. Only non-empty while <see cref="_items"/> is empty.</summary>
    private readonly LinkedList<TaskCompletionSource<T>> _consumers = new();

    /// <summary>Producers waiting for room, oldest first, each with its item. Only non-empty while the queue is full.</summary>
    private readonly LinkedList<Producer> _producers = new();

    private bool _completed;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is zero or negative.</exception>
    public BoundedAsyncQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _items = new Queue<T>(capacity);
    }

    public int Capacity { get; }

    /// <summary>The items in the queue now (not those of producers still waiting for room).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="item"/>, waiting while the queue is full.</summary>
    /// <exception cref="InvalidOperationException">The queue was completed (before or during the wait).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first; the item was not added.</exception>
    public ValueTask EnqueueAsync(T item, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        LinkedListNode<Producer> node;
        lock (_gate)
        {
            if (_completed)
            {
                return ValueTask.FromException(CompletedError());
            }

            // A waiting consumer takes the item directly. TrySetResult fails for a consumer whose cancellation won
            // the race: then the item is still ours, and goes to the next consumer or the queue.
            while (_consumers.First is { } consumer)
            {
                _consumers.RemoveFirst();
                if (consumer.Value.TrySetResult(item))
                {
                    return ValueTask.CompletedTask;
                }
            }

            if (_items.Count < Capacity)
            {
                _items.Enqueue(item);
                return ValueTask.CompletedTask;
            }

            node = _producers.AddLast(new Producer(item));
        }

        return cancellationToken.CanBeCanceled ? WaitForRoomAsync(node, cancellationToken) : new ValueTask(node.Value.Done.Task);
    }

    /// <summary>Takes the oldest item, waiting while the queue is empty.</summary>
    /// <exception cref="InvalidOperationException">The queue was completed and has no items left.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first; no item was taken.</exception>
    public ValueTask<T> DequeueAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        LinkedListNode<TaskCompletionSource<T>> node;
        lock (_gate)
        {
            if (_items.TryDequeue(out T? item))
            {
                // Room was made: the oldest waiting producer still waiting moves its item in.
                while (_producers.First is { } producer)
                {
                    _producers.RemoveFirst();
                    if (producer.Value.Done.TrySetResult())
                    {
                        _items.Enqueue(producer.Value.Item);
                        break;
                    }
                }

                // The fast path: a ValueTask over the item itself, no allocation.
                return new ValueTask<T>(item);
            }

            if (_completed)
            {
                return ValueTask.FromException<T>(CompletedError());
            }

            node = _consumers.AddLast(new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return cancellationToken.CanBeCanceled ? WaitForItemAsync(node, cancellationToken) : new ValueTask<T>(node.Value.Task);
    }

    /// <summary>
    /// Refuses new items. Consumers get the items already queued; waiting consumers (there are only any when the
    /// queue is empty) and waiting producers fail with <see cref="InvalidOperationException"/>. Completing twice does nothing.
    /// </summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            foreach (TaskCompletionSource<T> consumer in _consumers)
            {
                consumer.TrySetException(CompletedError());
            }

            foreach (Producer producer in _producers)
            {
                producer.Done.TrySetException(CompletedError());
            }

            _consumers.Clear();
            _producers.Clear();
        }
    }

    /// <summary>
    /// The slow path of <see cref="EnqueueAsync"/>: waits for room with the token registered. A cancellation completes
    /// the wait as cancelled only if no consumer took the item first (then TrySetCanceled fails and the item is in),
    /// and takes the producer off the list, so no consumer moves a cancelled item in.
    /// </summary>
    private async ValueTask WaitForRoomAsync(LinkedListNode<Producer> node, CancellationToken cancellationToken)
    {
        // Disposed after the await, outside the lock: disposing waits for a running callback, which takes the lock.
        using (cancellationToken.UnsafeRegister(static (state, token) =>
        {
            var (self, waiter) = ((BoundedAsyncQueue<T>, LinkedListNode<Producer>))state!;
            if (waiter.Value.Done.TrySetCanceled(token))
            {
                self.Remove(waiter);
            }
        }, (this, node)))
        {
            await node.Value.Done.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The slow path of <see cref="DequeueAsync"/>: waits for an item, the same way.</summary>
    private async ValueTask<T> WaitForItemAsync(LinkedListNode<TaskCompletionSource<T>> node, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (state, token) =>
        {
            var (self, waiter) = ((BoundedAsyncQueue<T>, LinkedListNode<TaskCompletionSource<T>>))state!;
            // Fails if a producer handed this consumer an item first: then the item is returned, not lost.
            if (waiter.Value.TrySetCanceled(token))
            {
                self.Remove(waiter);
            }
        }, (this, node)))
        {
            return await node.Value.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Takes a cancelled waiter off its list, unless an enqueue, a dequeue or Complete already did.</summary>
    private void Remove<TWaiter>(LinkedListNode<TWaiter> node)
    {
        lock (_gate)
        {
            node.List?.Remove(node);
        }
    }

    /// <summary>A producer waiting for room, with its item.</summary>
    private sealed class Producer(T item)
    {
        public T Item { get; } = item;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static InvalidOperationException CompletedError() => new("The queue was completed: no more items are accepted, and none are left.");
}
