// Mistake: the reload is counted before the swap is known to be one, so a refused swap still counts.
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
        ArgumentNullException.ThrowIfNull(next);
        ObjectDisposedException.ThrowIf(next.IsDisposed, next);
        // One exchange publishes the new model and hands back the old one: two concurrent swaps each get a
        // different old model, so each model's holder reference is given back exactly once.
        Interlocked.Increment(ref _reloads); // bug
        ServingModel old = Interlocked.Exchange(ref _current, next);
        if (ReferenceEquals(old, next))
        {
            // Put nothing back: the holder's single reference is still the one it had.
            throw new ArgumentException($"model {next.Version} is already the one being served", nameof(next));
        }

        old.Release();
    }
}
