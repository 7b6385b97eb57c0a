// Mistake: the stream is read to its end before the first answer, so a client that waits for each answer waits forever.
using System.Diagnostics;
using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>Exercise 7.5: many predictions per call, in order.</summary>
public sealed partial class PredictionService
{
    /// <summary>
    /// One prediction per row, in the rows' order, all from the same model version (one lease for the call). The
    /// names are checked once (an invalid one fails the call with InvalidArgument, "names: " first), then every row
    /// (an invalid row fails it with "item N: " first, 0-based). No rows: an empty answer, whatever the names.
    /// </summary>
    public override Task<PredictionBatch> PredictBatch(FeaturesBatch request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = new PredictionBatch();
        if (request.Rows.Count == 0)
        {
            return Task.FromResult(reply);
        }

        long started = Stopwatch.GetTimestamp();
        using ModelLease lease = holder.Acquire();
        ServingModel model = lease.Model;
        int[] positions = ValidateNames(request, model);
        // Validate every row before predicting any: a bad row 99 costs no 99 predictions.
        var vectors = new float[request.Rows.Count][];
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = Validate(request, positions, i);
        }

        // Sequential and in order: the index is the answer's identity. (A parallel loop would need an array by index.)
        foreach (float[] vector in vectors)
        {
            reply.Items.Add(ToPrediction(model.Predict(vector), model.Version));
        }

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
        var all = new List<Features>();
        await foreach (Features read in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            all.Add(read); // bug
        }

        foreach (Features request in all)
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
