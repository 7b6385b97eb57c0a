namespace Katas.Async;

/// <summary>
/// Exercise 2.3: a single-threaded executor. Tasks (futures) wait in a run queue; the thread that calls
/// <see cref="BlockOn{T}"/> polls them one at a time, and each task's waker puts it back in the queue.
/// Rust: <c>futures::executor::LocalPool</c>, or tokio's current-thread runtime.
/// </summary>
/// <remarks>
/// <para>A waker re-queues its task at most once however often it is called before the task is polled; a wake
/// during a poll queues one more poll. A task that has finished is never polled again, whoever wakes it.</para>
/// <para>With nothing to run, the thread parks until a waker or <see cref="Spawn{T}"/> needs it: no spinning,
/// and no wake-up lost between "the queue is empty" and the park.</para>
/// </remarks>
public sealed class LocalExecutor
{
    // TODO: add the run queue, whatever the executor thread parks on, and a private task class (the future,
    // its waker, its JoinHandle).

    /// <summary>
    /// Starts <paramref name="future"/> as a task of this executor. It runs while some thread is inside
    /// <see cref="BlockOn{T}"/>. Callable from any thread, including from inside a task.
    /// </summary>
    /// <returns>A future that is ready with the task's result (or throws its exception) once the task is done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public JoinHandle<T> Spawn<T>(IFuture<T> future)
    {
        // TODO: validate the argument, make a task of the future and queue it.
        throw new NotImplementedException("Exercise 2.3 (LocalExecutor.Spawn) is not solved yet. Hint: dotnet run --project grader -- hint 2.3");
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
        // TODO: validate the argument, then the executor loop, keeping the rules in the remarks on this class.
        throw new NotImplementedException("Exercise 2.3 (LocalExecutor.BlockOn) is not solved yet. Hint: dotnet run --project grader -- hint 2.3");
    }
}

/// <summary>
/// The result of a task started with <see cref="LocalExecutor.Spawn{T}"/>: a future that is ready when the
/// task is done. Rust: <c>tokio::task::JoinHandle</c>.
/// </summary>
public sealed class JoinHandle<T> : IFuture<T>
{
    // TODO: the handle's state (the result or the exception, the waiter's waker) and internal members your
    // executor calls to complete it.

    internal JoinHandle()
    {
    }

    /// <summary>True once the task has finished (ready or failed).</summary>
    public bool IsCompleted => throw new NotImplementedException("Exercise 2.3 (JoinHandle.IsCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.3");

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Polled again after it returned ready.</exception>
    /// <remarks>A task that failed rethrows its exception from the poll that sees it done.</remarks>
    public Poll<T> Poll(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // TODO: Ready with the task's result once it is done (rethrow its exception as it was thrown), else
        // keep the waiter's newest waker and answer Pending.
        throw new NotImplementedException("Exercise 2.3 (JoinHandle.Poll) is not solved yet. Hint: dotnet run --project grader -- hint 2.3");
    }
}
