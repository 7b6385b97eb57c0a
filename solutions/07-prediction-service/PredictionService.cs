using System.Diagnostics;
using Grpc.Core;
using Katas.Prediction.Protocol;
using Microsoft.Extensions.Logging;

namespace Katas.Prediction;

/// <summary>
/// Given code, the same in both trees: the gRPC service. Every call takes one lease on the model being served
/// (<see cref="ModelHolder.Acquire"/>) and validates its features against that model's metadata
/// (<see cref="FeatureValidator"/>): a batch's names once (<c>ValidateNames</c>), then each row. The batch and
/// streaming calls are exercise 7.5 (PredictionService.Batch.cs).
/// </summary>
public sealed partial class PredictionService(ModelHolder holder, PredictionMetrics metrics, PredictionOptions options, ILogger<PredictionService> logger)
    : Predictor.PredictorBase
{
    public override Task<PredictionResult> Predict(Features request, ServerCallContext context)
    {
        long started = Stopwatch.GetTimestamp();
        using ModelLease lease = holder.Acquire();
        ServingModel model = lease.Model;
        float[] vector = Validate(request, model, item: null);
        PredictionResult prediction = ToPrediction(model.Predict(vector), model.Version);
        metrics.Predicted(model.Version, 1, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Task.FromResult(prediction);
    }

    public override Task<ModelInfo> GetModelInfo(ModelInfoRequest request, ServerCallContext context)
    {
        using ModelLease lease = holder.Acquire();
        return Task.FromResult(ToInfo(lease.Model.Schema));
    }

    public override Task<ModelInfo> Reload(ReloadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        string directory = request.Directory.Length > 0 ? request.Directory : options.ModelDirectory;
        string previous = holder.Current.Version;
        ServingModel next;
        try
        {
            // Load and validate first, while the old model keeps serving: a bad folder changes nothing.
            next = ModelLoader.Load(directory, options.MaximumEngines);
        }
        catch (ModelLoadException e)
        {
            PredictionLog.ReloadRefused(logger, directory, e.Message);
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"reload refused, still serving {previous}: {e.Message}"));
        }

        holder.Swap(next);
        metrics.Reloaded();
        PredictionLog.Reloaded(logger, previous, next.Version, next.Schema.ModelSha256);
        return Task.FromResult(ToInfo(next.Schema));
    }

    public override Task<PingReply> Ping(PingRequest request, ServerCallContext context) => Task.FromResult(new PingReply());

    /// <summary>The features of one request (or of item <paramref name="item"/> of a stream), logged and counted when invalid.</summary>
    private float[] Validate(Features request, ServingModel model, int? item)
    {
        try
        {
            return FeatureValidator.ToVector(request, model.Schema.FeatureNames);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw Refused(e, item is int i ? $"item {i}: " : "");
        }
    }

    /// <summary>
    /// A batch's names, checked once for all its rows: where each row's values go (<see cref="FeatureValidator.Positions"/>).
    /// Logged and counted when invalid; the message starts "names: " (no row is at fault).
    /// </summary>
    private int[] ValidateNames(FeaturesBatch request, ServingModel model)
    {
        try
        {
            return FeatureValidator.Positions(request.Names, model.Schema.FeatureNames);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw Refused(e, "names: ");
        }
    }

    /// <summary>Row <paramref name="item"/> of a batch whose names gave <paramref name="positions"/>; when invalid, logged, counted and "item N: " first.</summary>
    private float[] Validate(FeaturesBatch request, int[] positions, int item)
    {
        try
        {
            return FeatureValidator.ToVector(request.Rows[item], request.Names, positions);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw Refused(e, $"item {item}: ");
        }
    }

    /// <summary>Counts and logs a refusal; the exception to throw, its message after <paramref name="prefix"/>.</summary>
    private RpcException Refused(RpcException e, string prefix)
    {
        metrics.Rejected();
        string message = prefix + e.Status.Detail;
        PredictionLog.Rejected(logger, message);
        return new RpcException(new Status(StatusCode.InvalidArgument, message));
    }

    private PredictionResult Predict(Features request, ServingModel model, int item) =>
        ToPrediction(model.Predict(Validate(request, model, item)), model.Version);

    private static PredictionResult ToPrediction(ModelOutput output, string version) => new()
    {
        Label = output.PredictedLabel,
        Probability = output.Probability,
        Score = output.Score,
        ModelVersion = version,
    };

    private ModelInfo ToInfo(ModelSchema schema)
    {
        var info = new ModelInfo
        {
            Version = schema.Version,
            Accuracy = schema.Metrics.Accuracy,
            Auc = schema.Metrics.Auc,
            F1 = schema.Metrics.F1,
            LogLoss = schema.Metrics.LogLoss,
            ModelSha256 = schema.ModelSha256,
            DataSha256 = schema.DataSha256,
            Reloads = holder.Reloads,
        };
        info.FeatureNames.AddRange(schema.FeatureNames);
        return info;
    }
}

/// <summary>Where the service finds its model, and how many idle engines a model keeps.</summary>
public sealed class PredictionOptions
{
    public string ModelDirectory { get; set; } = "";

    /// <summary>0: twice the processor count.</summary>
    public int MaximumEngines { get; set; }
}

/// <summary>The service's log lines, source-generated (no formatting unless the level is on).</summary>
public static partial class PredictionLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Serving model {Version} (SHA-256 {ModelSha256}) from {Directory}")]
    public static partial void Loaded(ILogger logger, string version, string modelSha256, string directory);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Reloaded: model {Previous} replaced by {Version} (SHA-256 {ModelSha256})")]
    public static partial void Reloaded(ILogger logger, string previous, string version, string modelSha256);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Reload of {Directory} refused: {Reason}")]
    public static partial void ReloadRefused(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Debug, Message = "Request rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);
}
