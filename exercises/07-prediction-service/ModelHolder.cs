namespace Katas.Prediction;

/// <summary>Exercise 7.6: hot reload. Swap in a new model without failing one request in flight.</summary>
public sealed partial class ModelHolder
{
    /// <summary>
    /// Makes <paramref name="next"/> the model new requests get, in one atomic step, and counts the reload.
    /// Requests holding a lease on the old model finish on it: give up the holder's reference on the old model
    /// (it is disposed when its last lease ends), never dispose it here. Swapping in the model already served
    /// throws <see cref="ArgumentException"/>; a disposed model, <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Swap(ServingModel next)
    {
        // TODO: publish next as _current and get the old model back in one atomic step (two concurrent swaps must
        // each get a different old model), add one to _reloads, and give up the holder's reference on the old model
        // so that it is disposed after its last lease. Refuse null (ArgumentNullException), a disposed model
        // (ObjectDisposedException) and the model already served (ArgumentException, changing nothing).
        throw new NotImplementedException("Exercise 7.6 (ModelHolder.Swap) is not solved yet. Hint: dotnet run --project grader -- hint 7.6");
    }
}
