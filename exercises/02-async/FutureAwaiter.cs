using System.Runtime.CompilerServices;

namespace Katas.Async;

/// <summary>Exercise 2.4: makes every <see cref="IFuture{T}"/> awaitable, so <c>await future</c> compiles.</summary>
public static class FutureExtensions
{
    /// <summary>The awaiter <c>await</c> asks for: the compiler looks for an instance or extension method of this name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static FutureAwaiter<T> GetAwaiter<T>(this IFuture<T> future) => new(future);
}

/// <summary>
/// Exercise 2.4: the awaiter pattern, bridging a poll future to <c>await</c>. The awaiter is its own tiny
/// executor: it polls the future once when asked <see cref="IsCompleted"/>, and again on the thread of every
/// wake, until it is ready; then it runs the continuation that <c>await</c> registered, exactly once.
/// </summary>
/// <remarks>
/// <para>What <c>await x</c> compiles to (simplified): <c>var a = x.GetAwaiter(); if (!a.IsCompleted) {
/// save the state; builder.AwaitUnsafeOnCompleted(ref a, ref this); return; } resume: a.GetResult();</c>.</para>
/// <para>A wake may come during a poll (the future wakes itself, or another thread is quick): the future must
/// never be polled twice at once, and must never be polled again once it is done.</para>
/// <para><see cref="OnCompleted"/> runs the continuation in the <see cref="ExecutionContext"/> (the
/// <see cref="AsyncLocal{T}"/> values) of the thread that registered it; <see cref="UnsafeOnCompleted"/> does
/// not, and the continuation sees whatever context the waking thread has. An exception thrown by the future's
/// poll, on whichever thread, comes out of <see cref="GetResult"/>.</para>
/// </remarks>
public sealed class FutureAwaiter<T> : ICriticalNotifyCompletion
{
    // TODO: the awaiter's state: the future, a context whose waker polls it again, the result or the
    // exception, the continuation (and the execution context to run it in), and whatever keeps the polls and
    // the registration from racing.

    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public FutureAwaiter(IFuture<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        // TODO: keep the future.
    }

    /// <summary>True when the future is done. The first call polls it.</summary>
    public bool IsCompleted => throw new NotImplementedException("Exercise 2.4 (FutureAwaiter.IsCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.4");

    /// <summary>The future's value, or its exception rethrown as it was thrown.</summary>
    /// <exception cref="InvalidOperationException">The future is not done yet.</exception>
    public T GetResult() => throw new NotImplementedException("Exercise 2.4 (FutureAwaiter.GetResult) is not solved yet. Hint: dotnet run --project grader -- hint 2.4");

    /// <summary>Runs <paramref name="continuation"/> once the future is done, in the execution context of the caller.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="continuation"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A continuation was already registered.</exception>
    public void OnCompleted(Action continuation) =>
        throw new NotImplementedException("Exercise 2.4 (FutureAwaiter.OnCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.4");

    /// <summary>Runs <paramref name="continuation"/> once the future is done, without flowing the execution context.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="continuation"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A continuation was already registered.</exception>
    public void UnsafeOnCompleted(Action continuation) =>
        throw new NotImplementedException("Exercise 2.4 (FutureAwaiter.UnsafeOnCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.4");
}
