using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: the service's own instruments, on the meter "Katas.KvService"
/// (System.Diagnostics.Metrics; the server exports them with OpenTelemetry's Prometheus endpoint, beside
/// ASP.NET Core's http.server.request.duration, whose route is the gRPC method).
/// </summary>
public sealed class KvMetrics
{
    public const string MeterName = "Katas.KvService";

    private readonly Histogram<double> _durableWait;
    private readonly UpDownCounter<long> _watches;
    private readonly Counter<long> _watchEvents;
    private readonly Counter<long> _expired;

    public KvMetrics(IMeterFactory meters, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(services);
        Meter meter = meters.Create(MeterName);
        _durableWait = meter.CreateHistogram<double>("kv.write.durable_wait", "s", "How long a write waited for its fsync before its reply (group commit shares one)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1] });
        _watches = meter.CreateUpDownCounter<long>("kv.watch.streams", "{stream}", "Watch streams open");
        _watchEvents = meter.CreateCounter<long>("kv.watch.events", "{event}", "Changes sent to watchers");
        _expired = meter.CreateCounter<long>("kv.expired", "{key}", "Expired keys removed by the sweep");
        // Read when collected: the store and the journal are asked for them lazily, so that collecting metrics
        // never builds the store before the host does.
        meter.CreateObservableGauge("kv.revision", () => services.GetRequiredService<KvStore>().Revision, "{revision}", "The store's latest revision");
        meter.CreateObservableCounter("kv.log.flushes", () => services.GetService<KvJournal>()?.Flushes ?? 0, "{flush}", "fsyncs of the write-ahead log: fewer than writes when group commit works");
        meter.CreateObservableCounter("kv.log.compactions", () => (long)(services.GetService<KvJournal>()?.Compactions ?? 0), "{compaction}", "Snapshots written and log segments retired");
    }

    /// <summary>Starts timing a write's wait for durability; the result records it when disposed.</summary>
    public DurableWait TimeDurableWait() => new(this, Stopwatch.GetTimestamp());

    public void WatchOpened() => _watches.Add(1);

    public void WatchClosed() => _watches.Add(-1);

    public void WatchEventSent() => _watchEvents.Add(1);

    public void Expired(int keys) => _expired.Add(keys);

    /// <summary>A running measurement of one write's wait for its fsync.</summary>
    public readonly struct DurableWait(KvMetrics metrics, long started) : IDisposable
    {
        public void Dispose() => metrics._durableWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
