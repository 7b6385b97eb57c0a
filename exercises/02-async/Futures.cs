namespace Katas.Async;

/// <summary>
/// Exercise 2.1: a future that is pending <c>count</c> times before it is ready. Each pending poll wakes
/// its own waker before returning (Rust's <c>yield_now</c>): the future has nothing to wait for, it only
/// wants to give others a turn, so it asks to be polled again at once.
/// </summary>
public sealed class CountdownFuture : IFuture<int>
{
    /// <summary>A future that answers pending <paramref name="count"/> times, then ready with the number of polls it took.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public CountdownFuture(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
    }

    /// <summary>The number of pending polls this future answers before it is ready.</summary>
    public int Count { get; }

    /// <inheritdoc />
    /// <returns>Pending <see cref="Count"/> times, then ready with <see cref="Count"/> + 1, the number of polls.</returns>
    /// <exception cref="InvalidOperationException">Polled again after it returned ready.</exception>
    public Poll<int> Poll(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // TODO: answer Pending Count times, then Ready(Count + 1). A future that answers Pending must have
        // arranged to be woken; this one has nothing to wait for. Polled after Ready: InvalidOperationException,
        // its message naming the future ("CountdownFuture").
        throw new NotImplementedException("Exercise 2.1 (CountdownFuture.Poll) is not solved yet. Hint: dotnet run --project grader -- hint 2.1");
    }
}

/// <summary>Exercise 2.1: combinators that poll several futures as one, written as explicit state machines.</summary>
public static class Futures
{
    /// <summary>
    /// A future that is ready when both <paramref name="first"/> and <paramref name="second"/> are, with both
    /// results. Rust: <c>futures::join!</c>.
    /// </summary>
    /// <remarks>
    /// Each poll of the join polls every child that is not finished yet, with the join's own context, so both
    /// make progress at once and either may wake the join. A finished child is never polled again.
    /// </remarks>
    /// <exception cref="ArgumentNullException">A future is null.</exception>
    public static IFuture<(TFirst First, TSecond Second)> Join<TFirst, TSecond>(IFuture<TFirst> first, IFuture<TSecond> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        // TODO: return a future (a private class of your own: a state machine over the two children) that keeps
        // the behaviour described above; polled after Ready it throws InvalidOperationException naming "Join".
        // Do not use Task or async: this is the machinery underneath them.
        throw new NotImplementedException("Exercise 2.1 (Futures.Join) is not solved yet. Hint: dotnet run --project grader -- hint 2.1");
    }

    /// <summary>
    /// A future that is ready as soon as either child is, with the index of the winner (0 or 1) and its value.
    /// Rust: <c>futures::select_biased!</c>.
    /// </summary>
    /// <remarks>
    /// Each poll polls <paramref name="first"/> and then, if it is still pending, <paramref name="second"/>: the
    /// first child wins a tie. The loser is abandoned (dropped, in Rust terms) and never polled again.
    /// </remarks>
    /// <exception cref="ArgumentNullException">A future is null.</exception>
    public static IFuture<(int Winner, T Value)> Select<T>(IFuture<T> first, IFuture<T> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        // TODO: return a state machine that keeps the behaviour described above; polled after Ready it throws
        // InvalidOperationException naming "Select".
        throw new NotImplementedException("Exercise 2.1 (Futures.Select) is not solved yet. Hint: dotnet run --project grader -- hint 2.1");
    }
}
