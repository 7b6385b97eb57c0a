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

        // TODO: return the lowest index whose item matches, or -1, testing the items in parallel. Once an item matches,
        // the loop should start no items above it, but every item below it must still be tested.
        // Limits: no lock, and no variable of your own that the workers write.
        // Also checked: an empty list, one item, no match, the first and the last item, and a higher match found
        // before or after the lower one.
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

        // TODO: map like 1.1 (input order, all cores), but stop the workers as soon as cancellationToken is cancelled,
        // before or during the map, and then throw OperationCanceledException carrying that token (not an
        // AggregateException). Limits: do not check the token yourself.
        // Also checked: a token cancelled before the call, the order of a list that is not an array, and the token
        // named in the exception.
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

        // TODO: call validate on every item, in parallel, even when some of them throw. If any threw, throw one
        // AggregateException holding every exception as thrown, in item order (not the order they failed in).
        // Careful: the Parallel loops stop starting iterations once an exception escapes the loop body.
        // Also checked: nothing fails (no exception), an empty list, a single failure (still an AggregateException),
        // and 5,000 failures among 10,000 items, each item validated exactly once.
        throw new NotImplementedException("Exercise 1.7 (CancellationAndErrors.ValidateAll) is not solved yet. Hint: dotnet run --project grader -- hint 1.7");
    }
}
