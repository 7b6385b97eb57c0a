using System.Globalization;
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
    public async Task Names_without_rows_get_an_empty_answer()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);

        (await host.Client.PredictBatchAsync(PredictionTestHost.Batch([], Names))).Items.Should().BeEmpty();
    }

    [KataFact]
    public async Task Names_in_another_order_still_give_the_trainers_predictions_in_row_order()
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        FeaturesBatch batch = PredictionTestHost.Batch(TrainedModel.V1.HeldOut.Select(r => r.Features), Names, PredictionTestHost.Shuffled(Names.Count, 7));

        PredictionBatch answer = await host.Client.PredictBatchAsync(batch);

        answer.Items.Select(p => p.Probability).Should().Equal(TrainedModel.V1.HeldOut.Select(r => r.Probability),
            "the names place each column: the order of the columns is the client's choice");
    }

    [KataTheory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_row_with_too_few_or_too_many_values_fails_the_batch_naming_it(int extra)
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        FeaturesBatch batch = PredictionTestHost.Batch(TrainedModel.V1.HeldOut.Take(5).Select(r => r.Features), Names);
        if (extra < 0)
        {
            batch.Rows[2].Values.RemoveAt(0);
        }
        else
        {
            batch.Rows[2].Values.Add(1f);
        }

        string detail = await Refusal(host, batch);

        detail.Should().StartWith("item 2: ").And.Contain(Names.Count.ToString(CultureInfo.InvariantCulture))
            .And.Contain((Names.Count + extra).ToString(CultureInfo.InvariantCulture), "the message says how many values the names ask for and how many came");
    }

    [KataTheory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task A_non_finite_value_in_a_row_is_refused_naming_its_feature(float value)
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        int[] order = PredictionTestHost.Shuffled(Names.Count, 3);
        FeaturesBatch batch = PredictionTestHost.Batch(TrainedModel.V1.HeldOut.Take(5).Select(r => r.Features), Names, order);
        batch.Rows[4].Values[5] = value;

        string detail = await Refusal(host, batch);

        detail.Should().StartWith("item 4: ").And.Contain($"'{Names[order[5]]}'", "value 5 of a row is the value of the batch's name 5");
    }

    [KataTheory]
    [InlineData("repeated")]
    [InlineData("unknown")]
    [InlineData("missing")]
    public async Task A_wrong_name_fails_the_batch_naming_the_name(string kind)
    {
        await using PredictionTestHost host = await PredictionTestHost.StartAsync(TrainedModel.V1.Directory);
        FeaturesBatch batch = PredictionTestHost.Batch(TrainedModel.V1.HeldOut.Take(3).Select(r => r.Features), Names);
        string named;
        switch (kind)
        {
            case "repeated":
                named = Names[4];
                batch.Names[3] = named;
                break;
            case "unknown":
                named = "volume";
                batch.Names[3] = named;
                break;
            default:
                named = Names[3];
                batch.Names.RemoveAt(3);
                foreach (Row row in batch.Rows)
                {
                    row.Values.RemoveAt(3);
                }

                break;
        }

        string detail = await Refusal(host, batch);

        detail.Should().StartWith("names: ", "no row is at fault: the names are").And.Contain($"'{named}'");
    }

    private static async Task<string> Refusal(PredictionTestHost host, FeaturesBatch batch)
    {
        RpcException e = (await FluentActions.Awaiting(async () => await host.Client.PredictBatchAsync(batch)).Should().ThrowAsync<RpcException>()).Which;
        e.StatusCode.Should().Be(StatusCode.InvalidArgument);
        return e.Status.Detail;
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
