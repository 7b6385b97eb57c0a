namespace Katas.Async.HiddenTests;

[HiddenTests("2.3")]
public sealed class ExecutorHiddenTests
{
    [KataFact]
    public void BlockOn_from_inside_a_task_of_the_same_executor_is_a_clear_error()
    {
        var executor = new LocalExecutor();
        var nested = new DelegateFuture<int>(_ => Poll<int>.Ready(executor.BlockOn(new DelegateFuture<int>(_ => Poll<int>.Ready(1)))));

        FluentActions.Invoking(() => executor.BlockOn(nested)).Should().Throw<InvalidOperationException>(
            "the thread inside BlockOn is the only one that polls this executor's tasks; blocking it again from a task can never finish");
    }

    [KataFact]
    public void A_wake_after_the_task_finished_never_polls_it_again()
    {
        var executor = new LocalExecutor();
        var future = new ScriptedFuture<int>(pendingPolls: 0, value: 5);
        executor.BlockOn(future).Should().Be(5);

        future.LastContext!.Waker.Wake();
        future.LastContext.Waker.Wake();
        executor.BlockOn(new DelegateFuture<int>(_ => Poll<int>.Ready(0)));

        future.Polls.Should().Be(1, "a finished task ignores its stale waker: the ScriptedFuture would throw if polled after Ready");
    }

    [KataFact]
    public void Woken_tasks_are_polled_in_the_order_they_were_woken()
    {
        var executor = new LocalExecutor();
        var order = new List<int>();
        var handles = Enumerable.Range(0, 6).Select(i => executor.Spawn(new DelegateFuture<int>(_ =>
        {
            order.Add(i);
            return Poll<int>.Ready(i);
        }))).ToList();

        executor.BlockOn(handles[^1]);

        order.Should().Equal([0, 1, 2, 3, 4, 5], "the run queue is first in, first out: tasks run in the order they were spawned (woken)");
    }

    [KataFact]
    public void A_spawn_from_another_thread_unparks_the_executor()
    {
        var executor = new LocalExecutor();
        var root = new HandleOfHandle();
        int result = 0;
        var runner = TestThread.Run(() => result = executor.BlockOn(root));
        SpinUntil(() => root.Polls > 0);

        root.Deliver(executor.Spawn(new DelegateFuture<int>(_ => Poll<int>.Ready(99))));

        runner.Join(TimeSpan.FromSeconds(5)).Should().BeTrue("Spawn from any thread must queue the task and wake the parked executor");
        result.Should().Be(99);
    }

    [KataFact]
    public void A_thousand_spawned_tasks_each_run_to_completion_exactly_once()
    {
        var executor = new LocalExecutor();
        var futures = Enumerable.Range(0, 1_000).Select(i => new ScriptedSelfWaking(i % 4)).ToList();
        var handles = futures.Select(executor.Spawn).ToList();

        executor.BlockOn(new DelegateFuture<int>(cx =>
        {
            foreach (JoinHandle<int> handle in handles.Where(h => !h.IsCompleted))
            {
                handle.Poll(cx);
            }

            return handles.All(h => h.IsCompleted) ? Poll<int>.Ready(0) : Poll<int>.Pending;
        }));

        futures.Should().OnlyContain(f => f.Polls == f.PendingPolls + 1, "every task is polled once per wake and once more to finish, never after");
    }

    [KataFact]
    public void Null_futures_are_rejected()
    {
        var executor = new LocalExecutor();
        FluentActions.Invoking(() => executor.Spawn<int>(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => executor.BlockOn<int>(null!)).Should().Throw<ArgumentNullException>();
    }

    private static void SpinUntil(Func<bool> condition)
    {
        for (int i = 0; i < 5_000 && !condition(); i++)
        {
            Thread.Sleep(1);
        }
    }

    private sealed class DelegateFuture<T>(Func<Context, Poll<T>> poll) : IFuture<T>
    {
        public Poll<T> Poll(Context context) => poll(context);
    }

    private sealed class ScriptedSelfWaking(int pendingPolls) : IFuture<int>
    {
        public int PendingPolls { get; } = pendingPolls;

        public int Polls { get; private set; }

        public Poll<int> Poll(Context context)
        {
            Polls++;
            if (Polls > PendingPolls)
            {
                return Poll<int>.Ready(Polls);
            }

            context.Waker.Wake();
            context.Waker.Wake();
            return Poll<int>.Pending;
        }
    }

    /// <summary>Waits for a handle to be delivered from another thread, then for the handle.</summary>
    private sealed class HandleOfHandle : IFuture<int>
    {
        private readonly Lock _lock = new();
        private JoinHandle<int>? _handle;
        private Waker? _waker;
        private int _polls;

        public int Polls => Volatile.Read(ref _polls);

        public void Deliver(JoinHandle<int> handle)
        {
            Waker? waker;
            lock (_lock)
            {
                _handle = handle;
                waker = _waker;
            }

            waker?.Wake();
        }

        public Poll<int> Poll(Context context)
        {
            JoinHandle<int>? handle;
            lock (_lock)
            {
                Interlocked.Increment(ref _polls);
                handle = _handle;
                if (handle is null)
                {
                    _waker = context.Waker;
                    return Poll<int>.Pending;
                }
            }

            return handle.Poll(context);
        }
    }

    [KataFact]
    public void A_wake_during_a_tasks_last_poll_does_not_poll_it_again()
    {
        var executor = new LocalExecutor();
        int finishing = 0;
        int failing = 0;
        var finished = executor.Spawn(new DelegateFuture<int>(context =>
        {
            finishing++;
            context.Waker.Wake();
            return Poll<int>.Ready(7);
        }));
        var failed = executor.Spawn(new DelegateFuture<int>(context =>
        {
            failing++;
            context.Waker.Wake();
            throw new FormatException("the task's own failure");
        }));

        executor.BlockOn(finished).Should().Be(7);
        FluentActions.Invoking(() => executor.BlockOn(failed)).Should().Throw<FormatException>();
        executor.BlockOn(new DelegateFuture<int>(_ => Poll<int>.Ready(0)));

        (finishing, failing).Should().Be((1, 1), "the wake queued the task once more, but a task that finished (or failed) is never polled again");
    }

    [KataFact]
    public void A_join_handle_polled_before_its_task_finished_wakes_its_poller_when_it_does()
    {
        var executor = new LocalExecutor();
        int polls = 0;
        var handle = executor.Spawn(new DelegateFuture<int>(context =>
        {
            if (polls++ == 0)
            {
                context.Waker.Wake();
                return Poll<int>.Pending;
            }

            return Poll<int>.Ready(3);
        }));
        int result = 0;

        // The task yields once, so BlockOn's own future polls the handle while it is pending, then parks.
        var thread = TestThread.Run(() => result = executor.BlockOn(handle));

        thread.Join(TimeSpan.FromSeconds(10)).Should().BeTrue("the task's completion must wake whoever polled its handle, or BlockOn parks for ever");
        result.Should().Be(3);
    }

    [KataFact]
    public void The_two_misuses_of_BlockOn_are_told_apart()
    {
        var executor = new LocalExecutor();
        var nested = new DelegateFuture<int>(_ => Poll<int>.Ready(executor.BlockOn(new DelegateFuture<int>(_ => Poll<int>.Ready(1)))));
        string inside = FluentActions.Invoking(() => executor.BlockOn(nested)).Should().Throw<InvalidOperationException>().Which.Message;

        Waker? parked = null;
        bool released = false;
        using var running = new ManualResetEventSlim();
        var other = TestThread.Run(() => executor.BlockOn(new DelegateFuture<int>(context =>
        {
            Volatile.Write(ref parked, context.Waker);
            running.Set();
            return Volatile.Read(ref released) ? Poll<int>.Ready(0) : Poll<int>.Pending;
        })));
        running.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the other thread runs the executor");
        string elsewhere = FluentActions.Invoking(() => executor.BlockOn(new DelegateFuture<int>(_ => Poll<int>.Ready(1)))).Should().Throw<InvalidOperationException>().Which.Message;
        Volatile.Write(ref released, true);
        Volatile.Read(ref parked)!.Wake();
        other.Join();

        inside.Should().NotBeNullOrWhiteSpace();
        elsewhere.Should().NotBeNullOrWhiteSpace();
        inside.Should().NotBe(elsewhere, "blocking inside a task (never possible) and a second thread (wait for the first) need different fixes");
    }

    [KataFact]
    public void A_join_handle_refuses_a_null_context()
    {
        var handle = new LocalExecutor().Spawn(new DelegateFuture<int>(_ => Poll<int>.Ready(1)));

        FluentActions.Invoking(() => handle.Poll(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
