namespace Katas.Async;

/// <summary>
/// Exercise 2.7, part 1: an event loop for real async methods. <see cref="Run"/> runs an async method and
/// every continuation it causes on the calling thread, one at a time, in the order they were queued, and
/// returns when all the work is done. Stephen Toub's AsyncPump; in Rust, tokio's current-thread runtime
/// (<c>block_on</c> of a <c>LocalSet</c>).
/// </summary>
/// <remarks>
/// Two doors lead into the loop's queue: a <see cref="SynchronizationContext"/> (what <c>await</c> of a task
/// captures, and what <c>async void</c> methods report to) and a <see cref="TaskScheduler"/> (what
/// <c>Task.Factory.StartNew</c> and <c>Task.Yield</c> use when there is no context to post to). The work is done
/// when the main task has finished and no <c>async void</c> operation is still running.
/// </remarks>
public static class EventLoop
{
    /// <summary>Runs <paramref name="main"/> and everything it queues on this thread until all of it is done.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    /// <remarks>An exception thrown by <paramref name="main"/> (or by an <c>async void</c> method it started) is rethrown as it was thrown.</remarks>
    public static void Run(Func<Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        // TODO: run main as the loop's first piece of work, with the loop installed as both doors described above,
        // and pump until the work is done. Put the caller's SynchronizationContext back afterwards.
        throw new NotImplementedException("Exercise 2.7 (EventLoop.Run) is not solved yet. Hint: dotnet run --project grader -- hint 2.7");
    }

    /// <summary>Runs <paramref name="main"/> and everything it queues on this thread until all of it is done.</summary>
    /// <returns>The result of <paramref name="main"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    public static T Run<T>(Func<Task<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        // TODO: as above, returning main's result. Private nested classes for the context and the scheduler go in this class.
        throw new NotImplementedException("Exercise 2.7 (EventLoop.Run) is not solved yet. Hint: dotnet run --project grader -- hint 2.7");
    }
}
