// Mistake: a parallel loop into a ConcurrentBag answers every item, in whatever order the bag gives back.
using System.Diagnostics;
using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>Exercise 7.5: many predictions per call, in order.</summary>
public sealed partial class PredictionService
{
    /// <summary>
    /// One prediction per item, in the items' order, all from the same model version (one lease for the call).
    /// An invalid item fails the whole call with InvalidArgument, its message starting "item N: " (0-based).
    /// </summary>
    public override Task<PredictionBatch> PredictBatch(FeaturesBatch request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        long started = Stopwatch.GetTimestamp();
        using ModelLease lease = holder.Acquire();
        ServingModel model = lease.Model;
        // Validate every item before predicting any: a bad item 99 costs no 99 predictions.
        var vectors = new float[request.Items.Count][];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = Validate(request.Items[i], model, i);
        }

        var bag = new System.Collections.Concurrent.ConcurrentBag<PredictionResult>();
        Parallel.ForEach(vectors, vector => bag.Add(ToPrediction(model.Predict(vector), model.Version)));
        var reply = new PredictionBatch();
        reply.Items.AddRange(bag); // bug

        metrics.Predicted(model.Version, vectors.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.FromResult(reply);
    }

    /// <summary>
    /// Answers each message as it arrives, in order: the client may wait for an answer before it sends the next.
    /// Each message takes its own lease, so a long stream moves to a reloaded model. An invalid message ends the
    /// call with InvalidArgument, "item N: " (0-based) first, after the answers to the messages before it.
    /// </summary>
    public override async Task PredictStream(IAsyncStreamReader<Features> requestStream, IServerStreamWriter<PredictionResult> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        int item = 0;
        await foreach (Features request in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            long started = Stopwatch.GetTimestamp();
            PredictionResult prediction;
            string version;
            using (ModelLease lease = holder.Acquire())
            {
                prediction = Predict(request, lease.Model, item);
                version = lease.Model.Version;
            }

            // Written outside the lease: a slow client must not keep an old model alive.
            await responseStream.WriteAsync(prediction, context.CancellationToken).ConfigureAwait(false);
            metrics.Predicted(version, 1, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            item++;
        }
    }
}
