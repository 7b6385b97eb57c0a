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
    // TODO: the event's state: something every current waiter awaits, which Set completes and Reset replaces.

    public AsyncManualResetEvent(bool initialState = false)
    {
        // TODO: start unset, or set if initialState is true.
    }

    /// <summary>True while the event is set.</summary>
    public bool IsSet => throw new NotImplementedException("Exercise 2.8 (AsyncManualResetEvent.IsSet) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");

    /// <summary>A task that completes when the event is set (at once if it is set now).</summary>
    /// <exception cref="OperationCanceledException">(In the task) <paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitAsync(CancellationToken cancellationToken = default)
    {
        // TODO: a task that completes at the next Set (or now, if set). A cancelled wait ends only this waiter's wait, not the others'.
        throw new NotImplementedException("Exercise 2.8 (AsyncManualResetEvent.WaitAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Sets the event and releases every waiter. Setting a set event does nothing.</summary>
    public void Set()
    {
        // TODO: release every waiter, without running any waiter's code on this thread.
        throw new NotImplementedException("Exercise 2.8 (AsyncManualResetEvent.Set) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Makes the event unset, so later waits wait. Resetting an unset event does nothing.</summary>
    public void Reset()
    {
        // TODO: make later waits wait, safely against a concurrent Set or Reset. Never strand a waiter of an unset event.
        throw new NotImplementedException("Exercise 2.8 (AsyncManualResetEvent.Reset) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }
}

/// <summary>
/// Exercise 2.8, part 2: a mutual-exclusion lock for async code, held across <c>await</c>s, which a
/// <c>lock</c> statement cannot be. <c>using (await gate.LockAsync())</c> enters; disposing the releaser leaves.
/// Waiters get the lock in the order they asked for it (FIFO), and a cancelled wait gives up its place.
/// Rust: <c>tokio::sync::Mutex</c> (also FIFO-fair).
/// </summary>
public sealed class AsyncLock
{
    // TODO: the lock's state: whether it is held, the waiters in the order they came, and a monitor that guards both.

    /// <summary>True while someone holds the lock.</summary>
    public bool IsHeld => throw new NotImplementedException("Exercise 2.8 (AsyncLock.IsHeld) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");

    /// <summary>Waits for the lock. Dispose the result, once, to release it.</summary>
    /// <exception cref="OperationCanceledException">(In the task) <paramref name="cancellationToken"/> was cancelled before the lock was granted.</exception>
    public Task<Releaser> LockAsync(CancellationToken cancellationToken = default)
    {
        // TODO: grant the lock at once if it is free (without allocating); otherwise wait in line. A cancelled wait leaves the line
        // and never holds the lock; its continuation, like every granted waiter's, never runs on the releasing thread.
        throw new NotImplementedException("Exercise 2.8 (AsyncLock.LockAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Hands the lock to the oldest waiter still waiting, or frees it.</summary>
    private void Release()
    {
        // TODO: give the lock to the first waiter that is still waiting (a cancelled one is not), or free it.
        // Releasing a lock that is not held is an InvalidOperationException.
        throw new NotImplementedException("Exercise 2.8 (AsyncLock.Release) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
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
