using Katas.Prediction.Tests;
using Microsoft.ML;

namespace Katas.Prediction.HiddenTests;

[HiddenTests("7.3")]
public sealed class EnginePoolHiddenTests
{
    private static (MLContext Context, ITransformer Model) Loaded()
    {
        var context = new MLContext(seed: 1);
        return (context, context.Model.Load(ModelFiles.ModelPath(TrainedModel.V1.Directory), out _));
    }

    [KataFact]
    public void An_engine_comes_back_when_a_prediction_throws()
    {
        (MLContext context, ITransformer model) = Loaded();
        using var pool = new EnginePool(context, model, 30, 2);
        pool.Predict(TrainedModel.V1.HeldOut[0].Features);

        FluentActions.Invoking(() => pool.Predict(new float[3])).Should().Throw<Exception>("3 values for a model of 30");
        pool.Predict(TrainedModel.V1.HeldOut[1].Features).Probability.Should().Be(TrainedModel.V1.HeldOut[1].Probability);

        pool.EnginesCreated.Should().Be(1, "the engine used by the failed call went back to the pool (return it in a finally)");
    }

    [KataFact]
    public void Arguments_are_checked()
    {
        (MLContext context, ITransformer model) = Loaded();

        FluentActions.Invoking(() => new EnginePool(null!, model, 30, 2)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new EnginePool(context, null!, 30, 2)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new EnginePool(context, model, 0, 2)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new EnginePool(context, model, 30, 0)).Should().Throw<ArgumentOutOfRangeException>();
        using var pool = new EnginePool(context, model, 30, 2);
        FluentActions.Invoking(() => pool.Predict(null!)).Should().Throw<ArgumentNullException>();
    }

    [KataFact]
    public void Each_prediction_is_a_new_object()
    {
        (MLContext context, ITransformer model) = Loaded();
        using var pool = new EnginePool(context, model, 30, 1);

        ModelOutput first = pool.Predict(TrainedModel.V1.HeldOut[0].Features);
        float kept = first.Probability;
        pool.Predict(TrainedModel.V1.HeldOut[1].Features);

        first.Probability.Should().Be(kept, "an answer handed to a caller is never overwritten by the next call");
    }
}
