namespace Katas.Parallelism;

/// <summary>Exercise 1.7: stop a parallel loop early, cancel a parallel query, and report every error.</summary>
public static class CancellationAndErrors
{
    /// <summary>
    /// Returns the lowest index <c>i</c> for which <paramref name="predicate"/>(<paramref name="items"/>[i]) is
    /// true, or -1 if there is none. The items are tested in parallel, and the loop stops starting new items
    /// above an index that already matched.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="predicate"/> is null.</exception>
    public static int FindFirstIndex<T>(IReadOnlyList<T> items, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(predicate);

        // Break at index i promises that every iteration below i still runs (one may match lower down) and
        // that no new iteration above i starts. When the loop is over, LowestBreakIteration is the lowest
        // index that called Break: the lowest match, or null if nothing matched.
        // Stop would be wrong: it ends the loop as soon as possible, including iterations below the match
        // that have not started yet, so a match at 7000 found first could hide one at 42. Stop suits
        // "find any match"; Break suits "find the first match", like a sequential loop's break.
        ParallelLoopResult result = Parallel.For(0, items.Count, (int i, ParallelLoopState loopState) =>
        {
            if (predicate(items[i]))
            {
                loopState.Break();
            }
        });

        return result.LowestBreakIteration is long lowest ? (int)lowest : -1;
    }

    /// <summary>
    /// Applies <paramref name="selector"/> to every item in parallel and returns the results in input order,
    /// unless <paramref name="cancellationToken"/> is cancelled first.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="selector"/> is null.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled before or during the map (never wrapped in an AggregateException).
    /// </exception>
    public static TResult[] MapWithCancellation<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(selector);

        // WithCancellation makes PLINQ watch the token: every worker checks it between items and the
        // query ends with the token's OperationCanceledException, on its own, not wrapped in an
        // AggregateException (the wrapping is what you get if the selector throws it instead).
        return items.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(selector).ToArray();
    }

    /// <summary>
    /// Calls <paramref name="validate"/> on every item, in parallel, and returns normally if none threw.
    /// Every item is validated even when some fail.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="validate"/> is null.</exception>
    /// <exception cref="AggregateException">
    /// One or more validations threw. <see cref="AggregateException.InnerExceptions"/> holds every exception thrown,
    /// each as thrown, in the order of the items that threw them.
    /// </exception>
    public static void ValidateAll<T>(IReadOnlyList<T> items, Action<T> validate)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(validate);

        // One slot per item: iteration i writes only failures[i], so no lock is needed, and reading the
        // slots in index order after the loop gives the failures in item order, however the workers ran.
        // Catching inside the loop body is what keeps the loop going: an exception that escaped the body
        // would make Parallel.For stop starting iterations and report only the few already running.
        Exception?[] failures = new Exception?[items.Count];
        Parallel.For(0, items.Count, (int i) =>
        {
            try
            {
                validate(items[i]);
            }
            catch (Exception ex)
            {
                failures[i] = ex;
            }
        });

        List<Exception> thrown = [.. failures.OfType<Exception>()];
        if (thrown.Count > 0)
        {
            throw new AggregateException($"{thrown.Count} of {items.Count} items failed validation.", thrown);
        }
    }
}
