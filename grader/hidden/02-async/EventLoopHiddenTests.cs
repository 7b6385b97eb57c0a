namespace Katas.Async.HiddenTests;

[HiddenTests("2.7")]
public sealed class EventLoopHiddenTests
{
    [KataFact]
    public void Inside_the_loop_TaskScheduler_Current_is_the_loop_and_StartNew_runs_on_it()
    {
        int me = Environment.CurrentManagedThreadId;
        int ranOn = 0;

        EventLoop.Run(async () =>
        {
            TaskScheduler.Current.Should().NotBeSameAs(TaskScheduler.Default, "main runs as a task of the loop's own scheduler");
            ranOn = await Task.Factory.StartNew(() => Environment.CurrentManagedThreadId);
        });

        ranOn.Should().Be(me, "a task started on TaskScheduler.Current inside the loop runs on the loop's thread");
    }

    [KataFact]
    public void An_exception_in_an_async_void_method_ends_the_loop_with_that_exception()
    {
        FluentActions.Invoking(() => EventLoop.Run(() =>
        {
            Explode();
            return Task.CompletedTask;
        })).Should().Throw<ArithmeticException>().WithMessage("async void failed");

        static async void Explode()
        {
            await Task.Yield();
            throw new ArithmeticException("async void failed");
        }
    }

    [KataFact]
    public void The_previous_SynchronizationContext_is_restored_and_null_is_rejected()
    {
        SynchronizationContext? before = SynchronizationContext.Current;
        EventLoop.Run(() => Task.CompletedTask);
        SynchronizationContext.Current.Should().BeSameAs(before);

        FluentActions.Invoking(() => EventLoop.Run((Func<Task>)null!)).Should().Throw<ArgumentNullException>().WithParameterName("main");
        FluentActions.Invoking(() => EventLoop.Run((Func<Task<int>>)null!)).Should().Throw<ArgumentNullException>().WithParameterName("main");
        SynchronizationContext.Current.Should().BeSameAs(before, "a rejected call changes nothing either");
    }

    [KataFact]
    public void The_loops_context_rejects_a_null_callback()
    {
        OnItsOwnThread(() => EventLoop.Run(() =>
        {
            SynchronizationContext loop = SynchronizationContext.Current!;
            FluentActions.Invoking(() => loop.Post(null!, null)).Should().Throw<ArgumentNullException>("Post(null) must fail at the call, not later inside the loop");
            FluentActions.Invoking(() => loop.Send(null!, null)).Should().Throw<ArgumentNullException>();
            return Task.CompletedTask;
        }));
    }

    [KataFact]
    public void Send_runs_the_callback_on_the_loop_and_returns_once_it_has_run()
    {
        OnItsOwnThread(() => EventLoop.Run(async () =>
        {
            SynchronizationContext loop = SynchronizationContext.Current!;
            int loopThread = Environment.CurrentManagedThreadId;

            bool ranAtOnce = false;
            loop.Send(_ => ranAtOnce = true, null);
            ranAtOnce.Should().BeTrue("Send on the loop's own thread runs the callback at once: posting it and waiting for it would wait for itself");

            int sentOn = 0;
            bool ranBeforeSendReturned = false;
            await Task.Run(() =>
            {
                loop.Send(_ => sentOn = Environment.CurrentManagedThreadId, null);
                ranBeforeSendReturned = sentOn != 0;
            });
            sentOn.Should().Be(loopThread, "Send from another thread runs the callback on the loop's thread");
            ranBeforeSendReturned.Should().BeTrue("Send is synchronous: it returns only after the callback has run on the loop");

            Exception? failure = null;
            await Task.Run(() =>
            {
                try
                {
                    loop.Send(_ => throw new FormatException("sent"), null);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            });
            (failure is FormatException || failure?.InnerException is FormatException).Should().BeTrue(
                "an exception thrown by a sent callback goes back to the thread that sent it (and the loop goes on), but it was: " + (failure?.ToString() ?? "nothing"));
        }));
    }

    [KataFact]
    public void The_loop_ends_when_main_finishes_on_another_thread()
    {
        // Main's task completes on a pool thread while the loop sleeps on an empty queue: nothing is posted to the
        // loop, so whatever counts the work down must also wake the loop to see the count at zero.
        OnItsOwnThread(() =>
        {
            for (int round = 0; round < 20; round++)
            {
                EventLoop.Run(() => Task.Run(() =>
                {
                    Thread.Sleep(1);
                    return round;
                })).Should().Be(round);
                EventLoop.Run(() => Task.Run(() => Thread.Sleep(1)));
            }
        });
    }

    [KataFact]
    public void A_synchronous_continuation_on_the_loops_scheduler_still_runs_on_the_loops_thread()
    {
        OnItsOwnThread(() => EventLoop.Run(async () =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            TaskScheduler loopScheduler = TaskScheduler.Current;
            var antecedent = new TaskCompletionSource();
            Task<int> continuation = antecedent.Task.ContinueWith(_ => Environment.CurrentManagedThreadId,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, loopScheduler);

            await Task.Run(antecedent.SetResult);

            (await continuation).Should().Be(loopThread,
                "ExecuteSynchronously asks to run inline on the thread that completes the antecedent, here a pool thread: the loop's scheduler must refuse to inline off its own thread and queue the task to the loop");
        }));
    }

    [KataFact]
    public void A_thousand_interleaved_steps_keep_their_round_robin_order()
    {
        var log = new List<int>();

        EventLoop.Run(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(Step));
        });

        log.Should().Equal(Enumerable.Range(0, 1_000).Select(i => i % 10), "ten methods, a hundred yields each, in strict turns");

        async Task Step(int id)
        {
            for (int i = 0; i < 100; i++)
            {
                log.Add(id);
                await Task.Yield();
            }
        }
    }

    [KataFact]
    public void Work_from_other_threads_posted_to_the_loop_runs_on_it_in_order()
    {
        int me = Environment.CurrentManagedThreadId;
        var seen = new List<(int Thread, int Value)>();

        EventLoop.Run(async () =>
        {
            SynchronizationContext loop = SynchronizationContext.Current!;
            await Task.Run(() =>
            {
                for (int i = 0; i < 50; i++)
                {
                    int n = i;
                    loop.Post(_ => seen.Add((Environment.CurrentManagedThreadId, n)), null);
                }
            });
            await Task.Yield();
        });

        seen.Select(s => s.Value).Should().Equal(Enumerable.Range(0, 50), "the loop's queue is first in, first out");
        seen.Should().OnlyContain(s => s.Thread == me);
    }

    [KataFact]
    public void The_work_stealing_scheduler_runs_ten_thousand_tasks_from_inside_and_outside_exactly_once()
    {
        using var scheduler = new WorkStealingTaskScheduler(workerCount: 3);
        int[] runs = new int[10_000];
        var outer = new List<Task>();
        for (int i = 0; i < 100; i++)
        {
            int block = i;
            outer.Add(Task.Factory.StartNew(() =>
            {
                var inner = new Task[100];
                for (int j = 0; j < 100; j++)
                {
                    int index = (block * 100) + j;
                    inner[j] = Task.Factory.StartNew(() => Interlocked.Increment(ref runs[index]), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current);
                }

                return Task.WhenAll(inner);
            }, CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap());
        }

        Task.WaitAll([.. outer], TimeSpan.FromSeconds(8)).Should().BeTrue("every queued task runs");
        Thread.Sleep(0);
        runs.Should().OnlyContain(r => r == 1, "a task taken by a thief is not also run by its owner");
    }

    [KataFact]
    public void Tasks_run_only_on_the_scheduler_threads_and_a_bad_worker_count_is_rejected()
    {
        using var scheduler = new WorkStealingTaskScheduler(workerCount: 2);
        bool onWorker = Task.Factory.StartNew(() => scheduler.IsWorkerThread, CancellationToken.None, TaskCreationOptions.None, scheduler).Result;

        onWorker.Should().BeTrue();
        scheduler.IsWorkerThread.Should().BeFalse("the test thread is not a worker");
        scheduler.MaximumConcurrencyLevel.Should().Be(2);
        FluentActions.Invoking(() => new WorkStealingTaskScheduler(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("workerCount");
    }

    [KataFact]
    public void A_synchronous_continuation_completed_outside_still_runs_on_a_worker()
    {
        using var scheduler = new WorkStealingTaskScheduler(workerCount: 2);
        var antecedent = new TaskCompletionSource();
        Task<bool> continuation = antecedent.Task.ContinueWith(_ => scheduler.IsWorkerThread,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, scheduler);

        antecedent.SetResult();

        continuation.Wait(Waits.Patience).Should().BeTrue("the continuation runs");
        continuation.Result.Should().BeTrue("ExecuteSynchronously asks to run inline on the completing thread, here the test's: the scheduler must refuse to inline on a thread that is not one of its workers");
    }

    [KataFact]
    public void A_worker_that_waits_for_a_task_it_queued_leaves_it_to_be_stolen()
    {
        // Worker X is kept busy; the root task, on the other worker, queues a child on its own queue and waits for it.
        // The child was queued, so the waiting worker must not run it inline: once X is free, X steals and runs it.
        var scheduler = new WorkStealingTaskScheduler(workerCount: 2);
        using var xEntered = new ManualResetEventSlim();
        using var releaseX = new ManualResetEventSlim();
        Thread? xThread = null;
        Thread? rootThread = null;
        Thread? childThread = null;

        Task busy = Start(() =>
        {
            xThread = Thread.CurrentThread;
            xEntered.Set();
            releaseX.Wait(Waits.Patience);
        });
        xEntered.Wait(Waits.Patience).Should().BeTrue("a worker runs the first task");
        Task root = Start(() =>
        {
            rootThread = Thread.CurrentThread;
            Task child = Task.Factory.StartNew(() => childThread = Thread.CurrentThread, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current);
            child.Wait();
        });

        bool rootStarted = SpinWait.SpinUntil(() => Volatile.Read(ref rootThread) is not null, Waits.Patience);
        bool rootParked = rootStarted && Waits.UntilParked(rootThread!);
        releaseX.Set();

        rootStarted.Should().BeTrue("the idle worker runs the root task");
        root.Wait(Waits.Patience).Should().BeTrue("the busy worker, once free, steals the child the root is waiting for");
        childThread.Should().NotBeSameAs(rootThread,
            "the child sat in the root worker's queue: a task that was already queued is never run inline by a worker waiting for it, it is left to the thieves");
        childThread.Should().BeSameAs(xThread, "the other worker stole it");
        rootParked.Should().BeTrue("the root worker blocks in Wait while its child waits to be stolen");
        scheduler.StealCount.Should().BeGreaterThanOrEqualTo(1);
        busy.Wait(Waits.Patience).Should().BeTrue();
        scheduler.Dispose();

        Task Start(Action action) => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, scheduler);
    }

    [KataFact]
    public void A_task_queued_as_the_only_free_worker_goes_idle_always_wakes_it()
    {
        // Thirty-one of thirty-two workers are kept busy, so a wake-up has only one worker to wake. Up to ten thousand
        // times, each task tells the test it is ending, and the test queues the next task a little later each round: over
        // the rounds the next task lands before, during and after the free worker's "looked in every queue, found
        // nothing, going to sleep". A wake-up lost in that gap leaves the task queued and the worker asleep.
        const int Busy = 31;
        const int Rounds = 10_000;
        var scheduler = new WorkStealingTaskScheduler(workerCount: Busy + 1);
        using var releaseBusy = new ManualResetEventSlim();
        int entered = 0;
        Task[] busy = [.. Enumerable.Range(0, Busy).Select(_ => Task.Factory.StartNew(() =>
        {
            Interlocked.Increment(ref entered);
            releaseBusy.Wait(TimeSpan.FromSeconds(8));
        }, CancellationToken.None, TaskCreationOptions.None, scheduler))];
        int ending = -1;
        Task[] tasks = [.. Enumerable.Range(0, Rounds).Select(round => new Task(() => Volatile.Write(ref ending, round)))];

        try
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref entered) == Busy, Waits.Patience).Should().BeTrue("each of the busy tasks gets a worker of its own");
            // Bounded in time as well as in rounds: on a crowded machine every wake-up is slow, and fewer rounds still test.
            var budget = System.Diagnostics.Stopwatch.StartNew();
            int started = 0;
            for (int round = 0; round < Rounds && budget.Elapsed < TimeSpan.FromSeconds(4); round++, started++)
            {
                tasks[round].Start(scheduler);
                for (int spin = 0; Volatile.Read(ref ending) != round && spin < 1_000_000; spin++)
                {
                    Thread.SpinWait(1);
                }

                if (Volatile.Read(ref ending) != round)
                {
                    tasks[round].Wait(Waits.Patience).Should().BeTrue(
                        $"round {round}: a task queued while the free worker was going idle must wake it (check for work queued since you last looked, under the lock you sleep on)");
                }

                Thread.SpinWait(round % 128);
            }

            Task.WaitAll(tasks[..started], Waits.Patience).Should().BeTrue("every task runs");
        }
        finally
        {
            releaseBusy.Set();
        }

        Task.WaitAll(busy, Waits.Patience).Should().BeTrue();
        scheduler.Dispose();
    }

    [KataFact]
    public void Workers_are_background_threads_that_sleep_when_idle_and_Dispose_waits_for_them()
    {
        var scheduler = new WorkStealingTaskScheduler(workerCount: 1);
        Thread worker = Task.Factory.StartNew(() => Thread.CurrentThread, CancellationToken.None, TaskCreationOptions.None, scheduler).Result;

        worker.IsBackground.Should().BeTrue("a scheduler that is never disposed must not keep the process alive: make the workers background threads");
        Waits.UntilParked(worker).Should().BeTrue("with nothing to do a worker sleeps (Monitor.Wait or similar), it does not look for work in a loop");

        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        bool finished = false;
        Task running = Task.Factory.StartNew(() =>
        {
            entered.Set();
            release.Wait(Waits.Patience);
            Thread.Sleep(20);
            Volatile.Write(ref finished, true);
        }, CancellationToken.None, TaskCreationOptions.None, scheduler);
        entered.Wait(Waits.Patience).Should().BeTrue();
        release.Set();

        scheduler.Dispose();

        Volatile.Read(ref finished).Should().BeTrue("Dispose lets the running task finish and waits for it");
        worker.IsAlive.Should().BeFalse("Dispose stops the worker threads and waits for them to end");
        running.IsCompletedSuccessfully.Should().BeTrue();
    }

    /// <summary>Runs <paramref name="loop"/> on a thread of its own, so a loop that never ends fails the test instead of hanging it.</summary>
    private static void OnItsOwnThread(Action loop) =>
        TestThread.Run(loop).Join(TimeSpan.FromSeconds(5)).Should().BeTrue("the loop ends once its work is done: it must neither wait for itself nor sleep through the end of the work");
}
