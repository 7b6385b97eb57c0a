using Microsoft.ML;

namespace Katas.Prediction.Tests;

[Exercise("7.3", "Pool prediction engines for concurrent requests", Points = 10, StudentFiles = "EnginePool.cs", BuildsOn = "7.1", Hint = """
    ML.NET's PredictionEngine is fast because it reuses its buffers between calls, which is also why two threads
    must never use one at once. Creating one is expensive (it compiles the pipeline for one row). How do you give
    every concurrent request an engine of its own without creating one per request?
    """, MoreHint = """
    Microsoft.Extensions.ObjectPool (in the ASP.NET Core shared framework): a PooledObjectPolicy whose Create calls
    context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model, inputSchemaDefinition:
    Training.InputSchema(featureCount)) and counts; DefaultObjectPoolProvider { MaximumRetained }.Create(policy);
    Get, Predict, Return in a finally. The pool of a disposable type is disposable. The hidden tests also check that
    an engine comes back when a prediction throws, and the arguments.
    """, Recap = """
    Non-thread-safe workers behind a pool: each caller owns one for the duration of a call, and they are reused
    (the Rust plan: a Mutex<Vec<Session>> or a crossbeam ArrayQueue of ort sessions; Send but not Sync).
    """)]
public sealed class EnginePoolTests
{
    private static EnginePool NewPool(int maximumRetained = 4)
    {
        var context = new MLContext(seed: 1);
        ITransformer model = context.Model.Load(ModelFiles.ModelPath(TrainedModel.V1.Directory), out _);
        return new EnginePool(context, model, TrainedModel.V1.Schema.FeatureNames.Count, maximumRetained);
    }

    [KataFact]
    public void Predictions_are_the_trainers()
    {
        using EnginePool pool = NewPool();

        foreach (HeldOutPrediction row in TrainedModel.V1.HeldOut)
        {
            ModelOutput output = pool.Predict(row.Features);
            output.Probability.Should().Be(row.Probability, "the pool's engines run the saved model");
            output.PredictedLabel.Should().Be(row.PredictedLabel);
        }
    }

    [KataFact]
    public void Concurrent_predictions_equal_sequential_ones()
    {
        using EnginePool pool = NewPool();
        IReadOnlyList<HeldOutPrediction> rows = TrainedModel.V1.HeldOut;
        string? wrong = null;

        // A race shows up as a wrong answer (another thread's row) or an exception; repeat, bounded, until one does.
        for (int round = 0; round < 20 && wrong is null; round++)
        {
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
            {
                int[] order = PredictionTestHost.Shuffled(rows.Count, (round * 4) + worker);
                foreach (int i in order)
                {
                    try
                    {
                        float probability = pool.Predict(rows[i].Features).Probability;
                        if (probability != rows[i].Probability)
                        {
                            wrong ??= $"row {i} got {probability}, alone it gets {rows[i].Probability}";
                        }
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        wrong ??= $"row {i} threw {e.GetType().Name}: {e.Message}";
                    }
                }
            });
        }

        wrong.Should().BeNull("four threads predicting at once must each get their own row's answer (one engine per caller at a time)");
    }

    [KataFact]
    public void Sequential_calls_reuse_one_engine()
    {
        using EnginePool pool = NewPool();

        for (int i = 0; i < 200; i++)
        {
            pool.Predict(TrainedModel.V1.HeldOut[i % TrainedModel.V1.HeldOut.Count].Features);
        }

        pool.EnginesCreated.Should().Be(1, "one caller at a time needs one engine: creating an engine costs far more than a prediction");
    }
}
