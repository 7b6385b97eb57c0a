namespace Katas.Async;

/// <summary>
/// Exercise 2.8, part 1: an event that async code waits on without blocking a thread. While it is set, every
/// wait completes at once; <see cref="Set"/> releases every waiter; <see cref="Reset"/> makes later waits wait
/// again. Rust: <c>tokio::sync::Notify</c> (<c>notify_waiters</c>), or an <c>event_listener::Event</c>.
/// </summary>
/// <remarks>
/// The waiters' continuations never run on the thread that calls <see cref="Set"/>: that thread may hold a lock,
/// and a waiter's code run under that lock can deadlock (see the module README).
/// </remarks>
public sealed class AsyncManualResetEvent
{
    /// <summary>
    /// The task every current waiter awaits. Set completes it; Reset swaps in a new one, but only if this one is
    /// completed: waiters of an unset event must keep the task the next Set completes.
    /// </summary>
    private volatile TaskCompletionSource _signal;

    public AsyncManualResetEvent(bool initialState = false)
    {
        _signal = NewSignal();
        if (initialState)
        {
            _signal.SetResult();
        }
    }

    /// <summary>True while the event is set.</summary>
    public bool IsSet => _signal.Task.IsCompleted;

    /// <summary>A task that completes when the event is set (at once if it is set now).</summary>
    /// <exception cref="OperationCanceledException">(In the task) <paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitAsync(CancellationToken cancellationToken = default)
    {
        Task signal = _signal.Task;
        // WaitAsync(token) gives this waiter its own cancellable view, so one waiter's cancellation leaves the
        // shared task, and every other waiter, alone.
        return cancellationToken.CanBeCanceled ? signal.WaitAsync(cancellationToken) : signal;
    }

    /// <summary>Sets the event and releases every waiter. Setting a set event does nothing.</summary>
    public void Set() => _signal.TrySetResult();

    /// <summary>Makes the event unset, so later waits wait. Resetting an unset event does nothing.</summary>
    public void Reset()
    {
        while (true)
        {
            TaskCompletionSource current = _signal;
            // An unset signal still has waiters that the next Set must release: keep it.
            if (!current.Task.IsCompleted
                || Interlocked.CompareExchange(ref _signal, NewSignal(), current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Continuations go to the thread pool: Set never runs a waiter's code on its own thread.</summary>
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Exercise 2.8, part 2: a mutual-exclusion lock for async code, held across <c>await</c>s, which a
/// <c>lock</c> statement cannot be. <c>using (await gate.LockAsync())</c> enters; disposing the releaser leaves.
/// Waiters get the lock in the order they asked for it (FIFO), and a cancelled wait gives up its place.
/// Rust: <c>tokio::sync::Mutex</c> (also FIFO-fair).
/// </summary>
public sealed class AsyncLock
{
    /// <summary>Guards <see cref="_held"/> and <see cref="_waiters"/>; never held while user code runs.</summary>
    private readonly object _gate = new();

    /// <summary>The callers waiting for the lock, oldest first.</summary>
    private readonly LinkedList<TaskCompletionSource<Releaser>> _waiters = new();

    /// <summary>What an uncontended <see cref="LockAsync"/> returns: the releaser never changes, so neither does this task.</summary>
    private readonly Task<Releaser> _acquired;

    private bool _held;

    public AsyncLock() => _acquired = Task.FromResult(new Releaser(this));

    /// <summary>True while someone holds the lock.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Waits for the lock. Dispose the result, once, to release it.</summary>
    /// <exception cref="OperationCanceledException">(In the task) <paramref name="cancellationToken"/> was cancelled before the lock was granted.</exception>
    public Task<Releaser> LockAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<Releaser>(cancellationToken);
        }

        LinkedListNode<TaskCompletionSource<Releaser>> node;
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                return _acquired;
            }

            node = _waiters.AddLast(new TaskCompletionSource<Releaser>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        if (cancellationToken.CanBeCanceled)
        {
            CancellationTokenRegistration registration = cancellationToken.Register(static state =>
            {
                var (self, waiter, token) = ((AsyncLock, LinkedListNode<TaskCompletionSource<Releaser>>, CancellationToken))state!;
                // Whoever completes the waiter first wins: a Release that granted it already, or this cancellation.
                if (waiter.Value.TrySetCanceled(token))
                {
                    self.Forget(waiter);
                }
            }, (this, node, cancellationToken));
            // Drop the registration once the wait is over, however it ended (no lock held here, so it cannot deadlock).
            node.Value.Task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return node.Value.Task;
    }

    /// <summary>Removes a cancelled waiter from the queue, if a release has not already skipped it.</summary>
    private void Forget(LinkedListNode<TaskCompletionSource<Releaser>> waiter)
    {
        lock (_gate)
        {
            if (waiter.List is not null)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Hands the lock to the oldest waiter still waiting, or frees it.</summary>
    private void Release()
    {
        lock (_gate)
        {
            if (!_held)
            {
                throw new InvalidOperationException("The lock is not held: each releaser must be disposed exactly once.");
            }

            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                // Under the lock, but safe: the waiter's continuation is queued to the pool, never run here.
                // A waiter being cancelled right now makes TrySetResult fail; then the next one gets the lock.
                if (first.Value.TrySetResult(new Releaser(this)))
                {
                    return;
                }
            }

            _held = false;
        }
    }

    /// <summary>Releases the lock when disposed. Dispose it exactly once.</summary>
    public readonly struct Releaser : IDisposable, IEquatable<Releaser>
    {
        private readonly AsyncLock? _owner;

        internal Releaser(AsyncLock owner) => _owner = owner;

        public void Dispose() => _owner?.Release();

        public bool Equals(Releaser other) => ReferenceEquals(_owner, other._owner);

        public override bool Equals(object? obj) => obj is Releaser other && Equals(other);

        public override int GetHashCode() => _owner?.GetHashCode() ?? 0;

        public static bool operator ==(Releaser left, Releaser right) => left.Equals(right);

        public static bool operator !=(Releaser left, Releaser right) => !left.Equals(right);
    }
}
