using System.Diagnostics.Metrics;

namespace Katas.Prediction;

/// <summary>Given code, the same in both trees: the service's instruments (System.Diagnostics.Metrics).</summary>
public sealed class PredictionMetrics
{
    public const string MeterName = "Katas.Prediction";

    private readonly Counter<long> _predictions;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _reloads;

    public PredictionMetrics(IMeterFactory meters, ModelHolder holder)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(holder);
        Meter meter = meters.Create(MeterName);
        _predictions = meter.CreateCounter<long>("katas.prediction.predictions", "{prediction}", "Predictions made, by model version.");
        _rejected = meter.CreateCounter<long>("katas.prediction.rejected", "{request}", "Requests refused as invalid.");
        _latency = meter.CreateHistogram<double>("katas.prediction.duration", "ms", "Time to validate and predict one request (a batch counts once).");
        _reloads = meter.CreateCounter<long>("katas.prediction.reloads", "{reload}", "Models swapped in.");
        meter.CreateObservableGauge("katas.prediction.model", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", holder.Current.Version)), "{model}", "The model version being served (as a tag).");
    }

    public void Predicted(string version, int count, double milliseconds)
    {
        _predictions.Add(count, new KeyValuePair<string, object?>("version", version));
        _latency.Record(milliseconds);
    }

    public void Rejected() => _rejected.Add(1);

    public void Reloaded() => _reloads.Add(1);
}
