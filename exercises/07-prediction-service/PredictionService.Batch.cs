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
        // TODO: answer every row, answer i for row i, all from one model (take one lease for the whole call). Check
        // the names once, then every row before predicting any: the given helpers log, count and prefix a refusal
        // ("names: ", "item N: "). A batch without rows gets an empty answer. Record the call in the metrics.
        throw new NotImplementedException("Exercise 7.5 (PredictionService.PredictBatch) is not solved yet. Hint: dotnet run --project grader -- hint 7.5");
    }

    /// <summary>
    /// Answers each message as it arrives, in order: the client may wait for an answer before it sends the next.
    /// Each message takes its own lease, so a long stream moves to a reloaded model. An invalid message ends the
    /// call with InvalidArgument, "item N: " (0-based) first, after the answers to the messages before it.
    /// </summary>
    public override Task PredictStream(IAsyncStreamReader<Features> requestStream, IServerStreamWriter<PredictionResult> responseStream, ServerCallContext context)
    {
        // TODO: read the messages one by one and write each one's answer before reading the next (never wait for
        // the end of the client's stream). A lease per message, released before the write. An invalid message ends
        // the call with InvalidArgument "item N: ..." once the earlier answers are written. Record each answer in
        // the metrics.
        throw new NotImplementedException("Exercise 7.5 (PredictionService.PredictStream) is not solved yet. Hint: dotnet run --project grader -- hint 7.5");
    }
}
