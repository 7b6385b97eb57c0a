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

        // TODO: use Parallel.For with a ParallelLoopState: when an item matches, ask the loop to stop the
        // iterations above it, and read the answer from the ParallelLoopResult it returns. Do not use a lock,
        // and do not use ParallelLoopState.Stop (find out why it gives the wrong answer here).
        throw new NotImplementedException("Exercise 1.7 (CancellationAndErrors.FindFirstIndex) is not solved yet. Hint: dotnet run --project grader -- hint 1.7");
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

        // TODO: an ordered PLINQ query, like 1.1, that watches cancellationToken, so that cancelling stops the
        // workers and throws OperationCanceledException. Do not check the token yourself.
        throw new NotImplementedException("Exercise 1.7 (CancellationAndErrors.MapWithCancellation) is not solved yet. Hint: dotnet run --project grader -- hint 1.7");
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

        // TODO: validate all items in parallel and collect every exception, then throw one AggregateException
        // with all of them in item order. Careful: Parallel.For and Parallel.ForEach stop starting new
        // iterations after the first exception, so on their own they do not validate every item.
        throw new NotImplementedException("Exercise 1.7 (CancellationAndErrors.ValidateAll) is not solved yet. Hint: dotnet run --project grader -- hint 1.7");
    }
}
