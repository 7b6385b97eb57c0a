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

        FluentActions.Invoking(() => EventLoop.Run((Func<Task>)null!)).Should().Throw<ArgumentNullException>();
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
}
