using System.Diagnostics;

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
    /// <summary>Guards every field below: the value, the flags and the waker change together.</summary>
    private readonly Lock _lock = new();

    private T? _value;
    private bool _sent;
    private bool _completed;

    /// <summary>The waker of the newest pending poll, or null when nobody is waiting.</summary>
    private Waker? _waker;

    /// <summary>Stores <paramref name="value"/> and wakes the waiting poll, if any. Call once, from any thread.</summary>
    /// <exception cref="InvalidOperationException">A value was already sent.</exception>
    public void Send(T value)
    {
        Waker? toWake;
        lock (_lock)
        {
            if (_sent)
            {
                throw new InvalidOperationException("OneShot.Send was called twice: a one-shot channel carries exactly one value.");
            }

            _value = value;
            _sent = true;
            toWake = _waker;
            _waker = null;
        }

        // Wake outside the lock: the waker may poll this future at once, on this thread, and that poll takes the lock.
        toWake?.Wake();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Polled again after it returned ready.</exception>
    public Poll<T> Poll(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_lock)
        {
            if (_completed)
            {
                throw new InvalidOperationException("OneShot was polled after it completed: a future must not be polled again once it has returned ready.");
            }

            if (_sent)
            {
                _completed = true;
                T value = _value!;
                _value = default;
                return Poll<T>.Ready(value);
            }

            // The check above and this store happen under the same lock as Send's store-and-take, so a send
            // either sees this waker or happened before the check: no wake-up can fall between them.
            _waker = context.Waker;
            return Poll<T>.Pending;
        }
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
    /// <summary>Guards the queue and the timers' state; the thread sleeps on its monitor.</summary>
    private readonly object _lock = new();

    /// <summary>Pending timers, earliest deadline first (deadlines in <see cref="Stopwatch"/> ticks).</summary>
    private readonly PriorityQueue<TimerFuture, long> _timers = new();

    private readonly Thread _thread;
    private bool _disposed;

    public TimerReactor()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Katas timer reactor" };
        _thread.Start();
    }

    /// <summary>The reactor's thread: the one that wakes timers.</summary>
    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>A future that is ready once <paramref name="delay"/> has passed (counted from now, not from the first poll).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The reactor was disposed.</exception>
    public IFuture<Unit> Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed, this);
        long deadline = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        return new TimerFuture(this, deadline);
    }

    /// <summary>Stops the reactor thread and waits for it to exit.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.PulseAll(_lock);
        }

        _thread.Join();
    }

    /// <summary>Called by a timer's pending poll: keep <paramref name="waker"/> (the newest) and make sure the thread knows the deadline.</summary>
    /// <returns>False when the deadline has passed in the meantime (checked under the lock): the timer is ready.</returns>
    private bool Register(TimerFuture timer, Waker waker)
    {
        lock (_lock)
        {
            // Due, or fired already (its deadline has passed too): the clock alone decides.
            if (Stopwatch.GetTimestamp() >= timer.Deadline)
            {
                return false;
            }

            timer.Waker = waker;
            if (!timer.Queued)
            {
                timer.Queued = true;
                _timers.Enqueue(timer, timer.Deadline);
                // The new timer may be due before the one the thread sleeps for: let it look again.
                Monitor.PulseAll(_lock);
            }

            return true;
        }
    }

    private void Run()
    {
        var due = new List<Waker>();
        while (true)
        {
            lock (_lock)
            {
                while (!_disposed)
                {
                    if (!_timers.TryPeek(out TimerFuture? next, out long deadline))
                    {
                        Monitor.Wait(_lock);
                        continue;
                    }

                    long now = Stopwatch.GetTimestamp();
                    if (deadline > now)
                    {
                        // Sleep until the earliest deadline; an earlier timer or Dispose pulses us awake.
                        var wait = TimeSpan.FromSeconds((double)(deadline - now) / Stopwatch.Frequency);
                        Monitor.Wait(_lock, wait + TimeSpan.FromMilliseconds(1));
                        continue;
                    }

                    while (_timers.TryPeek(out next, out deadline) && deadline <= now)
                    {
                        _timers.Dequeue();
                        due.Add(next.Waker!);
                        next.Waker = null;
                    }

                    break;
                }

                if (_disposed)
                {
                    return;
                }
            }

            // Wake outside the lock: a waker may poll the timer on this thread, and that poll takes the lock.
            foreach (Waker waker in due)
            {
                waker.Wake();
            }

            due.Clear();
        }
    }

    /// <summary>One timer. Its fields other than the deadline are guarded by the reactor's lock.</summary>
    private sealed class TimerFuture(TimerReactor reactor, long deadline) : IFuture<Unit>
    {
        public long Deadline { get; } = deadline;

        public bool Queued { get; set; }

        public Waker? Waker { get; set; }

        private bool _completed;

        public Poll<Unit> Poll(Context context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (_completed)
            {
                throw new InvalidOperationException("The timer was polled after it completed: a future must not be polled again once it has returned ready.");
            }

            if (reactor.Register(this, context.Waker))
            {
                return Poll<Unit>.Pending;
            }

            _completed = true;
            return Poll<Unit>.Ready(default);
        }
    }
}
