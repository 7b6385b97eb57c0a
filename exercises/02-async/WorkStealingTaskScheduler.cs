namespace Katas.Async;

/// <summary>
/// Exercise 2.7, part 2: a multi-queue <see cref="TaskScheduler"/> with work stealing ("Async Rust", chapter 3;
/// tokio's multi-threaded runtime; the .NET thread pool itself). Each worker thread owns a local queue; tasks
/// queued from a worker go to its own queue, tasks queued from outside go to a shared queue, and a worker with
/// nothing to do steals from another worker's queue.
/// </summary>
/// <remarks>
/// <para>The owner takes the newest task from its own queue (LIFO); thieves and the shared queue give the oldest
/// (FIFO). An idle worker sleeps; queuing a task wakes one, and no wake-up may be lost.</para>
/// <para>A task is never run inline if it was already queued: it sits in some worker's queue, and only that
/// queue may hand it out, so a waiting worker leaves it to the others (which is why they must steal).</para>
/// </remarks>
public sealed class WorkStealingTaskScheduler : TaskScheduler, IDisposable
{
    // TODO: the workers (threads with local queues), the shared queue, how idle workers sleep, a steal counter.

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workerCount"/> is zero or negative.</exception>
    public WorkStealingTaskScheduler(int workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workerCount);
        // TODO: start workerCount background worker threads.
    }

    public override int MaximumConcurrencyLevel => throw NotSolved();

    /// <summary>How many tasks a worker has taken from another worker's queue.</summary>
    public long StealCount => throw NotSolved();

    /// <summary>True on this scheduler's worker threads.</summary>
    public bool IsWorkerThread => throw NotSolved();

    /// <summary>Stops the workers once their current task is done; tasks still queued are not run.</summary>
    public void Dispose()
    {
        // TODO: stop the workers and wait for them.
    }

    protected override void QueueTask(Task task) => throw NotSolved();

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => throw NotSolved();

    protected override IEnumerable<Task> GetScheduledTasks() => throw NotSolved();

    private static NotImplementedException NotSolved() =>
        new("Exercise 2.7 (WorkStealingTaskScheduler) is not solved yet. Hint: dotnet run --project grader -- hint 2.7");
}
