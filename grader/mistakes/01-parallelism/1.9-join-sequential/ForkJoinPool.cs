// Mistake: Join returns both results, so calling a then b is Join; nothing runs at the same time.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Katas.Parallelism;

/// <summary>
/// Exercise 1.9: a small fork–join pool in the style of rayon. Each worker thread owns a
/// <see cref="WorkStealingDeque{T}"/> (exercise 1.8); <see cref="Join{TA, TB}"/> offers one half of the work to
/// idle workers and runs the other half itself.
/// </summary>
/// <remarks>
/// How work moves: <see cref="Run{T}"/> called from outside puts a root job in a shared queue. A worker
/// looks for work in its own deque first (newest first), then in the shared queue, then steals from the
/// other workers' deques (oldest first). An idle worker spins briefly, then sleeps until new work arrives.
/// </remarks>
public sealed class ForkJoinPool : IDisposable
{
    /// <summary>The worker running on this thread, or null on threads that are not pool workers.</summary>
    [ThreadStatic]
    private static Worker? t_currentWorker;

    private readonly Worker[] _workers;

    /// <summary>Root jobs from <see cref="Run{T}"/> calls made outside the pool; any worker takes them.</summary>
    private readonly ConcurrentQueue<Job> _injected = new();

    /// <summary>Idle workers wait on this object's monitor.</summary>
    private readonly object _sleepGate = new();

    /// <summary>
    /// Cancelled by <see cref="Dispose"/>, or when a worker fails: the workers stop after their current job.
    /// Never disposed: it has no timer to release, and <see cref="Run{T}"/> may still read it during Dispose.
    /// </summary>
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>Incremented after each new piece of work, so a worker about to sleep can tell that it missed some.</summary>
    private long _workVersion;

    /// <summary>The number of workers inside, or about to enter, <see cref="Monitor.Wait(object)"/>.</summary>
    private int _sleepers;

    /// <summary>1 once <see cref="Dispose"/> has been called.</summary>
    private int _disposed;

    /// <summary>The first exception that stopped a worker (not an exception of the work: those go to the caller).</summary>
    private Exception? _workerFailure;

    /// <summary>Starts <paramref name="workerCount"/> worker threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workerCount"/> is zero or negative.</exception>
    public ForkJoinPool(int workerCount)
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

    /// <summary>The number of worker threads.</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>True when the calling thread is one of this pool's workers: work running there can <see cref="Join{TA, TB}"/> directly.</summary>
    public bool OwnsCurrentThread => t_currentWorker?.Pool == this;

    /// <summary>
    /// Runs <paramref name="root"/> on a worker of this pool, so that it can call <see cref="Join{TA, TB}"/>,
    /// and blocks until it is done. Called from inside the pool, it runs <paramref name="root"/> at once.
    /// </summary>
    /// <returns>What <paramref name="root"/> returned.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed before <paramref name="root"/> could run.</exception>
    /// <remarks>An exception thrown by <paramref name="root"/> is rethrown here as it was thrown.</remarks>
    public T Run<T>(Func<T> root)
    {
        ArgumentNullException.ThrowIfNull(root);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        if (t_currentWorker?.Pool == this)
        {
            // Blocking a worker to wait for another would waste it; we are already where root must run.
            return root();
        }

        var job = new Job<T>(root, waitable: true);
        _injected.Enqueue(job);
        if (_shutdown.IsCancellationRequested)
        {
            // The workers are stopping and may have drained the queue before our job arrived: fail it ourselves.
            FailQueuedJobs();
        }
        else
        {
            NotifyWork();
        }

        job.WaitUntilCompleted();
        return job.GetResult();
    }

    /// <summary>Runs <paramref name="root"/> like <see cref="Run{T}"/>, for work that returns nothing.</summary>
    public void Run(Action root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Run(() =>
        {
            root();
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="a"/> and <paramref name="b"/>, possibly at the same time, and returns both results
    /// when both are done: <paramref name="b"/> is offered to idle workers while this thread runs
    /// <paramref name="a"/>. Called from outside the pool, it is a <see cref="Run{T}"/> of itself.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <remarks>
    /// If <paramref name="a"/> or <paramref name="b"/> throws, Join still waits for the other, then rethrows the
    /// exception as it was thrown; if both throw, <paramref name="a"/>'s exception wins (as in rayon::join).
    /// </remarks>
    public (TA A, TB B) Join<TA, TB>(Func<TA> a, Func<TB> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        Worker? worker = t_currentWorker;
        if (worker is null || worker.Pool != this)
        {
            return Run(() => Join(a, b));
        }

        return (a(), b()); // bug: b is never offered to the other workers
    }

    /// <summary>Runs <paramref name="a"/> and <paramref name="b"/> like <see cref="Join{TA, TB}"/>, for work that returns nothing.</summary>
    public void Join(Action a, Action b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Join(
            () =>
            {
                a();
                return true;
            },
            () =>
            {
                b();
                return true;
            });
    }

    /// <summary>
    /// Stops the workers after the job each is running and waits for them to end. Root jobs that have not
    /// started fail with <see cref="ObjectDisposedException"/>. Calling Dispose again does nothing.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop();
        foreach (Worker worker in _workers)
        {
            // A job that disposes its own pool cannot wait for its own thread to end.
            if (worker.Thread != Thread.CurrentThread)
            {
                worker.Thread.Join();
            }
        }

        FailQueuedJobs();
    }

    /// <summary>
    /// Runs other work until <paramref name="job"/> is completed. If nobody stole it, it is still on top of
    /// our deque (everything pushed after it was joined before a() returned), so the first pop brings it
    /// back and we run it ourselves. If it was stolen, we don't block: we run whatever work we can find
    /// (often the thief's own sub-jobs). That is why nested joins never deadlock, even with one worker:
    /// a worker that waits is always a worker that works.
    /// </summary>
    private void HelpUntilCompleted(Worker worker, Job job)
    {
        // A plain wait (job.WaitUntilCompleted) would be the bug: with every worker blocked in a join, the
        // jobs they wait for sit in their deques with nobody left to run them.
        var spinner = new SpinWait();
        while (!job.IsCompleted)
        {
            if (TryFindWork(worker, out Job? other))
            {
                other.Execute();
                spinner.Reset();
            }
            else
            {
                // Nothing to do but wait for the thief to finish: spin, then yield and sleep a little. (rayon
                // instead sleeps on the job's latch and is woken by it or by new work; simpler here.)
                spinner.SpinOnce();
            }
        }
    }

    /// <summary>Finds the next job for <paramref name="worker"/>: its own deque, then the shared queue, then the other deques.</summary>
    private bool TryFindWork(Worker worker, [NotNullWhen(true)] out Job? job)
    {
        if (worker.Deque.TryPop(out job) || _injected.TryDequeue(out job))
        {
            return true;
        }

        // Start with the next worker, not worker 0, so that thieves spread over the victims.
        for (int offset = 1; offset < _workers.Length; offset++)
        {
            Worker victim = _workers[(worker.Index + offset) % _workers.Length];
            if (victim.Deque.TrySteal(out job))
            {
                return true;
            }
        }

        job = null;
        return false;
    }

    private void WorkerLoop(Worker worker)
    {
        t_currentWorker = worker;
        try
        {
            var idle = new SpinWait();
            while (!_shutdown.IsCancellationRequested)
            {
                long seenVersion = Volatile.Read(ref _workVersion);
                if (TryFindWork(worker, out Job? job))
                {
                    job.Execute();
                    idle.Reset();
                }
                else if (!idle.NextSpinWillYield)
                {
                    // Work often arrives within microseconds (a join on another worker): spin a little first.
                    idle.SpinOnce();
                }
                else
                {
                    Sleep(seenVersion);
                    idle.Reset();
                }
            }
        }
        catch (Exception ex)
        {
            // Job.Execute catches the exceptions of the work itself, so this is the pool's own machinery
            // failing (a deque that throws, say). An unhandled exception here would crash the process and
            // hide the cause; instead stop the pool and report the exception to every waiting Run.
            Interlocked.CompareExchange(ref _workerFailure, ex, null);
            Stop();
            FailQueuedJobs();
        }
    }

    /// <summary>Waits until <see cref="NotifyWork"/> or <see cref="Stop"/>, unless work arrived since <paramref name="seenVersion"/>.</summary>
    private void Sleep(long seenVersion)
    {
        lock (_sleepGate)
        {
            // Announce ourselves first, then re-check. NotifyWork does the mirror image (bumps the version,
            // then reads _sleepers), and both use full fences: either we see its new version here and don't
            // sleep, or it sees us and pulses, which it can only do once Monitor.Wait has released the lock.
            Interlocked.Increment(ref _sleepers);
            if (Volatile.Read(ref _workVersion) == seenVersion && !_shutdown.IsCancellationRequested)
            {
                Monitor.Wait(_sleepGate);
            }

            Interlocked.Decrement(ref _sleepers);
        }
    }

    /// <summary>Tells the sleeping workers, if any, that there is new work. Call after making the work visible.</summary>
    private void NotifyWork()
    {
        Interlocked.Increment(ref _workVersion);
        if (Volatile.Read(ref _sleepers) > 0)
        {
            lock (_sleepGate)
            {
                Monitor.Pulse(_sleepGate);
            }
        }
    }

    private void Stop()
    {
        _shutdown.Cancel();
        lock (_sleepGate)
        {
            Monitor.PulseAll(_sleepGate);
        }
    }

    /// <summary>Fails the root jobs nobody will run any more, so that their Run calls return.</summary>
    private void FailQueuedJobs()
    {
        while (_injected.TryDequeue(out Job? job))
        {
            job.Fail(_workerFailure is { } failure
                ? new InvalidOperationException($"A ForkJoinPool worker failed, so the pool stopped: {failure.Message}", failure)
                : new ObjectDisposedException(nameof(ForkJoinPool), "The pool was disposed before this work could run."));
        }
    }

    /// <summary>A worker thread and the deque it owns.</summary>
    private sealed class Worker
    {
        public Worker(ForkJoinPool pool, int index)
        {
            Pool = pool;
            Index = index;
            Thread = new Thread(() => pool.WorkerLoop(this))
            {
                IsBackground = true,
                Name = $"ForkJoinPool worker {index}",
            };
        }

        public ForkJoinPool Pool { get; }

        public int Index { get; }

        public Thread Thread { get; }

        /// <summary>Pushed and popped only by <see cref="Thread"/>; stolen from by the other workers.</summary>
        public WorkStealingDeque<Job> Deque { get; } = new();
    }

    /// <summary>A piece of work that runs once and remembers how it ended.</summary>
    private abstract class Job
    {
        /// <summary>Only for root jobs: the monitor a Run caller outside the pool waits on.</summary>
        private readonly object? _completionGate;

        private ExceptionDispatchInfo? _exception;

        /// <summary>Written last (a release write): whoever reads true also sees the result or the exception.</summary>
        private volatile bool _isCompleted;

        protected Job(bool waitable)
        {
            if (waitable)
            {
                _completionGate = new object();
            }
        }

        public bool IsCompleted => _isCompleted;

        /// <summary>Runs the work, catching its exception for whoever waits on the job. Never throws.</summary>
        public void Execute()
        {
            try
            {
                Invoke();
            }
            catch (Exception ex)
            {
                _exception = ExceptionDispatchInfo.Capture(ex);
            }

            Complete();
        }

        /// <summary>Completes a job that will never run.</summary>
        public void Fail(Exception exception)
        {
            _exception = ExceptionDispatchInfo.Capture(exception);
            Complete();
        }

        public void WaitUntilCompleted()
        {
            Debug.Assert(_completionGate is not null, "Only root jobs are waited on by blocking.");
            lock (_completionGate)
            {
                while (!_isCompleted)
                {
                    Monitor.Wait(_completionGate);
                }
            }
        }

        protected abstract void Invoke();

        /// <summary>Rethrows the work's exception, if it threw, with its original stack trace.</summary>
        protected void ThrowIfFailed()
        {
            Debug.Assert(IsCompleted, "Read a job's outcome only after it completed.");
            _exception?.Throw();
        }

        private void Complete()
        {
            if (_completionGate is null)
            {
                _isCompleted = true;
                return;
            }

            // Under the lock, so a waiter cannot check _isCompleted, miss this write and then sleep through the pulse.
            lock (_completionGate)
            {
                _isCompleted = true;
                Monitor.PulseAll(_completionGate);
            }
        }
    }

    private sealed class Job<T> : Job
    {
        private readonly Func<T> _work;
        private T _result = default!;

        public Job(Func<T> work, bool waitable)
            : base(waitable)
        {
            _work = work;
        }

        public T GetResult()
        {
            ThrowIfFailed();
            return _result;
        }

        protected override void Invoke() => _result = _work();
    }
}
