namespace Katas.Prediction;

/// <summary>
/// Given code, the same in both trees: a validated model and its engines, as the service serves it. Counted
/// references decide when it may be disposed: the holder owns one, and every request holds one for its duration
/// (<see cref="ModelHolder.Acquire"/>), so a model swapped out by a reload lives until its last request ends.
/// </summary>
public sealed class ServingModel : IDisposable
{
    private readonly EnginePool _engines;
    private int _references = 1;
    private int _disposed;

    public ServingModel(ModelSchema schema, EnginePool engines)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(engines);
        Schema = schema;
        _engines = engines;
    }

    public ModelSchema Schema { get; }

    public string Version => Schema.Version;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Predicts one row whose features are in the metadata's order.</summary>
    public ModelOutput Predict(float[] features)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return _engines.Predict(features);
    }

    /// <summary>Takes one more reference, unless the count already reached zero (the model is being disposed).</summary>
    public bool TryRetain()
    {
        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Gives a reference back; the last one disposes the model.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            Dispose();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException($"model {Version} was released more often than it was retained");
        }
    }

    /// <summary>Disposes the engines now, whoever still uses them: the host calls it on shutdown.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _engines.Dispose();
        }
    }
}
