using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks.Sources;

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
/// <para>Nothing is allocated per item once the queue is warm: the fast paths return a <see cref="ValueTask"/>
/// over the item or a completed one, and a wait is a <see cref="Waiter"/> (a reusable
/// <see cref="IValueTaskSource{TResult}"/>, this exercise's last part) that goes back to a free list once its
/// <see cref="ValueTask"/> has been awaited, as <c>Channel</c> reuses its reader's and writer's.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: the name says what it does, as tokio's and Channels' docs do.")]
public sealed class BoundedAsyncQueue<T>
{
    /// <summary>Guards every field below; never held while user code runs.</summary>
    private readonly object _gate = new();

    private readonly Queue<T> _items;

    /// <summary>Consumers waiting for an item, oldest first. Only non-empty while <see cref="_items"/> is empty.</summary>
    private readonly LinkedList<Waiter> _consumers = new();

    /// <summary>Producers waiting for room, oldest first, each with its item. Only non-empty while the queue is full.</summary>
    private readonly LinkedList<Waiter> _producers = new();

    /// <summary>Waiters whose wait is over and has been awaited, ready for the next wait.</summary>
    private readonly Stack<Waiter> _idle = new();

    private bool _completed;

    /// <summary>Creates an empty queue that holds at most <paramref name="capacity"/> items.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is zero or negative.</exception>
    public BoundedAsyncQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _items = new Queue<T>(capacity);
    }

    /// <summary>The most items the queue holds; a producer waits for room beyond it.</summary>
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

        Waiter producer;
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

            producer = Rent(item);
            _producers.AddLast(producer.Node);
        }

        return producer.WaitForRoom(cancellationToken);
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

        Waiter consumer;
        lock (_gate)
        {
            if (_items.TryDequeue(out T? item))
            {
                // Room was made: the oldest producer still waiting moves its item in. The item is read before the
                // producer is released: once released, its waiter may already serve another wait.
                while (_producers.First is { } producer)
                {
                    _producers.RemoveFirst();
                    T moved = producer.Value.Item;
                    if (producer.Value.TrySetResult(default!))
                    {
                        _items.Enqueue(moved);
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

            consumer = Rent(default!);
            _consumers.AddLast(consumer.Node);
        }

        return consumer.WaitForItem(cancellationToken);
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
            FailAll(_consumers);
            FailAll(_producers);
        }

        static void FailAll(LinkedList<Waiter> waiters)
        {
            while (waiters.First is { } waiter)
            {
                waiters.RemoveFirst();
                waiter.Value.TrySetException(CompletedError());
            }
        }
    }

    /// <summary>A waiter for a new wait: an idle one if there is one. Under the lock.</summary>
    private Waiter Rent(T item)
    {
        Waiter waiter = _idle.TryPop(out Waiter? idle) ? idle : new Waiter(this);
        waiter.Item = item;
        return waiter;
    }

    /// <summary>Takes a cancelled waiter off its list, unless an enqueue, a dequeue or Complete already did.</summary>
    private void Remove(LinkedListNode<Waiter> node)
    {
        lock (_gate)
        {
            node.List?.Remove(node);
        }
    }

    private void Return(Waiter waiter)
    {
        lock (_gate)
        {
            _idle.Push(waiter);
        }
    }

    /// <summary>
    /// One wait of a producer (for room) or a consumer (for an item): a reusable <see cref="IValueTaskSource{TResult}"/>
    /// on <see cref="ManualResetValueTaskSourceCore{TResult}"/>. The queue (with an item, with room, or by
    /// <see cref="Complete"/>) and the wait's cancellation race to claim it; whichever claims it first completes it,
    /// and the other finds it claimed and leaves it alone, so a cancelled wait has neither taken nor given an item.
    /// </summary>
    private sealed class Waiter : IValueTaskSource<T>, IValueTaskSource
    {
        private readonly BoundedAsyncQueue<T> _queue;
        private ManualResetValueTaskSourceCore<T> _core = new() { RunContinuationsAsynchronously = true };
        private CancellationTokenRegistration _cancellation;

        /// <summary>1 once the queue or the cancellation has claimed this wait.</summary>
        private int _claimed;

        public Waiter(BoundedAsyncQueue<T> queue)
        {
            _queue = queue;
            Node = new LinkedListNode<Waiter>(this);
        }

        /// <summary>This waiter's place in the queue's list of consumers or producers: one node for all its waits.</summary>
        public LinkedListNode<Waiter> Node { get; }

        /// <summary>A producer's item, moved into the queue when room is made.</summary>
        public T Item { get; set; } = default!;

        public ValueTask<T> WaitForItem(CancellationToken cancellationToken)
        {
            Watch(cancellationToken);
            return new ValueTask<T>(this, _core.Version);
        }

        public ValueTask WaitForRoom(CancellationToken cancellationToken)
        {
            Watch(cancellationToken);
            return new ValueTask(this, _core.Version);
        }

        public bool TrySetResult(T result)
        {
            if (!TryClaim())
            {
                return false;
            }

            _core.SetResult(result);
            return true;
        }

        public void TrySetException(Exception error)
        {
            if (TryClaim())
            {
                _core.SetException(error);
            }
        }

        T IValueTaskSource<T>.GetResult(short token)
        {
            ThrowIfNotDone(token);
            try
            {
                return _core.GetResult(token);
            }
            finally
            {
                Recycle();
            }
        }

        void IValueTaskSource.GetResult(short token) => ((IValueTaskSource<T>)this).GetResult(token);

        ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) => _core.GetStatus(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        /// <summary>
        /// Registered after the queue's lock is released: a callback that runs at once (the token was cancelled
        /// meanwhile) takes the lock to remove this waiter.
        /// </summary>
        private void Watch(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), this);
            }
        }

        private void Cancel(CancellationToken token)
        {
            if (TryClaim())
            {
                // Off the list before the wait completes: once completed, this waiter may be reused for another wait.
                _queue.Remove(Node);
                _core.SetException(new OperationCanceledException(token));
            }
        }

        /// <summary>
        /// A stale token (a ValueTask awaited twice) or a wait still pending throws before anything is recycled:
        /// this waiter may already serve another wait, or still serve this one.
        /// </summary>
        private void ThrowIfNotDone(short token)
        {
            if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
            {
                throw new InvalidOperationException("The wait has not completed yet: await the ValueTask instead of reading its result.");
            }
        }

        /// <summary>Ready for the next wait. Disposing the registration first waits for a cancellation callback still running.</summary>
        private void Recycle()
        {
            _cancellation.Dispose();
            _cancellation = default;
            Item = default!;
            _core.Reset();
            _claimed = 0;
            _queue.Return(this);
        }
    }

    private static InvalidOperationException CompletedError() => new("The queue was completed: no more items are accepted, and none are left.");
}
