namespace Katas.Prediction;

/// <summary>
/// Given code, the same in both trees: the model being served, and leases on it. A request takes a lease for its
/// whole duration and reads the model from it, never from <see cref="ModelHolder.Current"/> twice: a reload in
/// between would give it two different models.
/// </summary>
public sealed partial class ModelHolder : IDisposable
{
    private ServingModel _current;
    private long _reloads;

    /// <param name="initial">The model to serve; the holder takes over its first reference.</param>
    public ModelHolder(ServingModel initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
        // Counted by Swap (ModelHolder.cs). Assigned here so that the stub, whose Swap is empty, builds without CS0649.
        _reloads = 0;
    }

    /// <summary>The model new requests get. Read it once per request, through <see cref="Acquire"/>.</summary>
    public ServingModel Current => Volatile.Read(ref _current);

    /// <summary>How many times <see cref="Swap"/> replaced the model.</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>A reference on the current model, which stays usable until the lease is disposed.</summary>
    public ModelLease Acquire()
    {
        while (true)
        {
            ServingModel model = Volatile.Read(ref _current);
            // Fails only for a model a concurrent Swap just released for the last time: read the new one and retry.
            if (model.TryRetain())
            {
                return new ModelLease(model);
            }
        }
    }

    /// <summary>Gives up the holder's reference: the current model is disposed once its last lease ends.</summary>
    public void Dispose() => Current.Release();
}

/// <summary>One request's reference on a model; dispose it exactly once when the request is done.</summary>
public sealed class ModelLease : IDisposable
{
    private ServingModel? _model;

    internal ModelLease(ServingModel model) => _model = model;

    public ServingModel Model => _model ?? throw new ObjectDisposedException(nameof(ModelLease));

    public void Dispose() => Interlocked.Exchange(ref _model, null)?.Release();
}
