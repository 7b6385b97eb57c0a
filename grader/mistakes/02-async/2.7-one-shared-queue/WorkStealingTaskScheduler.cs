// Mistake: one shared FIFO queue for every task loses the owner-first, newest-first order of local queues.
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Katas.Async;

/// <summary>
/// Exercise 2.7, part 2: a multi-queue <see cref="TaskScheduler"/> with work stealing ("Async Rust", chapter 3;
/// tokio's multi-threaded runtime; the .NET thread pool itself). Each worker thread owns a local queue; tasks
/// queued from a worker go to its own queue, tasks queued from outside go to a shared queue, and a worker with
/// nothing to do steals from another worker's queue.
/// </summary>
/// <remarks>
/// <para>The owner takes the newest task from its own queue (LIFO: the task it just queued is the one whose data
/// is in its cache, and the one the current work is most likely waiting for); thieves and the shared queue take
/// the oldest (FIFO). An idle worker sleeps; queuing a task wakes one.</para>
/// <para>A task is never run inline if it was already queued: it sits in some worker's queue, and only that
/// queue may hand it out, so a waiting worker leaves it to the others (which is why they must steal).</para>
/// </remarks>
public sealed class WorkStealingTaskScheduler : TaskScheduler, IDisposable
{
    /// <summary>The worker running on this thread, or null on other threads.</summary>
    [ThreadStatic]
    private static Worker? t_worker;

    private readonly Worker[] _workers;
    private readonly ConcurrentQueue<Task> _shared = new();

    /// <summary>Idle workers sleep on its monitor.</summary>
    private readonly object _sleepGate = new();

    /// <summary>Bumped (under <see cref="_sleepGate"/>) whenever work is queued: a worker about to sleep sees it missed some.</summary>
    private long _version;

    private long _steals;
    private bool _disposed;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workerCount"/> is zero or negative.</exception>
    public WorkStealingTaskScheduler(int workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workerCount);
        _workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++)
        {
            _workers[i] = new Worker(this, i);
        }

        foreach (Worker worker in _workers)
        {
            worker.Thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _workers.Length;

    /// <summary>How many tasks a worker has taken from another worker's queue.</summary>
    public long StealCount => Interlocked.Read(ref _steals);

    /// <summary>True on this scheduler's worker threads.</summary>
    public bool IsWorkerThread => t_worker?.Scheduler == this;

    /// <summary>Stops the workers once their current task is done; tasks still queued are not run.</summary>
    public void Dispose()
    {
        lock (_sleepGate)
        {
            _disposed = true;
            Monitor.PulseAll(_sleepGate);
        }

        foreach (Worker worker in _workers)
        {
            if (worker.Thread != Thread.CurrentThread)
            {
                worker.Thread.Join();
            }
        }
    }

    protected override void QueueTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Worker? worker = t_worker;
        _shared.Enqueue(task); // bug: every task goes to the shared queue, FIFO
        GC.KeepAlive(worker);

        lock (_sleepGate)
        {
            _version++;
            Monitor.Pulse(_sleepGate);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && IsWorkerThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() =>
        [.. _shared, .. _workers.SelectMany(w => w.Snapshot())];

    private bool TryFindWork(Worker me, [NotNullWhen(true)] out Task? task)
    {
        if (me.TryPop(out task) || _shared.TryDequeue(out task))
        {
            return true;
        }

        // Steal, oldest first, starting with the next worker so thieves spread over their victims.
        for (int i = 1; i < _workers.Length; i++)
        {
            if (_workers[(me.Index + i) % _workers.Length].TrySteal(out task))
            {
                Interlocked.Increment(ref _steals);
                return true;
            }
        }

        return false;
    }

    private void WorkerLoop(Worker me)
    {
        t_worker = me;
        while (true)
        {
            long seen;
            lock (_sleepGate)
            {
                if (_disposed)
                {
                    return;
                }

                seen = _version;
            }

            if (TryFindWork(me, out Task? task))
            {
                TryExecuteTask(task);
                continue;
            }

            lock (_sleepGate)
            {
                // Work queued after we read the version (and so perhaps after we looked) changed it: look again.
                if (_version == seen && !_disposed)
                {
                    Monitor.Wait(_sleepGate);
                }
            }
        }
    }

    /// <summary>A worker thread and its local queue: a deque guarded by one lock (correct first; see 1.8 for a lock-free owner path).</summary>
    private sealed class Worker
    {
        private readonly LinkedList<Task> _deque = new();

        public Worker(WorkStealingTaskScheduler scheduler, int index)
        {
            Scheduler = scheduler;
            Index = index;
            Thread = new Thread(() => scheduler.WorkerLoop(this)) { IsBackground = true, Name = $"Katas work-stealing worker {index}" };
        }

        public WorkStealingTaskScheduler Scheduler { get; }

        public int Index { get; }

        public Thread Thread { get; }

        public void Push(Task task)
        {
            lock (_deque)
            {
                _deque.AddLast(task);
            }
        }

        /// <summary>The owner's end: newest first.</summary>
        public bool TryPop([NotNullWhen(true)] out Task? task)
        {
            lock (_deque)
            {
                task = _deque.Last?.Value;
                if (task is null)
                {
                    return false;
                }

                _deque.RemoveLast();
                return true;
            }
        }

        /// <summary>The thieves' end: oldest first.</summary>
        public bool TrySteal([NotNullWhen(true)] out Task? task)
        {
            lock (_deque)
            {
                task = _deque.First?.Value;
                if (task is null)
                {
                    return false;
                }

                _deque.RemoveFirst();
                return true;
            }
        }

        public Task[] Snapshot()
        {
            lock (_deque)
            {
                return [.. _deque];
            }
        }
    }
}
