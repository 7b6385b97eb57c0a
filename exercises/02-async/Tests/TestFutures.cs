namespace Katas.Async.Tests;

/// <summary>A waker that counts its wakes (from any thread) and remembers the threads that woke it.</summary>
internal sealed class CountingWaker
{
    private int _wakes;
    private int _lastThread;

    public CountingWaker()
    {
        Waker = new Waker(() =>
        {
            Volatile.Write(ref _lastThread, Environment.CurrentManagedThreadId);
            Interlocked.Increment(ref _wakes);
            Woken.Set();
        });
        Context = new Context(Waker);
    }

    public Waker Waker { get; }

    public Context Context { get; }

    public int Wakes => Volatile.Read(ref _wakes);

    public int LastThread => Volatile.Read(ref _lastThread);

    /// <summary>Set by every wake; tests wait on it (with a generous bound that only a lost wake-up reaches).</summary>
    public ManualResetEventSlim Woken { get; } = new(initialState: false);
}

/// <summary>
/// A future that answers pending <c>pendingPolls</c> times (without waking: whoever drives it must poll again
/// by itself), then ready with <c>value</c>. It counts its polls, keeps the context of the last one, and
/// throws if polled after it was ready, which catches combinators and executors that poll a finished future.
/// </summary>
internal sealed class ScriptedFuture<T>(int pendingPolls, T value) : IFuture<T>
{
    public int Polls { get; private set; }

    public bool Completed { get; private set; }

    public Context? LastContext { get; private set; }

    public Poll<T> Poll(Context context)
    {
        if (Completed)
        {
            throw new InvalidOperationException("test future polled after it returned ready");
        }

        Polls++;
        LastContext = context;
        if (Polls > pendingPolls)
        {
            Completed = true;
            return Poll<T>.Ready(value);
        }

        return Poll<T>.Pending;
    }
}

/// <summary>
/// A background thread for tests: an exception in its body (a stub's NotImplementedException) is kept and
/// rethrown by Join instead of crashing the test process, and it never keeps the process alive.
/// </summary>
internal sealed class TestThread
{
    private Exception? _failure;

    public TestThread(Action body)
    {
        Thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
        })
        { IsBackground = true };
    }

    public Thread Thread { get; }

    public int ManagedThreadId => Thread.ManagedThreadId;

    public static TestThread Run(Action body)
    {
        var thread = new TestThread(body);
        thread.Thread.Start();
        return thread;
    }

    /// <summary>True if the thread ended within <paramref name="timeout"/>; its exception, if any, is rethrown.</summary>
    public bool Join(TimeSpan timeout)
    {
        bool ended = Thread.Join(timeout);
        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }

        return ended;
    }

    public void Join() => Join(TimeSpan.FromSeconds(8)).Should().BeTrue("the test's helper thread should have finished");
}
