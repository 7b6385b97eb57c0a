using Grpc.Core;
using Katas.Prediction.Protocol;
using Katas.Prediction.Tests;

namespace Katas.Prediction.HiddenTests;

[HiddenTests("7.5")]
public sealed class BatchHiddenTests
{
    private static IReadOnlyList<string> Names => TrainedModel.V1.Schema.FeatureNames;

    [KataFact]
    public async Task An_empty_batch_gets_an_empty_answer()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);

        (await host.Client.PredictBatchAsync(new FeaturesBatch())).Items.Should().BeEmpty();
    }

    [KataFact]
    public async Task A_batch_of_shuffled_features_is_still_in_item_order()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        var batch = new FeaturesBatch();
        batch.Items.AddRange(TrainedModel.V1.HeldOut.Select((r, i) => PredictionTestHost.Request(r.Features, Names, PredictionTestHost.Shuffled(Names.Count, i))));

        PredictionBatch answer = await host.Client.PredictBatchAsync(batch);

        answer.Items.Select(p => p.Probability).Should().Equal(TrainedModel.V1.HeldOut.Select(r => r.Probability));
    }

    [KataFact]
    public async Task A_stream_that_fails_at_item_2_answers_the_items_before_it()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using AsyncDuplexStreamingCall<Features, PredictionResult> call = host.Client.PredictStream(cancellationToken: bound.Token);
        for (int i = 0; i < 4; i++)
        {
            Features request = PredictionTestHost.Request(TrainedModel.V1.HeldOut[i].Features, Names);
            if (i == 2)
            {
                request.Values.RemoveAt(0);
            }

            await call.RequestStream.WriteAsync(request);
        }

        await call.RequestStream.CompleteAsync();
        var answers = new List<float>();
        RpcException? failure = null;
        try
        {
            while (await call.ResponseStream.MoveNext(bound.Token))
            {
                answers.Add(call.ResponseStream.Current.Probability);
            }
        }
        catch (RpcException e)
        {
            failure = e;
        }

        answers.Should().Equal([TrainedModel.V1.HeldOut[0].Probability, TrainedModel.V1.HeldOut[1].Probability], "items 0 and 1 are answered before item 2 fails the call");
        failure.Should().NotBeNull("an invalid message ends the stream with an error");
        failure!.StatusCode.Should().Be(StatusCode.InvalidArgument);
        failure.Status.Detail.Should().StartWith("item 2: ");
    }

    [KataFact]
    public async Task A_stream_of_100_messages_sent_at_once_is_answered_in_order()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        using AsyncDuplexStreamingCall<Features, PredictionResult> call = host.Client.PredictStream();
        HeldOutPrediction[] rows = [.. Enumerable.Range(0, 100).Select(i => TrainedModel.V1.HeldOut[i % TrainedModel.V1.HeldOut.Count])];

        Task<List<float>> reading = Task.Run(async () =>
        {
            var got = new List<float>();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                got.Add(call.ResponseStream.Current.Probability);
            }

            return got;
        });
        foreach (HeldOutPrediction row in rows)
        {
            await call.RequestStream.WriteAsync(PredictionTestHost.Request(row.Features, Names));
        }

        await call.RequestStream.CompleteAsync();

        (await reading).Should().Equal(rows.Select(r => r.Probability));
    }
}
