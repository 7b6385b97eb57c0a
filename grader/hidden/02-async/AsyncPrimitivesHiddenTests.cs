using System.Runtime.CompilerServices;

namespace Katas.Async.HiddenTests;

[HiddenTests("2.8")]
public sealed class AsyncPrimitivesHiddenTests
{
    [KataFact]
    public async Task An_event_created_set_lets_waits_through_and_Set_twice_is_harmless()
    {
        var gate = new AsyncManualResetEvent(initialState: true);
        gate.IsSet.Should().BeTrue();
        gate.WaitAsync().IsCompleted.Should().BeTrue("an event created set lets every wait through");
        gate.Set();
        gate.Reset();
        gate.Reset();
        Task waiter = gate.WaitAsync();
        gate.Set();
        gate.Set();
        (await Waits.Completes(waiter)).Should().BeTrue("two Resets and two Sets: the waiter is released once");
    }

    [KataFact]
    public async Task A_cancelled_event_wait_ends_only_that_waiter()
    {
        var gate = new AsyncManualResetEvent();
        using var cancel = new CancellationTokenSource();
        Task cancelled = gate.WaitAsync(cancel.Token);
        Task other = gate.WaitAsync();

        await cancel.CancelAsync();
        Func<Task> awaitCancelled = () => cancelled.WaitAsync(Waits.Patience);
        await awaitCancelled.Should().ThrowAsync<OperationCanceledException>();
        other.IsCompleted.Should().BeFalse("another waiter's cancellation must not release or cancel this one");

        gate.Set();
        (await Waits.Completes(other)).Should().BeTrue();
    }

    [KataFact]
    public void A_thousand_rounds_of_Reset_racing_Set_never_strand_a_waiter_of_an_unset_event()
    {
        var gate = new AsyncManualResetEvent();
        for (int round = 0; round < 1_000; round++)
        {
            Task waiter = gate.WaitAsync();
            using var start = new Barrier(2);
            var resetter = Task.Run(() =>
            {
                start.SignalAndWait();
                gate.Reset();
            });
            start.SignalAndWait();
            gate.Set();
            resetter.Wait(Waits.Patience).Should().BeTrue();
            waiter.Wait(Waits.Patience).Should().BeTrue($"round {round}: a waiter from before the Set is released by it, whatever a racing Reset does");
            gate.Reset();
        }
    }

    [KataFact]
    public async Task A_cancelled_lock_waiter_gives_up_its_place_and_never_holds_the_lock()
    {
        var gate = new AsyncLock();
        AsyncLock.Releaser held = await gate.LockAsync();
        using var cancel = new CancellationTokenSource();
        Task<AsyncLock.Releaser> cancelled = gate.LockAsync(cancel.Token);
        Task<AsyncLock.Releaser> next = gate.LockAsync();

        await cancel.CancelAsync();
        Func<Task> awaitCancelled = () => cancelled.WaitAsync(Waits.Patience);
        await awaitCancelled.Should().ThrowAsync<OperationCanceledException>();
        held.Dispose();

        (await Waits.Completes(next)).Should().BeTrue("the lock skips the cancelled waiter and goes to the next one");
        gate.IsHeld.Should().BeTrue();
        (await next).Dispose();
        gate.IsHeld.Should().BeFalse();

        using var already = new CancellationTokenSource();
        await already.CancelAsync();
        Func<Task> preCancelled = () => gate.LockAsync(already.Token);
        await preCancelled.Should().ThrowAsync<OperationCanceledException>();
        gate.IsHeld.Should().BeFalse("a wait cancelled before it started takes nothing");
    }

    [KataFact]
    public async Task Releasing_a_lock_that_is_not_held_is_an_error()
    {
        var gate = new AsyncLock();
        AsyncLock.Releaser releaser = await gate.LockAsync();
        releaser.Dispose();
        FluentActions.Invoking(releaser.Dispose).Should().Throw<InvalidOperationException>("a releaser disposed twice would let two holders in");
    }

    [KataFact]
    public void Release_never_runs_the_next_holder_on_the_releasing_thread()
    {
        var gate = new AsyncLock();
        AsyncLock.Releaser held = gate.LockAsync().Result;
        int holderThread = 0;
        Task next = gate.LockAsync().ContinueWith(granted =>
        {
            holderThread = Environment.CurrentManagedThreadId;
            granted.Result.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        int releaserThread = Waits.RunOnNewThread(held.Dispose);

        next.Wait(Waits.Patience).Should().BeTrue();
        holderThread.Should().NotBe(releaserThread, "the next holder's code must not run inside Dispose, under the lock's own monitor");
    }

    [KataFact]
    public void An_uncontended_lock_and_a_queue_with_room_allocate_nothing()
    {
        var gate = new AsyncLock();
        var queue = new BoundedAsyncQueue<int>(capacity: 8);
        long sum = 0;
        for (int i = 0; i < 100; i++)
        {
            sum += Round(gate, queue, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sum += Round(gate, queue, i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        sum.Should().Be(4950 + (10_000L * 9_999 / 2));
        allocated.Should().Be(0, "the fast paths allocate nothing: a cached completed task for a free lock, and a ValueTask over the item itself");

        [MethodImpl(MethodImplOptions.NoInlining)]
        static int Round(AsyncLock gate, BoundedAsyncQueue<int> queue, int value)
        {
            gate.LockAsync().Result.Dispose();
            ValueTask added = queue.EnqueueAsync(value);
            if (!added.IsCompletedSuccessfully)
            {
                return -1;
            }

            added.GetAwaiter().GetResult();

            ValueTask<int> item = queue.DequeueAsync();
            return item.IsCompletedSuccessfully ? item.Result : -1;
        }
    }

    [KataFact]
    public async Task A_cancelled_enqueue_adds_nothing_and_waiting_producers_keep_their_order()
    {
        var queue = new BoundedAsyncQueue<int>(capacity: 1);
        await queue.EnqueueAsync(0);
        using var cancel = new CancellationTokenSource();
        Task cancelled = queue.EnqueueAsync(-1, cancel.Token).AsTask();
        Task[] waiting = [.. Enumerable.Range(1, 5).Select(i => queue.EnqueueAsync(i).AsTask())];

        await cancel.CancelAsync();
        Func<Task> awaitCancelled = () => cancelled.WaitAsync(Waits.Patience);
        await awaitCancelled.Should().ThrowAsync<OperationCanceledException>();

        var taken = new List<int>();
        for (int i = 0; i < 6; i++)
        {
            Task<int> item = queue.DequeueAsync().AsTask();
            (await Waits.Completes(item)).Should().BeTrue();
            taken.Add(await item);
        }

        taken.Should().Equal([0, 1, 2, 3, 4, 5], "the cancelled item never goes in, and the waiting producers go in in the order they came");
        (await Waits.Completes(Task.WhenAll(waiting))).Should().BeTrue();
        queue.Count.Should().Be(0);
    }

    [KataFact]
    public async Task Complete_fails_waiting_producers_and_consumers_and_twice_is_harmless()
    {
        var empty = new BoundedAsyncQueue<int>(capacity: 1);
        Task<int> consumer = empty.DequeueAsync().AsTask();
        empty.Complete();
        empty.Complete();
        Func<Task> awaitConsumer = () => consumer.WaitAsync(Waits.Patience);
        await awaitConsumer.Should().ThrowAsync<InvalidOperationException>("a consumer waiting on an empty queue ends when it is completed");

        var full = new BoundedAsyncQueue<int>(capacity: 1);
        await full.EnqueueAsync(1);
        Task producer = full.EnqueueAsync(2).AsTask();
        full.Complete();
        Func<Task> awaitProducer = () => producer.WaitAsync(Waits.Patience);
        await awaitProducer.Should().ThrowAsync<InvalidOperationException>("a waiting producer's item is refused once the queue is completed");
        (await full.DequeueAsync()).Should().Be(1, "the item queued before Complete is still delivered");
    }

    [KataFact]
    public void A_consumer_released_by_an_enqueue_does_not_run_on_the_producers_thread()
    {
        var queue = new BoundedAsyncQueue<int>(capacity: 2);
        int consumerThread = 0;
        Task consumer = queue.DequeueAsync().AsTask().ContinueWith(_ => consumerThread = Environment.CurrentManagedThreadId,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        int producerThread = Waits.RunOnNewThread(() => queue.EnqueueAsync(7).AsTask().Wait());

        consumer.Wait(Waits.Patience).Should().BeTrue();
        consumerThread.Should().NotBe(producerThread, "the consumer's code must not run inside EnqueueAsync, under the queue's lock");
    }

    [KataFact]
    public void The_queue_rejects_a_capacity_of_zero()
    {
        FluentActions.Invoking(() => new BoundedAsyncQueue<int>(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new BoundedAsyncQueue<int>(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [KataFact]
    public async Task A_value_task_of_an_earlier_operation_throws_instead_of_reading_the_next_result()
    {
        var source = new ReusableValueTaskSource<string>();
        Task<string> first = source.WaitAsync().AsTask();
        source.SetResult("first");
        (await first).Should().Be("first");

        ValueTask<string> stale = source.WaitAsync();
        source.Reset();
        source.SetResult("second");
        FluentActions.Invoking(() => stale.Result).Should().Throw<InvalidOperationException>(
            "the stale ValueTask carries the old version: the source must check it, not hand out the new operation's result");
        (await source.WaitAsync()).Should().Be("second");
    }

    [KataFact]
    public async Task The_value_task_source_refuses_a_second_completion_and_carries_exceptions()
    {
        var source = new ReusableValueTaskSource<int>();
        source.SetResult(1);
        FluentActions.Invoking(() => source.SetResult(2)).Should().Throw<InvalidOperationException>("one completion per operation; Reset starts the next");
        (await source.WaitAsync()).Should().Be(1);

        source.Reset();
        Task<int> failing = source.WaitAsync().AsTask();
        source.SetException(new FormatException("bad input"));
        Func<Task> awaitFailing = () => failing.WaitAsync(Waits.Patience);
        await awaitFailing.Should().ThrowAsync<FormatException>().WithMessage("bad input");

        FluentActions.Invoking(() => source.SetException(null!)).Should().Throw<ArgumentNullException>();

        source.Reset();
        source.SetResult(3);
        FluentActions.Invoking(() => source.SetException(new FormatException("too late"))).Should().Throw<InvalidOperationException>(
            "an exception after the result is a second completion too");
        (await source.WaitAsync()).Should().Be(3, "the refused exception must not replace the result already set: check before completing");
    }

    [KataFact]
    public async Task A_wait_cancelled_before_it_starts_adds_and_takes_nothing()
    {
        var queue = new BoundedAsyncQueue<int>(capacity: 2);
        using var already = new CancellationTokenSource();
        await already.CancelAsync();

        Func<Task> enqueue = () => queue.EnqueueAsync(1, already.Token).AsTask().WaitAsync(Waits.Patience);
        await enqueue.Should().ThrowAsync<OperationCanceledException>("a token cancelled before the call cancels the enqueue, even with room in the queue");
        queue.Count.Should().Be(0, "a cancelled enqueue adds nothing");

        await queue.EnqueueAsync(2);
        Func<Task> dequeue = () => queue.DequeueAsync(already.Token).AsTask().WaitAsync(Waits.Patience);
        await dequeue.Should().ThrowAsync<OperationCanceledException>("a token cancelled before the call cancels the dequeue, even with an item in the queue");
        queue.Count.Should().Be(1, "a cancelled dequeue takes nothing");
        (await queue.DequeueAsync()).Should().Be(2);
    }

    [KataFact]
    public async Task One_dequeue_lets_in_one_waiting_producer_and_never_more_than_the_capacity()
    {
        var queue = new BoundedAsyncQueue<int>(capacity: 1);
        await queue.EnqueueAsync(0);
        Task first = queue.EnqueueAsync(1).AsTask();
        Task second = queue.EnqueueAsync(2).AsTask();

        (await queue.DequeueAsync()).Should().Be(0);

        (await Waits.Completes(first)).Should().BeTrue("the dequeue made room for the oldest waiting producer");
        queue.Count.Should().Be(1, "one item out makes room for one item in: the queue never holds more than its capacity");
        second.IsCompleted.Should().BeFalse("the second producer still waits: the queue is full again");
        (await queue.DequeueAsync()).Should().Be(1);
        (await Waits.Completes(second)).Should().BeTrue();
        (await queue.DequeueAsync()).Should().Be(2);
    }

    [KataFact]
    public void A_cancelled_enqueue_leaves_the_queue_at_once_and_does_not_keep_its_item()
    {
        // A producer that gives up on a full queue must not leave its item behind in the queue's line of waiting
        // producers: a queue that stays full (a stuck consumer) would otherwise keep every abandoned item alive.
        var queue = new BoundedAsyncQueue<object>(capacity: 1);
        queue.EnqueueAsync("stays").AsTask().IsCompletedSuccessfully.Should().BeTrue();

        WeakReference abandoned = EnqueueAndCancel(queue);

        Collected(abandoned).Should().BeTrue("the cancelled producer's item is no longer referenced by the queue once its wait is cancelled");
        queue.Count.Should().Be(1);
        GC.KeepAlive(queue);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static WeakReference EnqueueAndCancel(BoundedAsyncQueue<object> queue)
        {
            object item = new();
            using var cancel = new CancellationTokenSource();
            Task pending = queue.EnqueueAsync(item, cancel.Token).AsTask();
            cancel.Cancel();
            pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Wait(Waits.Patience).Should().BeTrue("a cancelled enqueue ends");
            pending.IsCanceled.Should().BeTrue();
            return new WeakReference(item);
        }
    }

    [KataFact]
    public void A_cancelled_lock_wait_leaves_the_line_at_once()
    {
        // While the lock stays held, waiters that time out or are cancelled must not pile up in its line.
        var gate = new AsyncLock();
        AsyncLock.Releaser held = gate.LockAsync().Result;

        WeakReference abandoned = WaitAndCancel(gate);

        Collected(abandoned).Should().BeTrue("the lock no longer references a wait cancelled while it is held: take the cancelled waiter out of the line");
        gate.IsHeld.Should().BeTrue();
        held.Dispose();
        gate.IsHeld.Should().BeFalse("the cancelled waiter never gets the lock");

        [MethodImpl(MethodImplOptions.NoInlining)]
        static WeakReference WaitAndCancel(AsyncLock gate)
        {
            using var cancel = new CancellationTokenSource();
            Task<AsyncLock.Releaser> pending = gate.LockAsync(cancel.Token);
            cancel.Cancel();
            pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                .Wait(Waits.Patience).Should().BeTrue("a cancelled lock wait ends");
            pending.IsCanceled.Should().BeTrue();
            return new WeakReference(pending);
        }
    }

    [KataFact]
    public void A_granted_lock_wait_drops_its_cancellation_registration()
    {
        // One long-lived token (an application's shutdown token, say) serves many waits: each must unregister once it
        // is over, or the token keeps every lock it was ever used with alive.
        using var shutdown = new CancellationTokenSource();

        WeakReference gate = LockTwiceWith(shutdown);

        Collected(gate).Should().BeTrue("a wait that got the lock disposes its registration on the token, so the token no longer references the lock");
        GC.KeepAlive(shutdown);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static WeakReference LockTwiceWith(CancellationTokenSource shutdown)
        {
            var gate = new AsyncLock();
            AsyncLock.Releaser held = gate.LockAsync().Result;
            Task<AsyncLock.Releaser> waiter = gate.LockAsync(shutdown.Token);
            held.Dispose();
            waiter.Wait(Waits.Patience).Should().BeTrue("the release hands the lock to the waiter");
            waiter.Result.Dispose();
            return new WeakReference(gate);
        }
    }

    [KataFact]
    public async Task Releasers_are_equal_when_they_release_the_same_lock()
    {
        var one = new AsyncLock();
        var other = new AsyncLock();
        AsyncLock.Releaser first = await one.LockAsync();
        AsyncLock.Releaser second = await other.LockAsync();

        (first == second).Should().BeFalse();
        (first != second).Should().BeTrue("releasers of two locks differ");
        first.Equals(second).Should().BeFalse();
        first.Dispose();
        AsyncLock.Releaser again = await one.LockAsync();
        (again == first).Should().BeTrue("two releasers of one lock are equal");
        (again != first).Should().BeFalse();
        again.GetHashCode().Should().Be(first.GetHashCode());
        again.Dispose();
        second.Dispose();
    }

    /// <summary>True once <paramref name="reference"/>'s target is collected; a bounded number of collections, for work still finishing on the pool.</summary>
    private static bool Collected(WeakReference reference)
    {
        for (int i = 0; i < 100 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (reference.IsAlive)
            {
                Thread.Sleep(10);
            }
        }

        return !reference.IsAlive;
    }
}
