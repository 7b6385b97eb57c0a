namespace Katas.Async.Tests;

[Exercise("2.3", "An executor: a run queue, wakers that re-queue once, a thread that parks", Points = 15, Hint = """
    An executor is a loop: take a task that was woken, poll it, repeat. Everything interesting is in the
    edges of that loop. What should a waker called five times before the next poll cost? What should the
    thread do when the queue is empty: check again, or sleep until someone wakes it, and how does the
    waker know to wake the thread?
    Then the subtle one: the queue is empty, you decide to sleep, and just then a waker on another thread
    enqueues a task. Does your thread still wake up?
    """, MoreHint = """
    Give each task a waker and a "queued" flag: a wake sets the flag and enqueues only if it was clear
    (Interlocked.Exchange); clear it just before polling. Guard the queue with one object and park with
    Monitor.Wait on it; the waker enqueues and Monitor.Pulse-s under the same lock, and the loop re-checks
    the queue under that lock before waiting, so a wake can't fall between the check and the park.
    A JoinHandle is a future too: the task completes it; its poll stores the waiter's waker.
    Reading: "Async Rust", chapter 3, and https://docs.rs/futures/latest/futures/executor/struct.LocalPool.html
    """, Recap = """
    An executor is a queue of woken tasks and a thread that sleeps when it is empty. Wakers make it cheap
    (one re-queue however many wakes) and correct (no lost wake-up when check and park share a lock).
    """, Benchmark = "dotnet run -c Release --project exercises/02-async/Benchmarks -- --filter '*Spawn*' --job short", BuildsOn = "")]
public sealed class ExecutorTests
{
    [KataFact]
    public void BlockOn_polls_a_self_waking_future_until_it_is_ready()
    {
        var executor = new LocalExecutor();
        var future = new SelfWakingFuture(pendingPolls: 4, wakesPerPoll: 1);

        int result = executor.BlockOn(future);

        result.Should().Be(5, "the future is ready on its fifth poll");
        future.Polls.Should().Be(5, "each wake re-queues the task once, so four pending polls and one ready poll");
        future.PollThreads.Should().OnlyContain(id => id == Environment.CurrentManagedThreadId,
            "BlockOn runs every poll on the thread that called it");
    }

    [KataFact]
    public void A_waker_called_many_times_before_the_next_poll_requeues_its_task_once()
    {
        var executor = new LocalExecutor();
        var future = new SelfWakingFuture(pendingPolls: 3, wakesPerPoll: 5);

        executor.BlockOn(future);

        future.Polls.Should().Be(4,
            "five wakes before the next poll must queue the task once (a queued flag per task); a waker that enqueues on every call polls the task five times per pending answer");
    }

    [KataFact]
    public void Wakes_that_pile_up_while_a_task_is_queued_cost_one_poll_not_one_each()
    {
        // The first poll wakes three times and answers Pending; later polls answer Pending without waking
        // until the test wakes the task from outside. One queued entry for the three wakes means one more poll
        // before the executor parks; an executor that enqueues on every wake polls three more times.
        var executor = new LocalExecutor();
        var future = new WakesThriceThenWaits();
        var runner = TestThread.Run(() => executor.BlockOn(future));
        Waits.UntilParked(runner.Thread);
        int pollsBeforeParking = future.Polls;

        future.WakeFromOutside();
        runner.Join(TimeSpan.FromSeconds(5)).Should().BeTrue("the outside wake lets the future finish");

        pollsBeforeParking.Should().Be(2,
            "three wakes while the task was already queued must re-queue it once (a queued flag per task, cleared just before the poll)");
    }

    [KataFact]
    public void Spawned_tasks_run_on_the_executor_thread_and_their_handles_give_their_results()
    {
        var executor = new LocalExecutor();
        var futures = Enumerable.Range(0, 5).Select(i => new SelfWakingFuture(pendingPolls: i, wakesPerPoll: 1)).ToList();
        var handles = futures.Select(executor.Spawn).ToList();

        int[] results = executor.BlockOn(new AllOf<int>(handles));

        results.Should().Equal([1, 2, 3, 4, 5], "each JoinHandle is ready with its own task's result");
        futures.SelectMany(f => f.PollThreads).Should().OnlyContain(id => id == Environment.CurrentManagedThreadId,
            "spawned tasks are polled by the thread inside BlockOn, not by the thread pool");
        FluentActions.Invoking(() => handles[0].Poll(new Context(Waker.Noop))).Should().Throw<InvalidOperationException>(
            "a JoinHandle is a future: polled again after it answered Ready, it must say so");
    }

    [KataFact]
    public void An_idle_executor_parks_its_thread_instead_of_spinning_and_does_not_poll_until_woken()
    {
        var executor = new LocalExecutor();
        var future = new ExternallyWokenFuture();
        var runner = TestThread.Run(() => executor.BlockOn(future));
        future.FirstPoll.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("BlockOn polls the future at once");

        // The executor has nothing to do now. A parked thread is in WaitSleepJoin; a spinning one is Running.
        bool parked = Waits.UntilParked(runner.Thread);

        future.Polls.Should().Be(1, "nothing woke the future, so the executor must not poll it again (re-polling every task in a loop is spinning)");
        future.WakeFromAnotherThread();
        runner.Join(TimeSpan.FromSeconds(5)).Should().BeTrue("a wake from another thread must unpark the executor");
        parked.Should().BeTrue("with an empty run queue the executor thread must sleep (Monitor.Wait or similar) until a waker needs it, not check the queue in a loop");
        future.Polls.Should().Be(2, "one wake, one more poll");
    }

    [KataFact]
    public void A_wake_from_another_thread_is_never_lost_between_the_empty_check_and_the_park()
    {
        // 2,000 times: the future answers Pending and, at that same moment, another thread wakes it. If the
        // executor decides "queue empty, I'll sleep" and the wake lands before it actually waits, the pulse goes
        // nowhere and the executor sleeps forever: the lost wake-up.
        const int Rounds = 2_000;
        var executor = new LocalExecutor();
        using var waker = new RemoteWaker();
        var future = new RemotelyWokenFuture(Rounds, waker);
        var runner = TestThread.Run(() => executor.BlockOn(future));

        runner.Join(TimeSpan.FromSeconds(8)).Should().BeTrue(
            $"the executor stopped after {future.Polls} of {Rounds + 1} polls: a wake arrived between its check of the empty queue and its park, and was lost (check and park must be under the lock the waker takes)");
    }

    [KataFact]
    public void A_failing_task_rethrows_from_its_handle_and_a_failing_root_from_BlockOn()
    {
        var executor = new LocalExecutor();
        var handle = executor.Spawn(new FailingFuture("task failed"));

        FluentActions.Invoking(() => executor.BlockOn(handle)).Should().Throw<InvalidOperationException>().WithMessage("task failed",
            "an exception thrown by a task's poll is kept by its JoinHandle and rethrown to whoever polls it");
        FluentActions.Invoking(() => executor.BlockOn(new FailingFuture("root failed"))).Should().Throw<InvalidOperationException>().WithMessage("root failed",
            "an exception thrown by BlockOn's future reaches BlockOn's caller");
    }
}

/// <summary>Pending <c>pendingPolls</c> times, waking itself <c>wakesPerPoll</c> times on each; ready with the number of polls.</summary>
internal sealed class SelfWakingFuture(int pendingPolls, int wakesPerPoll) : IFuture<int>
{
    public int Polls { get; private set; }

    public List<int> PollThreads { get; } = [];

    public Poll<int> Poll(Context context)
    {
        Polls++;
        PollThreads.Add(Environment.CurrentManagedThreadId);
        if (Polls > pendingPolls + 1)
        {
            throw new InvalidOperationException("test future polled after it returned ready");
        }

        if (Polls == pendingPolls + 1)
        {
            return Poll<int>.Ready(Polls);
        }

        for (int i = 0; i < wakesPerPoll; i++)
        {
            context.Waker.Wake();
        }

        return Poll<int>.Pending;
    }
}

/// <summary>Ready when every handle is, with their results in order.</summary>
internal sealed class AllOf<T>(IReadOnlyList<IFuture<T>> futures) : IFuture<T[]>
{
    private readonly Poll<T>[] _polls = new Poll<T>[futures.Count];

    public Poll<T[]> Poll(Context context)
    {
        bool all = true;
        for (int i = 0; i < futures.Count; i++)
        {
            if (!_polls[i].IsReady)
            {
                _polls[i] = futures[i].Poll(context);
                all &= _polls[i].IsReady;
            }
        }

        return all ? Poll<T[]>.Ready(_polls.Select(p => p.Value).ToArray()) : Poll<T[]>.Pending;
    }
}

/// <summary>Pending on its first poll; ready after <see cref="WakeFromAnotherThread"/>.</summary>
internal sealed class ExternallyWokenFuture : IFuture<int>
{
    private Waker? _waker;
    private int _polls;
    private volatile bool _woken;

    public ManualResetEventSlim FirstPoll { get; } = new();

    public int Polls => Volatile.Read(ref _polls);

    public Poll<int> Poll(Context context)
    {
        Interlocked.Increment(ref _polls);
        if (_woken)
        {
            return Poll<int>.Ready(0);
        }

        Volatile.Write(ref _waker, context.Waker);
        FirstPoll.Set();
        return Poll<int>.Pending;
    }

    public void WakeFromAnotherThread(Action? first = null)
    {
        _woken = true;
        TestThread.Run(() =>
        {
            first?.Invoke();
            Volatile.Read(ref _waker)!.Wake();
        }).Join();
    }
}

/// <summary>A thread that wakes whatever waker it is handed, as soon as it is handed one.</summary>
internal sealed class RemoteWaker : IDisposable
{
    private readonly Thread _thread;
    private Waker? _next;
    private volatile bool _stop;

    public RemoteWaker()
    {
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    public void WakeSoon(Waker waker) => Volatile.Write(ref _next, waker);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        var spinner = default(SpinWait);
        while (!_stop)
        {
            Waker? waker = Interlocked.Exchange(ref _next, null);
            if (waker is null)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            spinner = default;
            waker.Wake();
        }
    }
}

/// <summary>Pending <c>rounds</c> times; each pending poll hands its waker to the remote thread, which wakes it at once.</summary>
internal sealed class RemotelyWokenFuture(int rounds, RemoteWaker remote) : IFuture<int>
{
    private int _polls;

    public int Polls => Volatile.Read(ref _polls);

    public Poll<int> Poll(Context context)
    {
        int polls = Interlocked.Increment(ref _polls);
        if (polls > rounds)
        {
            return Poll<int>.Ready(polls);
        }

        remote.WakeSoon(context.Waker);
        return Poll<int>.Pending;
    }
}

internal sealed class FailingFuture(string message) : IFuture<int>
{
    public Poll<int> Poll(Context context) => throw new InvalidOperationException(message);
}

/// <summary>Wakes itself three times on its first poll; then pending without waking until woken from outside.</summary>
internal sealed class WakesThriceThenWaits : IFuture<int>
{
    private int _polls;
    private Waker? _waker;
    private volatile bool _released;

    public int Polls => Volatile.Read(ref _polls);

    public Poll<int> Poll(Context context)
    {
        int polls = Interlocked.Increment(ref _polls);
        if (_released)
        {
            return Poll<int>.Ready(polls);
        }

        Volatile.Write(ref _waker, context.Waker);
        if (polls == 1)
        {
            context.Waker.Wake();
            context.Waker.Wake();
            context.Waker.Wake();
        }

        return Poll<int>.Pending;
    }

    public void WakeFromOutside()
    {
        _released = true;
        Volatile.Read(ref _waker)!.Wake();
    }
}
