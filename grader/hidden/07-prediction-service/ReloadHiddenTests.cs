using Grpc.Core;
using Katas.Prediction.Protocol;
using Katas.Prediction.Tests;

namespace Katas.Prediction.HiddenTests;

[HiddenTests("7.6")]
public sealed class ReloadHiddenTests
{
    [KataFact]
    public void Swapping_in_the_model_already_served_is_refused_and_changes_nothing()
    {
        ServingModel model = ModelLoader.Load(TrainedModel.V1.Directory);
        using var holder = new ModelHolder(model);

        FluentActions.Invoking(() => holder.Swap(model)).Should().Throw<ArgumentException>();

        holder.Current.Should().BeSameAs(model);
        model.IsDisposed.Should().BeFalse("the holder still owns its one reference");
        holder.Reloads.Should().Be(0);
    }

    [KataFact]
    public void A_disposed_model_or_null_is_refused()
    {
        using var holder = new ModelHolder(ModelLoader.Load(TrainedModel.V1.Directory));
        ServingModel disposed = ModelLoader.Load(TrainedModel.V1.Directory);
        disposed.Dispose();

        FluentActions.Invoking(() => holder.Swap(disposed)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => holder.Swap(null!)).Should().Throw<ArgumentNullException>();
        holder.Current.IsDisposed.Should().BeFalse();
    }

    [KataFact]
    public void Concurrent_swaps_free_every_model_but_the_last()
    {
        ServingModel[] models = [.. Enumerable.Range(0, 9).Select(_ => ModelLoader.Load(TrainedModel.V1.Directory, maximumEngines: 1))];
        using var holder = new ModelHolder(models[0]);

        Parallel.For(1, models.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => holder.Swap(models[i]));

        holder.Reloads.Should().Be(8);
        models.Count(m => !m.IsDisposed).Should().Be(1, "each replaced model was released once, and the one served was not");
        holder.Current.IsDisposed.Should().BeFalse();
    }

    [KataFact]
    public async Task A_reload_of_a_bad_folder_keeps_serving_the_old_model()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        string bad = TrainedModel.CopyOfV1();
        File.AppendAllText(ModelFiles.ModelPath(bad), "x");

        RpcException e = (await FluentActions.Awaiting(async () => await host.Client.ReloadAsync(new ReloadRequest { Directory = bad })).Should().ThrowAsync<RpcException>()).Which;

        e.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        ModelInfo info = await host.Client.GetModelInfoAsync(new ModelInfoRequest());
        info.Version.Should().Be("v1");
        info.Reloads.Should().Be(0);
    }
}
