// Mistake: every operation wraps the source in a new TaskCompletionSource, so the ValueTask is backed by a Task again and allocates each time.
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
    /// <summary>
    /// The runtime's building block for this: the result, the continuation, the version, and the rules (one
    /// awaiter, one completion per version). A mutable struct, so a field, never copied.
    /// </summary>
    private ManualResetValueTaskSourceCore<T> _core;

    /// <param name="runContinuationsAsynchronously">
    /// False runs the awaiter's continuation inline, on the thread that calls <see cref="SetResult"/>: faster, and
    /// safe only when that thread holds no lock and can afford to run someone else's code.
    /// </param>
    public ReusableValueTaskSource(bool runContinuationsAsynchronously = true) =>
        _core.RunContinuationsAsynchronously = runContinuationsAsynchronously;

    /// <summary>The current operation's version; <see cref="Reset"/> moves to the next.</summary>
    public short Version => _core.Version;

    /// <summary>A <see cref="ValueTask{TResult}"/> for the current operation. Await it once.</summary>
    public ValueTask<T> WaitAsync()
    {
        // bug: a TaskCompletionSource and its Task per operation; correct, but it allocates what the source exists to avoid
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = WaitForCoreAsync(completion);
        return new ValueTask<T>(completion.Task);
    }

    private async Task WaitForCoreAsync(TaskCompletionSource<T> completion)
    {
        try
        {
            completion.TrySetResult(await new ValueTask<T>(this, _core.Version).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            completion.TrySetException(ex);
        }
    }

    /// <summary>Completes the current operation with <paramref name="result"/>.</summary>
    /// <exception cref="InvalidOperationException">The current operation was already completed.</exception>
    public void SetResult(T result)
    {
        ThrowIfCompleted();
        _core.SetResult(result);
    }

    /// <summary>Completes the current operation with <paramref name="error"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The current operation was already completed.</exception>
    public void SetException(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ThrowIfCompleted();
        _core.SetException(error);
    }

    /// <summary>Starts the next operation: a new version, not completed. Call it after the last one's result was taken.</summary>
    public void Reset() => _core.Reset();

    /// <summary>The core would throw too, but only after overwriting the first result: check before.</summary>
    private void ThrowIfCompleted()
    {
        if (_core.GetStatus(_core.Version) != ValueTaskSourceStatus.Pending)
        {
            throw new InvalidOperationException("This operation was already completed; call Reset to start the next one.");
        }
    }

    // The interface the ValueTask calls, with the version it was created with; the core checks that version.
    T IValueTaskSource<T>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<T>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<T>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
