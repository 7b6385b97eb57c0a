// Mistake: one PredictionEngine behind a lock: safe, but each request waits for the one before; it stops scaling past one core.
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Katas.Prediction;

/// <summary>
/// Exercise 7.3: predictions from many threads at once. A PredictionEngine is fast but not thread-safe (it
/// reuses its input and output buffers), and creating one costs far more than a prediction: keep a few in a pool.
/// </summary>
public sealed class EnginePool : IDisposable
{
    private readonly ObjectPool<PredictionEngine<ModelInput, ModelOutput>> _pool;
    private int _created;
    private PredictionEngine<ModelInput, ModelOutput>? _engine;

    /// <param name="context">The ML.NET context the model was loaded with.</param>
    /// <param name="model">The loaded pipeline.</param>
    /// <param name="featureCount">The size of the feature vector the model takes.</param>
    /// <param name="maximumRetained">How many idle engines the pool keeps (more may exist while busy).</param>
    public EnginePool(MLContext context, ITransformer model, int featureCount, int maximumRetained)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumRetained);
        // The provider makes a DisposableObjectPool for a disposable T: Dispose disposes the idle engines, and an
        // engine returned after that is disposed instead of kept.
        var provider = new DefaultObjectPoolProvider { MaximumRetained = maximumRetained };
        _pool = provider.Create(new EnginePolicy(this, context, model, Training.InputSchema(featureCount)));
    }

    /// <summary>How many engines the pool has created so far: a few under load, one when called sequentially.</summary>
    public int EnginesCreated => Volatile.Read(ref _created);

    /// <summary>Predicts one row; callable from any number of threads at once.</summary>
    public ModelOutput Predict(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        lock (_pool)
        {
            _engine ??= _pool.Get();
            return _engine.Predict(new ModelInput { Features = features }); // bug
        }
    }

    public void Dispose() => (_pool as IDisposable)?.Dispose();

    private sealed class EnginePolicy(EnginePool owner, MLContext context, ITransformer model, Microsoft.ML.Data.SchemaDefinition schema)
        : PooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
    {
        public override PredictionEngine<ModelInput, ModelOutput> Create()
        {
            Interlocked.Increment(ref owner._created);
            return context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model, inputSchemaDefinition: schema);
        }

        // An engine holds no per-call state worth resetting: every one returned is fit to reuse.
        public override bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;
    }
}
