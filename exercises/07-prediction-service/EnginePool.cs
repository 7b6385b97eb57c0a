using Microsoft.ML;

namespace Katas.Prediction;

/// <summary>
/// Exercise 7.3: predictions from many threads at once. A PredictionEngine is fast but not thread-safe (it
/// reuses its input and output buffers), and creating one costs far more than a prediction: keep a few in a pool.
/// </summary>
public sealed class EnginePool : IDisposable
{
    /// <param name="context">The ML.NET context the model was loaded with.</param>
    /// <param name="model">The loaded pipeline.</param>
    /// <param name="featureCount">The size of the feature vector the model takes.</param>
    /// <param name="maximumRetained">How many idle engines the pool keeps (more may exist while busy).</param>
    public EnginePool(MLContext context, ITransformer model, int featureCount, int maximumRetained)
    {
        // TODO: check the arguments (null: ArgumentNullException; a count of 0 or less: ArgumentOutOfRangeException)
        // and set up a pool of PredictionEngine<ModelInput, ModelOutput> for this model (Training.InputSchema gives
        // the input schema), keeping at most maximumRetained idle engines and counting every engine it creates.
        throw new NotImplementedException("Exercise 7.3 (EnginePool) is not solved yet. Hint: dotnet run --project grader -- hint 7.3");
    }

    /// <summary>How many engines the pool has created so far: a few under load, one when called sequentially.</summary>
    public int EnginesCreated => throw new NotImplementedException("Exercise 7.3 (EnginePool.EnginesCreated) is not solved yet. Hint: dotnet run --project grader -- hint 7.3");

    /// <summary>Predicts one row; callable from any number of threads at once.</summary>
    public ModelOutput Predict(float[] features)
    {
        // TODO: predict with an engine no other thread uses meanwhile, and give it back for reuse afterwards, also
        // when the prediction throws. Do not create an engine per call, do not share one engine between threads, and
        // do not make concurrent callers wait for one another (the tests make two calls meet inside the model).
        throw new NotImplementedException("Exercise 7.3 (EnginePool.Predict) is not solved yet. Hint: dotnet run --project grader -- hint 7.3");
    }

    public void Dispose()
    {
        // TODO: dispose the idle engines (and the ones given back later).
    }
}
