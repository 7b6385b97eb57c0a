using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.Tests;

[Exercise("7.5", "Batch and streaming predictions, in order", Points = 10, StudentFiles = "PredictionService.Batch.cs", BuildsOn = "7.2,7.3,7.4", Hint = """
    A batch answers many rows in one call; a stream answers rows as they come. In both, the only thing that ties an
    answer to its question is its position. What must hold for the answers' order, which model version may answer
    one batch, and when must a streamed answer leave: after its own message, or after the whole stream?
    """, MoreHint = """
    PredictBatch: an empty answer when request.Rows is empty; otherwise one holder.Acquire() lease for the call,
    ValidateNames(request, model) once for the positions, Validate(request, positions, i) for every row first, then
    ToPrediction(model.Predict(vector), model.Version) in a plain loop. PredictStream: await foreach over
    requestStream.ReadAllAsync(context.CancellationToken), a lease per message, Predict(request, model, item), then
    responseStream.WriteAsync before reading the next. The hidden tests also send an empty batch, names without
    rows, names in another order, a row too short or too long, a NaN or an infinity in a row, a name repeated,
    unknown or missing, a stream that fails at item 2 (the answers before it must arrive), and 100 messages at once.
    """, Recap = """
    Order is the identity of a batch's answers; a stream answers as it reads, so the client sets the pace and memory
    stays bounded (the Rust plan: tonic's Streaming<T> and an mpsc channel into the response stream).
    """)]
public sealed class BatchTests
{
    private static IReadOnlyList<string> Names => TrainedModel.V1.Schema.FeatureNames;

    [KataFact]
    public async Task Predict_over_grpc_equals_the_trainers_predictions_exactly()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);

        for (int i = 0; i < TrainedModel.V1.HeldOut.Count; i++)
        {
            HeldOutPrediction row = TrainedModel.V1.HeldOut[i];
            PredictionResult answer = await host.Client.PredictAsync(PredictionTestHost.Request(row.Features, Names, PredictionTestHost.Shuffled(Names.Count, i)));
            answer.Probability.Should().Be(row.Probability, $"held-out row {i}: the server's float is the trainer's, bit for bit");
            answer.Label.Should().Be(row.PredictedLabel);
            answer.ModelVersion.Should().Be("v1");
        }
    }

    [KataFact]
    public async Task A_batch_is_answered_in_order_with_the_trainers_predictions()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        FeaturesBatch batch = PredictionTestHost.Batch(TrainedModel.V1.HeldOut.Select(r => r.Features), Names);

        PredictionBatch answer = await host.Client.PredictBatchAsync(batch);

        answer.Items.Select(p => p.Probability).Should().Equal(TrainedModel.V1.HeldOut.Select(r => r.Probability),
            "answer i is the prediction for row i, exactly the trainer's");
        answer.Items.Should().OnlyContain(p => p.ModelVersion == "v1");
    }

    [KataFact]
    public async Task An_invalid_row_fails_the_batch_naming_it_and_the_service_stays_up()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        FeaturesBatch batch = PredictionTestHost.Batch(TrainedModel.V1.HeldOut.Take(5).Select(r => r.Features), Names);
        batch.Rows[3].Values[7] = float.NaN;

        RpcException e = (await FluentActions.Awaiting(async () => await host.Client.PredictBatchAsync(batch)).Should().ThrowAsync<RpcException>()).Which;

        e.StatusCode.Should().Be(StatusCode.InvalidArgument);
        e.Status.Detail.Should().StartWith("item 3: ", "the client must learn which row to fix").And.Contain(Names[7]);
        PredictionResult after = await host.Client.PredictAsync(PredictionTestHost.Request(TrainedModel.V1.HeldOut[0].Features, Names));
        after.Probability.Should().Be(TrainedModel.V1.HeldOut[0].Probability, "a refused request does not hurt the service");
    }

    [KataFact]
    public async Task A_stream_answers_each_message_before_the_next_arrives()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using AsyncDuplexStreamingCall<Features, PredictionResult> call = host.Client.PredictStream(cancellationToken: bound.Token);

        for (int i = 0; i < 20; i++)
        {
            HeldOutPrediction row = TrainedModel.V1.HeldOut[i];
            await call.RequestStream.WriteAsync(PredictionTestHost.Request(row.Features, Names));
            bool answered;
            try
            {
                answered = await call.ResponseStream.MoveNext(bound.Token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
            {
                answered = false;
            }

            answered.Should().BeTrue($"message {i} gets its answer while the stream is still open (answer as you read, don't wait for the end)");
            call.ResponseStream.Current.Probability.Should().Be(row.Probability, $"answer {i} is for message {i}");
        }

        await call.RequestStream.CompleteAsync();
        (await call.ResponseStream.MoveNext(bound.Token)).Should().BeFalse("the call ends when the client's stream does");
    }
}
