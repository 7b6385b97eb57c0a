using System.Runtime.ExceptionServices;

namespace Katas.Async;

/// <summary>
/// Exercise 2.3: a single-threaded executor. Tasks (futures) wait in a run queue; the thread that calls
/// <see cref="BlockOn{T}"/> polls them one at a time, and each task's waker puts it back in the queue.
/// Rust: <c>futures::executor::LocalPool</c>, or tokio's current-thread runtime.
/// </summary>
/// <remarks>
/// <para>A waker re-queues its task at most once however often it is called before the task is polled: a
/// "queued" flag per task, set by the first wake and cleared just before the poll (so a wake during the poll
/// does queue one more poll, as it must). A task that has finished is never polled again, whoever wakes it.</para>
/// <para>With nothing to run, the thread parks (waits on a monitor) until a waker or <see cref="Spawn{T}"/>
/// pulses it: no spinning. The check "is the queue empty?" and the park happen under the same lock as the
/// waker's enqueue-and-pulse, so a wake from another thread cannot fall between them and be lost.</para>
/// <para>What a spawned task costs: the thread takes every woken task in one swap of two queues (one lock per
/// batch, not per task), a wake pulses the monitor only when the thread is parked, and the task is its own
/// <see cref="JoinHandle{T}"/>, which hands its result over with two atomic exchanges instead of a lock.</para>
/// </remarks>
public sealed class LocalExecutor
{
    /// <summary>Guards <see cref="_ready"/> and <see cref="_parked"/>; the executor thread parks on its monitor.</summary>
    private readonly object _gate = new();

    /// <summary>Tasks woken and waiting for a poll, oldest first.</summary>
    private Queue<IRunnable> _ready = new();

    /// <summary>
    /// The executor thread's batch: the tasks it took from <see cref="_ready"/> in one swap, older than any
    /// in <see cref="_ready"/>. Executor thread only, so running them takes no lock.
    /// </summary>
    private Queue<IRunnable> _batch = new();

    /// <summary>True while the executor thread waits on <see cref="_gate"/>: only then must a wake pulse it.</summary>
    private bool _parked;

    /// <summary>The managed id of the thread inside <see cref="BlockOn{T}"/>, or 0.</summary>
    private int _runningThread;

    /// <summary>
    /// Starts <paramref name="future"/> as a task of this executor. It runs while some thread is inside
    /// <see cref="BlockOn{T}"/>. Callable from any thread, including from inside a task.
    /// </summary>
    /// <returns>A future that is ready with the task's result (or throws its exception) once the task is done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public JoinHandle<T> Spawn<T>(IFuture<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        var task = new JoinHandle<T>(this, future);
        task.Schedule();
        return task;
    }

    /// <summary>
    /// Runs <paramref name="future"/>, and every spawned task that is ready meanwhile, on the calling thread
    /// until <paramref name="future"/> is done. Spawned tasks still pending then stay in the queue for the next call.
    /// </summary>
    /// <returns>The result of <paramref name="future"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called from inside a task of this executor, or while another thread runs it.</exception>
    /// <remarks>An exception thrown by <paramref name="future"/>'s poll is rethrown here as it was thrown.</remarks>
    public T BlockOn<T>(IFuture<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        int me = Environment.CurrentManagedThreadId;
        int running = Interlocked.CompareExchange(ref _runningThread, me, 0);
        if (running != 0)
        {
            throw new InvalidOperationException(running == me
                ? "BlockOn was called from inside a task of the same executor: the only thread that could poll the task it waits for is the one blocked in it. Spawn the future and poll its JoinHandle instead."
                : "BlockOn was called while another thread is running this executor: a LocalExecutor has one thread.");
        }

        try
        {
            var root = new JoinHandle<T>(this, future);
            root.Schedule();
            while (!root.IsCompleted)
            {
                if (_batch.Count == 0)
                {
                    TakeReadyTasks();
                }

                _batch.Dequeue().Run();
            }

            return root.GetResultOrThrow();
        }
        finally
        {
            Volatile.Write(ref _runningThread, 0);
        }
    }

    /// <summary>Moves every woken task into <see cref="_batch"/>, parking until there is one.</summary>
    private void TakeReadyTasks()
    {
        lock (_gate)
        {
            while (_ready.Count == 0)
            {
                // Park. The check and the wait are under the lock the wakers take to enqueue, so a wake
                // cannot fall between them.
                _parked = true;
                Monitor.Wait(_gate);
                _parked = false;
            }

            // One lock for the whole batch, not one per task.
            (_batch, _ready) = (_ready, _batch);
        }
    }

    internal void Enqueue(IRunnable task)
    {
        lock (_gate)
        {
            _ready.Enqueue(task);
            if (_parked)
            {
                // At most one thread ever waits here: the executor's.
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>What the run queue holds: a task, whatever its result type.</summary>
    internal interface IRunnable
    {
        /// <summary>Polls the task's future once, unless it has finished (a stale wake). Executor thread only.</summary>
        public void Run();
    }
}

/// <summary>
/// The result of a task started with <see cref="LocalExecutor.Spawn{T}"/>: a future that is ready when the
/// task is done. Rust: <c>tokio::task::JoinHandle</c>.
/// </summary>
/// <remarks>
/// The handle is the task itself: its future, its queued flag and its result live in one object, as tokio keeps a
/// task's future and output in one cell, and the task's waker targets it (with its <see cref="Context"/>, two more
/// objects per spawn). Waking a handle through <see cref="IWake"/> asks for its task to be polled, which any waker
/// may ask at any time.
/// </remarks>
public sealed class JoinHandle<T> : IFuture<T>, IWake, LocalExecutor.IRunnable
{
    private readonly LocalExecutor _executor;

    /// <summary>The task's future; dropped once it has finished, as Rust drops a completed future.</summary>
    private IFuture<T>? _future;

    /// <summary>What every poll of the future gets: the waker that queues this task.</summary>
    private readonly Context _context;

    /// <summary>1 while the task sits in the run queue: further wakes change nothing.</summary>
    private int _queued;

    private T? _result;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Written once, after the result, by the executor thread; read by wakers and pollers on any thread.</summary>
    private volatile bool _done;

    private bool _observed;

    /// <summary>The waker of the newest pending poll of this handle; taken when the task finishes.</summary>
    private Waker? _waiter;

    internal JoinHandle(LocalExecutor executor, IFuture<T> future)
    {
        _executor = executor;
        _future = future;
        _context = new Context(new Waker(this));
    }

    /// <summary>True once the task has finished (ready or failed).</summary>
    public bool IsCompleted => _done;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Polled again after it returned ready.</exception>
    /// <remarks>A task that failed rethrows its exception from the poll that sees it done.</remarks>
    public Poll<T> Poll(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_observed)
        {
            throw new InvalidOperationException("JoinHandle was polled after it completed: a future must not be polled again once it has returned ready.");
        }

        if (!_done)
        {
            // Register, then look again: both this exchange and Finish's are atomic on _waiter, so either
            // Finish takes this waker, or this second look sees the task done. No wake is lost, no lock taken.
            Interlocked.Exchange(ref _waiter, context.Waker);
            if (!_done)
            {
                return Poll<T>.Pending;
            }
        }

        _observed = true;
        _failure?.Throw();
        return Poll<T>.Ready(_result!);
    }

    void IWake.Wake() => Schedule();

    /// <summary>Queues the task, unless it is queued already or has finished.</summary>
    internal void Schedule()
    {
        if (_done || Interlocked.Exchange(ref _queued, 1) != 0)
        {
            return;
        }

        _executor.Enqueue(this);
    }

    void LocalExecutor.IRunnable.Run()
    {
        // Clear the flag before the poll: a wake that comes during the poll must queue one more poll.
        Volatile.Write(ref _queued, 0);
        if (_done)
        {
            return;
        }

        Poll<T> poll;
        try
        {
            poll = _future!.Poll(_context);
        }
        catch (Exception ex)
        {
            Finish(default, ExceptionDispatchInfo.Capture(ex));
            return;
        }

        if (poll.IsReady)
        {
            Finish(poll.Value, null);
        }
    }

    internal T GetResultOrThrow()
    {
        _failure?.Throw();
        return _result!;
    }

    private void Finish(T? result, ExceptionDispatchInfo? failure)
    {
        _result = result;
        _failure = failure;
        _future = null;
        _done = true;
        Interlocked.Exchange(ref _waiter, null)?.Wake();
    }
}
