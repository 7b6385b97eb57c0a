namespace Katas.Async.Tests;

[Exercise("2.7", "An event loop for real async methods, then a work-stealing scheduler", Points = 20, Hint = """
    Where does the code after an await run? A Task awaiter asks SynchronizationContext.Current first, then
    TaskScheduler.Current. Give both a single queue and one thread that empties it, and every continuation of
    an async method runs on that thread, one at a time, in order: the event loop of every UI framework.
    When is the loop done: when the queue is empty, or when the work is? What about an async void method
    still running after the main task has finished?
    The second part has many threads and many queues. Which end of its own queue should a worker take from,
    which end should a thief take from, and why must an idle worker steal at all?
    """, MoreHint = """
    EventLoop.Run: a SynchronizationContext subclass with a queue (Post enqueues and pulses), set as Current
    for the run; a TaskScheduler subclass whose QueueTask posts to the same queue; start main with
    Task.Factory.StartNew on that scheduler and Unwrap; count operations (the main task, and the
    OperationStarted/OperationCompleted calls async void methods make) and pump until the count is zero.
    WorkStealingTaskScheduler: [ThreadStatic] current worker; QueueTask pushes to its local deque or to a shared
    ConcurrentQueue; a worker pops its own newest, then the shared queue, then steals others' oldest; sleep on a
    monitor with a version number so a queue between "found nothing" and the wait is not missed.
    Reading: https://devblogs.microsoft.com/pfxteam/await-synchronizationcontext-and-console-apps/ and "Async Rust", chapter 3.
    """, Recap = """
    A SynchronizationContext or a TaskScheduler decides where continuations run; one thread and one FIFO queue
    make async code deterministic. Many threads scale with local queues and stealing: the owner works LIFO, the
    thieves FIFO, and nobody sits idle while a queue holds work.
    """, StudentFiles = "EventLoop.cs WorkStealingTaskScheduler.cs")]
public sealed class EventLoopTests
{
    [KataFact]
    public void Every_continuation_runs_on_the_thread_that_called_Run()
    {
        int me = Environment.CurrentManagedThreadId;
        var threads = new List<int>();

        EventLoop.Run(async () =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Delay(1);
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Run(() => { });
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
        });

        threads.Should().HaveCount(4).And.OnlyContain(id => id == me,
            "after each await (a timer, a thread-pool task, a yield) the method resumes through the loop's SynchronizationContext, on the loop's thread");
    }

    [KataFact]
    public void Two_async_methods_on_the_loop_interleave_in_a_fixed_order()
    {
        var log = new List<string>();

        EventLoop.Run(async () =>
        {
            Task a = Worker("a");
            Task b = Worker("b");
            await Task.WhenAll(a, b);
        });

        log.Should().Equal(["a0", "b0", "a1", "b1", "a2", "b2"],
            "one thread and one first-in-first-out queue: each Yield puts the method at the back of the queue, so the two take turns, the same way every run");

        async Task Worker(string name)
        {
            for (int i = 0; i < 3; i++)
            {
                log.Add(name + i);
                await Task.Yield();
            }
        }
    }

    [KataFact]
    public void Run_returns_the_result_and_rethrows_a_fault_as_it_was_thrown()
    {
        EventLoop.Run(async () =>
        {
            await Task.Yield();
            return 42;
        }).Should().Be(42);

        FluentActions.Invoking(() => EventLoop.Run(async () =>
        {
            await Task.Yield();
            throw new FormatException("inside the loop");
        })).Should().Throw<FormatException>().WithMessage("inside the loop", "the main task's exception reaches Run's caller, not wrapped in an AggregateException");
    }

    [KataFact]
    public void The_loop_ends_when_the_work_does_including_async_void_methods()
    {
        var log = new List<string>();

        EventLoop.Run(() =>
        {
            FireAndForget();
            log.Add("main done");
            return Task.CompletedTask;
        });

        log.Should().Equal(["fire", "main done", "forget"],
            "an async void method reports OperationStarted/OperationCompleted to the SynchronizationContext: the loop must keep running until it has finished too");

        async void FireAndForget()
        {
            log.Add("fire");
            await Task.Yield();
            await Task.Delay(1);
            log.Add("forget");
        }
    }

    [KataFact]
    public void A_worker_runs_the_tasks_it_queued_itself_newest_first()
    {
        using var scheduler = new WorkStealingTaskScheduler(workerCount: 1);
        var order = new List<int>();

        Task.Factory.StartNew(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                int n = i;
                Task.Factory.StartNew(() => order.Add(n), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current);
            }
        }, CancellationToken.None, TaskCreationOptions.None, scheduler).Wait(TimeSpan.FromSeconds(5)).Should().BeTrue();
        Task.Factory.StartNew(() => { }, CancellationToken.None, TaskCreationOptions.None, scheduler).Wait(TimeSpan.FromSeconds(5)).Should().BeTrue();

        order.Should().Equal([4, 3, 2, 1, 0],
            "tasks queued from a worker go to that worker's own queue, and the owner takes the newest first (LIFO); one shared FIFO queue would give 0, 1, 2, 3, 4");
    }

    [KataFact]
    public void Idle_workers_steal_the_tasks_a_busy_worker_queued()
    {
        // The root task queues two children on its own worker's queue and then blocks until both are done.
        // The only way they run is if the other two workers steal them, and then they run at the same time.
        using var scheduler = new WorkStealingTaskScheduler(workerCount: 3);
        using var probe = new ConcurrencyProbe(patience: TimeSpan.FromSeconds(3));
        bool childrenDone = false;

        Task.Factory.StartNew(() =>
        {
            Task[] children = [Child(), Child()];
            childrenDone = Task.WaitAll(children, TimeSpan.FromSeconds(4));
        }, CancellationToken.None, TaskCreationOptions.None, scheduler).Wait(TimeSpan.FromSeconds(8));

        childrenDone.Should().BeTrue("while their owner is blocked, idle workers must take its queued tasks: steal from the other workers' queues when yours and the shared one are empty");
        probe.SawConcurrency.Should().BeTrue("the two stolen children run on two workers at once");
        scheduler.StealCount.Should().BeGreaterThanOrEqualTo(2, "both children were stolen");

        Task Child() => Task.Factory.StartNew(probe.Arrive, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current);
    }
}
