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
    public void Two_calls_at_once_run_on_two_engines()
    {
        using var probe = new OverlapProbe();
        var context = new MLContext(seed: 1);
        ITransformer model = probe.Around(context, context.Model.Load(ModelFiles.ModelPath(TrainedModel.V1.Directory), out _));
        using var pool = new EnginePool(context, model, TrainedModel.V1.Schema.FeatureNames.Count, maximumRetained: 4);
        pool.Predict(TrainedModel.V1.HeldOut[0].Features); // the first engine exists before the two calls race for one

        string? failure = probe.RunTwoAtOnce(() => pool.Predict(TrainedModel.V1.HeldOut[1].Features));

        failure.Should().BeNull("each call needs an engine of its own while it runs");
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

/// <summary>
/// Makes two concurrent predictions meet inside the pipeline, so a test sees what they share without relying on a
/// race to corrupt an answer: a last step, appended to the model, waits until both calls are in it. Each engine
/// gives that step one input object of its own (the engine's reused buffer), so two calls on one engine see the
/// same object, and calls queued behind one engine never meet.
/// </summary>
internal sealed class OverlapProbe : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly Barrier _bothInside = new(2);
    private readonly List<ScoreRow> _buffers = [];
    private volatile bool _armed;
    private volatile bool _metInside = true;

    /// <summary>The model with one more step that copies the score, and waits for the other call when armed.</summary>
    public ITransformer Around(MLContext context, ITransformer model)
    {
        var data = context.Data.LoadFromEnumerable(
            [new ModelInput { Features = TrainedModel.V1.HeldOut[0].Features }],
            Training.InputSchema(TrainedModel.V1.Schema.FeatureNames.Count));
        ITransformer copy = context.Transforms.CustomMapping<ScoreRow, ScoreRow>(Meet, contractName: null).Fit(model.Transform(data));
        return model.Append(copy);
    }

    /// <summary>Runs <paramref name="predict"/> on two threads at once; null when they ran side by side on two engines.</summary>
    public string? RunTwoAtOnce(Action predict)
    {
        _armed = true;
        var errors = new Exception?[2];
        Thread[] threads = [.. Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            try
            {
                predict();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors[i] = e;
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (!_metInside)
        {
            return $"the second call waited until the first had finished (nothing overlapped in {Patience.TotalSeconds} s): one engine behind a lock makes every request wait for the one before";
        }

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            return $"a call threw {error.GetType().Name}: {error.Message}";
        }

        lock (_buffers)
        {
            return ReferenceEquals(_buffers[^2], _buffers[^1])
                ? "both calls ran inside one engine at the same moment, writing the same buffers"
                : null;
        }
    }

    public void Dispose() => _bothInside.Dispose();

    private void Meet(ScoreRow input, ScoreRow output)
    {
        output.Score = input.Score;
        if (!_armed)
        {
            return;
        }

        lock (_buffers)
        {
            _buffers.Add(input);
        }

        if (!_bothInside.SignalAndWait(Patience))
        {
            _metInside = false;
            _armed = false; // the late call passes straight through
        }
    }

    /// <summary>The one column this step reads and writes (ModelOutput reads it back).</summary>
    public sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}
