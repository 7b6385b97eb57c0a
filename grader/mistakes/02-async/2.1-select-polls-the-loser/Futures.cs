// Mistake: a select that polls both children before looking at the first result does the loser's work for nothing.
namespace Katas.Async;

/// <summary>
/// Exercise 2.1: a future that is pending <c>count</c> times before it is ready. Each pending poll wakes
/// its own waker before returning (Rust's <c>yield_now</c>): the future has nothing to wait for, it only
/// wants to give others a turn, so it asks to be polled again at once.
/// </summary>
public sealed class CountdownFuture : IFuture<int>
{
    /// <summary>Pending polls still to answer.</summary>
    private int _remaining;

    /// <summary>True after the poll that returned ready.</summary>
    private bool _completed;

    /// <summary>A future that answers pending <paramref name="count"/> times, then ready with the number of polls it took.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public CountdownFuture(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _remaining = count;
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
        if (_completed)
        {
            throw new InvalidOperationException("CountdownFuture was polled after it completed: a future must not be polled again once it has returned ready.");
        }

        if (_remaining == 0)
        {
            _completed = true;
            return Poll<int>.Ready(Count + 1);
        }

        _remaining--;
        // A pending answer without a wake would strand this future: nobody else will ever wake it.
        context.Waker.Wake();
        return Poll<int>.Pending;
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
        return new JoinFuture<TFirst, TSecond>(first, second);
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
        return new SelectFuture<T>(first, second);
    }

    private static InvalidOperationException PolledAfterCompletion(string name) =>
        new($"{name} was polled after it completed: a future must not be polled again once it has returned ready.");

    /// <summary>The state of a join: which children are done (their results kept), and whether the join is.</summary>
    private sealed class JoinFuture<TFirst, TSecond>(IFuture<TFirst> first, IFuture<TSecond> second) : IFuture<(TFirst First, TSecond Second)>
    {
        private Poll<TFirst> _first;
        private Poll<TSecond> _second;
        private bool _completed;

        public Poll<(TFirst First, TSecond Second)> Poll(Context context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (_completed)
            {
                throw PolledAfterCompletion("Join");
            }

            // Poll both before deciding: polling the second only once the first is done would make the join
            // sequential, and a second child that must start early (a timer, a request) would start late.
            if (!_first.IsReady)
            {
                _first = first.Poll(context);
            }

            if (!_second.IsReady)
            {
                _second = second.Poll(context);
            }

            if (_first.IsReady && _second.IsReady)
            {
                _completed = true;
                return Poll<(TFirst, TSecond)>.Ready((_first.Value, _second.Value));
            }

            return Poll<(TFirst, TSecond)>.Pending;
        }
    }

    /// <summary>The state of a select: running, or done (and then the children are left alone for good).</summary>
    private sealed class SelectFuture<T>(IFuture<T> first, IFuture<T> second) : IFuture<(int Winner, T Value)>
    {
        private bool _completed;

        public Poll<(int Winner, T Value)> Poll(Context context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (_completed)
            {
                throw PolledAfterCompletion("Select");
            }

            Poll<T> a = first.Poll(context);
            Poll<T> b = second.Poll(context); // bug: polls the second even when the first has won
            if (a.IsReady)
            {
                // The second child may be ready too: the first still wins (biased select), and the second is
                // not polled at all, so no work of the loser is done and thrown away.
                _completed = true;
                return Poll<(int, T)>.Ready((0, a.Value));
            }

            if (b.IsReady)
            {
                _completed = true;
                return Poll<(int, T)>.Ready((1, b.Value));
            }

            return Poll<(int, T)>.Pending;
        }
    }
}
