using System.Runtime.CompilerServices;

namespace Katas.Async.Tests;

[Exercise("2.8", "Async primitives: an event, a lock, a bounded queue and a reusable ValueTask source", Points = 20, Hint = """
    Each of these is a TaskCompletionSource (or a ValueTask source) plus a rule for who completes it and when.
    An event is one shared task that Set completes; when may Reset replace it, and what happens to a waiter
    that still holds the old one? A lock and a queue keep lines of waiters; when a cancellation and a hand-over
    race for the same waiter, who decides which one wins, and what happens to the item the loser held?
    Completing a task runs its continuations: on which thread, and what if that thread holds a lock?
    Last, a Task is one allocation per operation: what could back a ValueTask again and again instead?
    """, MoreHint = """
    new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) everywhere; TrySetResult and
    TrySetCanceled return false to the loser of a race, so a hand-over that fails moves on to the next waiter.
    Event: Reset swaps in a new source only if the current one is completed (Interlocked.CompareExchange).
    Lock and queue: a LinkedList of waiters under a monitor; CancellationToken.Register removes a waiter that it
    cancelled; a cached Task.FromResult for the uncontended lock; new ValueTask<T>(item) when an item is there.
    Value task source: a ManualResetValueTaskSourceCore<T> field (never copied), new ValueTask<T>(this, core.Version),
    and the interface's three members passing the token to the core. Measure with GC.GetAllocatedBytesForCurrentThread.
    Reading: https://devblogs.microsoft.com/dotnet/understanding-the-whys-whats-and-whens-of-valuetask/ and
    https://devblogs.microsoft.com/pfxteam/building-async-coordination-primitives-part-1-asyncmanualresetevent/
    """, Recap = """
    An async primitive is a line of TaskCompletionSources and a rule for completing them: races are settled by
    TrySet (exactly one winner, nothing lost), continuations run asynchronously so nobody runs foreign code under
    a lock, and a reusable IValueTaskSource with a version per operation makes the hot path allocate nothing.
    """, Benchmark = "dotnet run -c Release --project exercises/02-async/Benchmarks -- --filter *BoundedQueue*",
    StudentFiles = "AsyncPrimitives.cs BoundedAsyncQueue.cs ReusableValueTaskSource.cs")]
public sealed class AsyncPrimitivesTests
{
    private static readonly TimeSpan s_patience = Waits.Patience;

    [KataFact]
    public async Task Set_releases_every_waiter_and_a_set_event_lets_later_waits_through()
    {
        var gate = new AsyncManualResetEvent();
        Task[] waiters = [gate.WaitAsync(), gate.WaitAsync(), gate.WaitAsync()];
        gate.IsSet.Should().BeFalse("a new event starts unset");
        waiters.Should().OnlyContain(waiter => !waiter.IsCompleted, "nobody gets through an unset event");

        gate.Set();

        await Task.WhenAll(waiters).WaitAsync(s_patience);
        gate.IsSet.Should().BeTrue();
        gate.WaitAsync().IsCompleted.Should().BeTrue("while the event is set, a wait completes at once");

        gate.Reset();
        gate.IsSet.Should().BeFalse();
        gate.WaitAsync().IsCompleted.Should().BeFalse("after Reset, waits wait again");
    }

    [KataFact]
    public void Set_never_runs_a_waiters_continuation_on_its_own_thread()
    {
        // The waiter's continuation blocks until Set has returned. Run inline, on the thread inside Set, it would wait
        // for itself: the deadlock of code that completes a task while holding a lock the continuation needs.
        var gate = new AsyncManualResetEvent();
        using var setReturned = new ManualResetEventSlim();
        int continuationThread = 0;
        bool sawSetReturn = false;
        Task continuation = gate.WaitAsync().ContinueWith(_ =>
        {
            continuationThread = Environment.CurrentManagedThreadId;
            sawSetReturn = setReturned.Wait(s_patience);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        int setterThread = Waits.RunOnNewThread(() =>
        {
            gate.Set();
            setReturned.Set();
        });

        continuation.Wait(s_patience).Should().BeTrue("the waiter is released by Set");
        continuationThread.Should().NotBe(setterThread,
            "the waiter's code must not run inside Set, on the setter's thread: create the TaskCompletionSource with TaskCreationOptions.RunContinuationsAsynchronously");
        sawSetReturn.Should().BeTrue("Set returns before the waiter's code runs");
    }

    [KataFact]
    public async Task Reset_of_an_unset_event_keeps_its_waiters()
    {
        var gate = new AsyncManualResetEvent();
        Task waiter = gate.WaitAsync();

        gate.Reset();
        gate.Set();

        (await Waits.Completes(waiter)).Should().BeTrue(
            "a waiter of an unset event must be released by the next Set: Reset may only replace what waiters wait on once it is completed");
    }

    [KataFact]
    public async Task The_lock_admits_one_holder_at_a_time_across_awaits()
    {
        var gate = new AsyncLock();
        int inside = 0;
        int mostInside = 0;
        int counter = 0;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                using (await gate.LockAsync())
                {
                    int now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref mostInside, now);
                    int read = counter;
                    await Task.Yield();
                    counter = read + 1;
                    Interlocked.Decrement(ref inside);
                }
            }
        }))).WaitAsync(TimeSpan.FromSeconds(8));

        mostInside.Should().Be(1, "only one holder at a time, even while the holder awaits");
        counter.Should().Be(400, "a read-await-write under the lock loses no update");
        gate.IsHeld.Should().BeFalse("every releaser was disposed");
    }

    [KataFact]
    public async Task Waiters_get_the_lock_in_the_order_they_asked_for_it()
    {
        var gate = new AsyncLock();
        var order = new List<int>();
        AsyncLock.Releaser first = await gate.LockAsync();
        Task[] waiters = Enumerable.Range(0, 10).Select(async i =>
        {
            using (await gate.LockAsync())
            {
                order.Add(i);
            }
        }).ToArray();

        first.Dispose();
        await Task.WhenAll(waiters).WaitAsync(s_patience);

        order.Should().Equal(Enumerable.Range(0, 10), "the lock is FIFO-fair: keep the waiters in a queue and hand the lock to the oldest");
    }

    [KataFact]
    public async Task Enqueue_waits_while_the_queue_is_full_and_Dequeue_while_it_is_empty()
    {
        var queue = new BoundedAsyncQueue<int>(capacity: 2);
        ValueTask<int> early = queue.DequeueAsync();
        early.IsCompleted.Should().BeFalse("an empty queue makes a consumer wait");

        await queue.EnqueueAsync(1);
        (await early.AsTask().WaitAsync(s_patience)).Should().Be(1, "an enqueue releases the waiting consumer with its item");

        queue.EnqueueAsync(2).AsTask().IsCompleted.Should().BeTrue("there is room for two");
        queue.EnqueueAsync(3).AsTask().IsCompleted.Should().BeTrue("there is room for two");
        Task third = queue.EnqueueAsync(4).AsTask();
        third.IsCompleted.Should().BeFalse("back-pressure: a full queue makes the producer wait");
        queue.Count.Should().Be(2);

        (await queue.DequeueAsync()).Should().Be(2);
        (await Waits.Completes(third)).Should().BeTrue("a dequeue makes room, and the waiting producer's item goes in");
        (await queue.DequeueAsync()).Should().Be(3);
        (await queue.DequeueAsync()).Should().Be(4, "the waiting producer's item comes after the ones already queued");
    }

    [KataFact]
    public async Task A_cancelled_dequeue_takes_no_item_and_the_next_consumer_gets_it()
    {
        var queue = new BoundedAsyncQueue<string>(capacity: 4);
        using var cancel = new CancellationTokenSource();
        ValueTask<string> cancelled = queue.DequeueAsync(cancel.Token);

        await cancel.CancelAsync();
        Func<Task> awaitCancelled = () => cancelled.AsTask().WaitAsync(s_patience);
        await awaitCancelled.Should().ThrowAsync<OperationCanceledException>("the consumer's wait was cancelled");

        await queue.EnqueueAsync("item");
        Task<string> next = queue.DequeueAsync().AsTask();
        (await Waits.Completes(next)).Should().BeTrue("the item must not go to the cancelled consumer: a hand-over to a waiter whose cancellation won loses the item");
        (await next).Should().Be("item");
    }

    [KataFact]
    public async Task Complete_lets_consumers_drain_the_remaining_items_and_then_ends_them()
    {
        var queue = new BoundedAsyncQueue<int>(capacity: 3);
        await queue.EnqueueAsync(1);
        await queue.EnqueueAsync(2);

        queue.Complete();

        (await queue.DequeueAsync()).Should().Be(1, "items queued before Complete are still delivered");
        (await queue.DequeueAsync()).Should().Be(2);
        Func<Task> drained = () => queue.DequeueAsync().AsTask();
        await drained.Should().ThrowAsync<InvalidOperationException>("a completed, empty queue ends its consumers");
        Func<Task> late = () => queue.EnqueueAsync(3).AsTask();
        await late.Should().ThrowAsync<InvalidOperationException>("a completed queue refuses new items");
    }

    [KataFact]
    public async Task A_bounded_producer_consumer_stress_loses_no_item_and_no_wake_up()
    {
        // Two producers and two consumers through a queue of four, and every fourth wait is cancelled as it starts,
        // racing the hand-over of an item. Every item must arrive exactly once: a lost item or a lost wake-up leaves
        // a count at zero (or the run never ends), a cancelled enqueue that still added its item counts twice.
        const int Producers = 2;
        const int PerProducer = 2_000;
        var queue = new BoundedAsyncQueue<int>(capacity: 4);
        int[] received = new int[Producers * PerProducer];

        Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            for (int i = 0; i < PerProducer; i++)
            {
                int item = (p * PerProducer) + i;
                while (!await TryAsync(() => random.Next(4) == 0 ? EnqueueCancelledAsync(item) : queue.EnqueueAsync(item)))
                {
                }
            }
        })).ToArray();
        Task[] consumers = Enumerable.Range(0, 2).Select(c => Task.Run(async () =>
        {
            var random = new Random(100 + c);
            while (true)
            {
                try
                {
                    int item = random.Next(4) == 0 ? await DequeueCancelledAsync() : await queue.DequeueAsync();
                    Interlocked.Increment(ref received[item]);
                }
                catch (OperationCanceledException)
                {
                    // The cancellation won: nothing was taken. Try again.
                }
                catch (InvalidOperationException)
                {
                    return;
                }
            }
        })).ToArray();

        (await Waits.Completes(Task.WhenAll(producers), TimeSpan.FromSeconds(8))).Should().BeTrue("every producer finishes: a lost wake-up leaves one waiting forever");
        queue.Complete();
        (await Waits.Completes(Task.WhenAll(consumers), TimeSpan.FromSeconds(8))).Should().BeTrue("consumers drain the queue and end after Complete");
        received.Should().OnlyContain(count => count == 1, "every item is delivered exactly once, whatever the cancellations did");

        async ValueTask EnqueueCancelledAsync(int item)
        {
            using var cancel = new CancellationTokenSource();
            ValueTask pending = queue.EnqueueAsync(item, cancel.Token);
            await cancel.CancelAsync();
            await pending;
        }

        async ValueTask<int> DequeueCancelledAsync()
        {
            using var cancel = new CancellationTokenSource();
            ValueTask<int> pending = queue.DequeueAsync(cancel.Token);
            await cancel.CancelAsync();
            return await pending;
        }

        static async Task<bool> TryAsync(Func<ValueTask> enqueue)
        {
            try
            {
                await enqueue();
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    [KataFact]
    public async Task The_value_task_source_is_reused_with_a_new_version_for_each_operation()
    {
        var source = new ReusableValueTaskSource<int>();
        var versions = new HashSet<short>();

        for (int i = 0; i < 1_000; i++)
        {
            ValueTask<int> operation = source.WaitAsync();
            versions.Add(source.Version);
            _ = Task.Run(() => source.SetResult(i * 2));
            (await operation).Should().Be(i * 2, "each operation gets its own result");
            source.Reset();
        }

        versions.Should().HaveCount(1_000, "Reset moves to a new version, so a ValueTask of an old operation can be told apart");
    }

    [KataFact]
    public void The_synchronous_path_of_the_value_task_source_allocates_nothing()
    {
        var source = new ReusableValueTaskSource<int>();
        long sum = 0;
        for (int i = 0; i < 100; i++)
        {
            sum += Round(source, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sum += Round(source, i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        sum.Should().Be(4950 + (10_000L * 9_999 / 2), "every round returns its own result");
        allocated.Should().Be(0, "10,000 operations on one reused source allocate nothing: no Task, no TaskCompletionSource, no box per operation");

        [MethodImpl(MethodImplOptions.NoInlining)]
        static int Round(ReusableValueTaskSource<int> source, int value)
        {
            source.Reset();
            ValueTask<int> operation = source.WaitAsync();
            source.SetResult(value);
            return operation.IsCompletedSuccessfully ? operation.Result : -1;
        }
    }

    [KataFact]
    public void Value_task_continuations_run_off_the_completing_thread_unless_asked_to_run_inline()
    {
        (int setter, int continuation) = WhereTheContinuationRuns(new ReusableValueTaskSource<int>());
        continuation.Should().NotBe(setter, "by default a continuation never runs inside SetResult: set the core's RunContinuationsAsynchronously");

        (setter, continuation) = WhereTheContinuationRuns(new ReusableValueTaskSource<int>(runContinuationsAsynchronously: false));
        continuation.Should().Be(setter, "asked to, the source runs the continuation inline, on the thread that completes it");

        static (int Setter, int Continuation) WhereTheContinuationRuns(ReusableValueTaskSource<int> source)
        {
            using var ran = new ManualResetEventSlim();
            int continuationThread = 0;
            ValueTask<int> operation = source.WaitAsync();
            // ConfigureAwait(false): no context to post to, so only the source decides where the continuation runs.
            operation.ConfigureAwait(false).GetAwaiter().OnCompleted(() =>
            {
                continuationThread = Environment.CurrentManagedThreadId;
                ran.Set();
            });
            int setterThread = Waits.RunOnNewThread(() => source.SetResult(1));
            ran.Wait(s_patience).Should().BeTrue("SetResult runs or schedules the registered continuation");
            return (setterThread, continuationThread);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
