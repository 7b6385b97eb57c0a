namespace Katas.Async;

/// <summary>
/// Exercise 2.2: a one-shot channel. One thread calls <see cref="Send"/> once; the future (this object)
/// becomes ready with the value. Rust: <c>tokio::sync::oneshot</c>, or the book's hand-made "waker from
/// another thread".
/// </summary>
/// <remarks>
/// The rules of the waker, which every future that waits on another thread must keep:
/// wake exactly once per pending poll that is still waiting (a send wakes the waker stored by the last
/// pending poll, once); keep only the newest waker (each poll may come with a different one, when the task
/// moved between executors or the combinator above changed; waking an old one would wake the wrong task);
/// and never lose a wake-up: a send that lands between "no value yet" and "store the waker" must still wake.
/// </remarks>
public sealed class OneShot<T> : IFuture<T>
{
    // TODO: add the state this channel needs (the value, whether it was sent and taken, the newest waker) and
    // whatever keeps Send and Poll from racing.

    /// <summary>Stores <paramref name="value"/> and wakes the waiting poll, if any. Call once, from any thread.</summary>
    /// <exception cref="InvalidOperationException">A value was already sent.</exception>
    public void Send(T value)
    {
        // TODO: keep the value and wake the waiter, if there is one, keeping the rules above.
        throw new NotImplementedException("Exercise 2.2 (OneShot.Send) is not solved yet. Hint: dotnet run --project grader -- hint 2.2");
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Polled again after it returned ready.</exception>
    public Poll<T> Poll(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // TODO: Ready with the value once sent; otherwise Pending, keeping the rules above.
        throw new NotImplementedException("Exercise 2.2 (OneShot.Poll) is not solved yet. Hint: dotnet run --project grader -- hint 2.2");
    }
}

/// <summary>
/// Exercise 2.2: a minimal reactor. One background thread keeps the deadlines of the pending timers and
/// wakes each timer's waker when its deadline passes. Rust: the timer driver inside tokio.
/// </summary>
/// <remarks>
/// The thread sleeps until the earliest deadline, or until a timer is added that is due sooner; it never
/// polls in a loop. Disposing stops it; timers still pending are then never woken.
/// </remarks>
public sealed class TimerReactor : IDisposable
{
    // TODO: add the reactor's state (its thread, the pending timers ordered by deadline, a lock to sleep on)
    // and a private timer future class.

    public TimerReactor()
    {
        // TODO: start the reactor thread (a background thread).
    }

    /// <summary>The reactor's thread: the one that wakes timers.</summary>
    public int ThreadId => throw new NotImplementedException("Exercise 2.2 (TimerReactor.ThreadId) is not solved yet. Hint: dotnet run --project grader -- hint 2.2");

    /// <summary>A future that is ready once <paramref name="delay"/> has passed (counted from now, not from the first poll).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The reactor was disposed.</exception>
    public IFuture<Unit> Delay(TimeSpan delay)
    {
        // TODO: validate the delay; then a timer future: Ready once its deadline has passed; a pending poll hands its newest waker to the
        // reactor, which wakes it once from the reactor thread.
        throw new NotImplementedException("Exercise 2.2 (TimerReactor.Delay) is not solved yet. Hint: dotnet run --project grader -- hint 2.2");
    }

    /// <summary>Stops the reactor thread and waits for it to exit.</summary>
    public void Dispose()
    {
        // TODO: stop the thread (wake it if it sleeps) and wait for it. Disposing twice does nothing.
    }
}
