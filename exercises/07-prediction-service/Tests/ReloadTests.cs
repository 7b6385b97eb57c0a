using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.Tests;

[Exercise("7.6", "Hot reload without failing a request", Points = 10, StudentFiles = "ModelHolder.cs", BuildsOn = "7.2,7.3,7.4", Hint = """
    A reload replaces the model while requests are using it. Which requests may see the new model, which must finish
    on the old one, and when is it safe to dispose the old one? Every request holds a lease (ModelHolder.Acquire,
    given): what does the holder itself still own, and what should it do with it after the swap?
    """, MoreHint = """
    Interlocked.Exchange(ref _current, next) publishes the new model and returns the old one in one step; count the
    reload (Interlocked.Increment on _reloads); then old.Release(), the holder's reference, never old.Dispose(): the
    last lease to end disposes it. The hidden tests also swap in the model already served, a disposed model, null,
    and swap from several threads at once.
    """, Recap = """
    An atomic reference swap plus reference counting: readers never block, never see a half-built model, and the old
    one is freed after its last reader (the Rust plan: arc-swap's ArcSwap<Model>, where Arc's count does the rest).
    """)]
public sealed class ReloadTests
{
    private static IReadOnlyList<string> Names => TrainedModel.V1.Schema.FeatureNames;

    [KataFact]
    public void Swap_serves_the_new_model_and_counts_the_reload()
    {
        using var holder = new ModelHolder(ModelLoader.Load(TrainedModel.V1.Directory));

        holder.Swap(ModelLoader.Load(TrainedModel.CopyAs("v2")));

        holder.Current.Version.Should().Be("v2", "new requests get the new model");
        holder.Reloads.Should().Be(1, "the holder counts its reloads (GetModelInfo reports them)");
        using ModelLease lease = holder.Acquire();
        lease.Model.Version.Should().Be("v2");
    }

    [KataFact]
    public void A_request_in_flight_finishes_on_the_old_model_which_is_freed_after_it()
    {
        using var holder = new ModelHolder(ModelLoader.Load(TrainedModel.V1.Directory));
        ModelLease inFlight = holder.Acquire();
        ServingModel old = inFlight.Model;

        holder.Swap(ModelLoader.Load(TrainedModel.CopyAs("v2")));

        old.IsDisposed.Should().BeFalse("a request still holds the old model: disposing it now would fail that request");
        old.Predict(TrainedModel.V1.HeldOut[0].Features).Probability.Should().Be(TrainedModel.V1.HeldOut[0].Probability);
        inFlight.Dispose();
        old.IsDisposed.Should().BeTrue("once its last request is done the old model is disposed: release the holder's reference in Swap");
        holder.Current.IsDisposed.Should().BeFalse("the new model is the one being served");
    }

    [KataFact]
    public async Task Reloading_under_load_fails_no_request()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        string[] folders = [TrainedModel.CopyAs("v2"), TrainedModel.V1.Directory];
        HeldOutPrediction[] rows = [.. TrainedModel.V1.HeldOut];
        long requests = 0;
        long failures = 0;
        string? firstFailure = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        // Bounded in time (2 s) and count (3,000 requests per client); reloads run until the clients stop.
        Task[] clients = [.. Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (int i = 0; i < 3_000 && !stop.IsCancellationRequested; i++)
            {
                HeldOutPrediction row = rows[(i + c) % rows.Length];
                try
                {
                    PredictionResult answer = await host.Client.PredictAsync(PredictionTestHost.Request(row.Features, Names));
                    if (answer.Probability != row.Probability || answer.ModelVersion is not ("v1" or "v2"))
                    {
                        throw new InvalidOperationException($"got {answer.Probability} from {answer.ModelVersion}, expected {row.Probability}");
                    }
                }
                catch (Exception e) when (e is RpcException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }

                Interlocked.Increment(ref requests);
            }
        }))];
        Task all = Task.WhenAll(clients);
        int reloads = 0;
        while (!all.IsCompleted && reloads < 100)
        {
            ModelInfo info = await host.Client.ReloadAsync(new ReloadRequest { Directory = folders[reloads % 2] });
            info.Version.Should().Be(reloads % 2 == 0 ? "v2" : "v1", "Reload reports the version it swapped in");
            reloads++;
        }

        await all;

        failures.Should().Be(0, $"no request may fail during a reload (first failure: {firstFailure})");
        reloads.Should().BePositive();
        requests.Should().BePositive();
        (await host.Client.GetModelInfoAsync(new ModelInfoRequest())).Reloads.Should().Be(reloads, "GetModelInfo reports every reload");
    }
}
