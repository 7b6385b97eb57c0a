using System.Threading.Tasks.Sources;

namespace Katas.Async;

/// <summary>
/// Exercise 2.8, part 4: one object that backs a <see cref="ValueTask{TResult}"/> again and again, so awaiting
/// allocates nothing. A <see cref="Task"/> is an object per operation; a <see cref="ValueTask{TResult}"/> over an
/// <see cref="IValueTaskSource{TResult}"/> is a struct holding this object and a version number, and the object is
/// reset and reused for the next operation (what sockets, pipes and channels do inside .NET).
/// </summary>
/// <remarks>
/// <para>The owner's cycle: <see cref="WaitAsync"/> hands out a <see cref="ValueTask{TResult}"/> for the current
/// operation; <see cref="SetResult"/> or <see cref="SetException"/> completes it; after the awaiter has taken the
/// result, <see cref="Reset"/> starts the next operation. Each operation has its own <see cref="Version"/>: a
/// <see cref="ValueTask{TResult}"/> of an earlier operation throws <see cref="InvalidOperationException"/> rather than
/// read another operation's result.</para>
/// <para>Continuations run asynchronously (on the thread pool, or the awaiter's context) unless the constructor
/// asks for them to run inline, on the thread that completes the operation.</para>
/// <para>Rust has no allocation to avoid here: a future is a value, usually inside its task's one allocation.</para>
/// </remarks>
public sealed class ReusableValueTaskSource<T> : IValueTaskSource<T>
{
    // TODO: the state of the current operation (result or error, continuation, version). The runtime has a building block for it.

    /// <param name="runContinuationsAsynchronously">
    /// False runs the awaiter's continuation inline, on the thread that calls <see cref="SetResult"/>: faster, and
    /// safe only when that thread holds no lock and can afford to run someone else's code.
    /// </param>
    public ReusableValueTaskSource(bool runContinuationsAsynchronously = true)
    {
        // TODO: remember how continuations must run.
    }

    /// <summary>The current operation's version; <see cref="Reset"/> moves to the next.</summary>
    public short Version => throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.Version) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");

    /// <summary>A <see cref="ValueTask{TResult}"/> for the current operation. Await it once.</summary>
    public ValueTask<T> WaitAsync()
    {
        // TODO: a ValueTask backed by this object and the current version; nothing allocated.
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.WaitAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Completes the current operation with <paramref name="result"/>.</summary>
    /// <exception cref="InvalidOperationException">The current operation was already completed.</exception>
    public void SetResult(T result)
    {
        // TODO: complete the current operation (and run or schedule its continuation, as the constructor asked). A second
        // completion is refused and leaves the first result as it was.
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.SetResult) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Completes the current operation with <paramref name="error"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The current operation was already completed.</exception>
    public void SetException(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        // TODO: complete the current operation with the error.
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.SetException) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    /// <summary>Starts the next operation: a new version, not completed. Call it after the last one's result was taken.</summary>
    public void Reset()
    {
        // TODO: start the next operation with a new version.
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.Reset) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
    }

    // TODO: the three members the ValueTask calls, each with the version (token) it was created with; a wrong version is an error.
    T IValueTaskSource<T>.GetResult(short token) =>
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.GetResult) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");

    ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) =>
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.GetStatus) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");

    void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        throw new NotImplementedException("Exercise 2.8 (ReusableValueTaskSource.OnCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.8");
}
