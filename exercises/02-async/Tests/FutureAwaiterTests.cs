namespace Katas.Async.Tests;

[Exercise("2.4", "The awaiter pattern: await a poll future", Points = 15, Hint = """
    await works with any type that has GetAwaiter(), and an awaiter is three things: IsCompleted ("can I go
    on now?"), OnCompleted ("call this when you are done") and GetResult ("the value, or the exception").
    Your awaiter sits between await and a poll future: it must poll the future and, when the future's
    waker is called, poll it again. On which thread does that happen, and what if the wake arrives while a
    poll is still running?
    And what is the difference between OnCompleted and UnsafeOnCompleted? Think of an AsyncLocal.
    """, MoreHint = """
    Make the waker of your context a method of the awaiter that polls again. Guard with a lock a few flags:
    polling now, woken while polling (loop instead of polling inside the poll), done. When the poll that
    finishes runs, take the stored continuation and run it outside the lock; a continuation registered after
    that runs at once. Catch the poll's exception and keep it in an ExceptionDispatchInfo for GetResult.
    OnCompleted: ExecutionContext.Capture() when registering, ExecutionContext.Run when calling back.
    Reading: https://devblogs.microsoft.com/dotnet/how-async-await-really-works/ ("Awaiters" and "ExecutionContext").
    """, Recap = """
    await is a pattern, not a type: IsCompleted, OnCompleted, GetResult. A continuation runs where the
    completion happens unless something (a SynchronizationContext, a scheduler) moves it; the ExecutionContext
    flows through OnCompleted, and builders use UnsafeOnCompleted because they flow it themselves.
    """)]
public sealed class FutureAwaiterTests
{
    private static readonly AsyncLocal<string?> s_flowing = new();

    [KataFact]
    public async Task Awaiting_a_future_that_wakes_itself_gives_its_value()
    {
        var future = new SelfWakingFuture(pendingPolls: 50, wakesPerPoll: 1);

        int value = await future;

        value.Should().Be(51, "await polls the future again on every wake until it is ready");
        future.Polls.Should().Be(51, "one poll per wake: 50 pending and the ready one");
    }

    [KataFact]
    public void A_future_that_wakes_itself_is_never_polled_from_inside_its_own_poll()
    {
        var future = new ReentrancyDetector(pendingPolls: 200);
        var awaiter = future.GetAwaiter();

        awaiter.IsCompleted.Should().BeTrue("the future wakes itself during each pending poll, so the first IsCompleted drives it to the end");

        future.MaxDepth.Should().Be(1,
            "a wake that comes during a poll must not poll again inside it (that recursion grows the stack with every wake); mark 'poll again' and loop once the current poll returns");
        awaiter.GetResult().Should().Be(201);
    }

    [KataFact]
    public void The_continuation_runs_once_on_the_thread_that_wakes_the_future()
    {
        var future = new ExternallyWokenFuture();
        var awaiter = future.GetAwaiter();
        awaiter.IsCompleted.Should().BeFalse("the future is pending until woken");
        int continuationThread = 0;
        int runs = 0;
        awaiter.UnsafeOnCompleted(() =>
        {
            Interlocked.Increment(ref runs);
            continuationThread = Environment.CurrentManagedThreadId;
        });

        future.WakeFromAnotherThread();

        runs.Should().Be(1, "the continuation runs once, when the poll after the wake finds the future ready");
        continuationThread.Should().NotBe(Environment.CurrentManagedThreadId,
            "nothing here moves the continuation to another thread: it runs where the wake (and the ready poll) happens");
        awaiter.GetResult().Should().Be(0);
    }

    [KataFact]
    public void An_exception_thrown_by_a_poll_after_a_wake_comes_out_of_GetResult_not_out_of_Wake()
    {
        var future = new FailsAfterWake();
        var awaiter = future.GetAwaiter();
        awaiter.IsCompleted.Should().BeFalse();
        bool continued = false;
        awaiter.UnsafeOnCompleted(() => continued = true);

        FluentActions.Invoking(future.Wake).Should().NotThrow(
            "the thread that wakes a future (a timer, a socket) is not the one waiting for it: the exception belongs to GetResult");

        continued.Should().BeTrue("a failed future is done: the continuation runs so the awaiting code can see the failure");
        FluentActions.Invoking(awaiter.GetResult).Should().Throw<InvalidOperationException>().WithMessage("second poll failed");
    }

    [KataFact]
    public void OnCompleted_flows_the_execution_context_and_UnsafeOnCompleted_does_not()
    {
        s_flowing.Value = "registering code";
        var safe = new ExternallyWokenFuture();
        var unsafeFuture = new ExternallyWokenFuture();
        var safeAwaiter = safe.GetAwaiter();
        var unsafeAwaiter = unsafeFuture.GetAwaiter();
        safeAwaiter.IsCompleted.Should().BeFalse();
        unsafeAwaiter.IsCompleted.Should().BeFalse();
        string? seenBySafe = "not run";
        string? seenByUnsafe = "not run";
        safeAwaiter.OnCompleted(() => seenBySafe = s_flowing.Value);
        unsafeAwaiter.UnsafeOnCompleted(() => seenByUnsafe = s_flowing.Value);
        s_flowing.Value = null;

        // The waking threads start without this test's ExecutionContext and set their own value.
        using (ExecutionContext.SuppressFlow())
        {
            safe.WakeFromAnotherThread(() => s_flowing.Value = "waking thread");
            unsafeFuture.WakeFromAnotherThread(() => s_flowing.Value = "waking thread");
        }

        seenBySafe.Should().Be("registering code",
            "OnCompleted must capture the ExecutionContext when the continuation is registered and run the continuation in it");
        seenByUnsafe.Should().Be("waking thread",
            "UnsafeOnCompleted must not capture it: the continuation runs in the waking thread's context (the builders flow it themselves)");
    }

    /// <summary>Wakes itself inside each pending poll, and records how deeply its polls were nested.</summary>
    private sealed class ReentrancyDetector(int pendingPolls) : IFuture<int>
    {
        private int _polls;
        private int _depth;

        public int MaxDepth { get; private set; }

        public Poll<int> Poll(Context context)
        {
            _depth++;
            MaxDepth = Math.Max(MaxDepth, _depth);
            try
            {
                _polls++;
                if (_polls > pendingPolls)
                {
                    return Poll<int>.Ready(_polls);
                }

                context.Waker.Wake();
                return Poll<int>.Pending;
            }
            finally
            {
                _depth--;
            }
        }
    }

    /// <summary>Pending on the first poll; the poll after <see cref="Wake"/> throws.</summary>
    private sealed class FailsAfterWake : IFuture<int>
    {
        private Waker? _waker;

        public void Wake() => _waker!.Wake();

        public Poll<int> Poll(Context context)
        {
            if (_waker is not null)
            {
                throw new InvalidOperationException("second poll failed");
            }

            _waker = context.Waker;
            return Poll<int>.Pending;
        }
    }
}
