using Katas.KvService;
using OpenTelemetry.Metrics;

// The Kv service as a program. Settings come from appsettings.json and environment variables (Kv__MaxKeyBytes=...,
// Kv__Storage__DataDirectory=/data);
// Kestrel's endpoints there bind 127.0.0.1 only. Ctrl+C or SIGTERM stops it gracefully: the host stops accepting
// calls, ends every watch (with the revision to resume from) and waits up to HostOptions:ShutdownTimeout for the
// calls in flight; then the log is flushed and closed.
// appsettings.json is read from beside the program, whatever the current folder.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
KvLimits limits = builder.Configuration.GetSection("Kv").Get<KvLimits>() ?? new KvLimits();
// With Kv:Storage:DataDirectory set, every acknowledged write is on disk and the store is read back on start.
KvStorageOptions storage = builder.Configuration.GetSection("Kv:Storage").Get<KvStorageOptions>() ?? new KvStorageOptions();
builder.Services.AddKvService(limits, storage);
builder.Services.AddGrpcHealthChecks().AddCheck<KvHealthCheck>("kv");
builder.Services.AddGrpcReflection();
// Metrics as Prometheus text at /metrics, on the HTTP/1.1 endpoint "Metrics" (a scraper speaks HTTP/1.1; the gRPC
// endpoint is HTTP/2 only): the service's own meter, and ASP.NET Core's request durations by route (the gRPC
// method) and Kestrel's connections.
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(KvMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
    .AddPrometheusExporter());

WebApplication app = builder.Build();
app.MapKvService();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.MapPrometheusScrapingEndpoint();
app.Lifetime.ApplicationStarted.Register(() => ServerLog.Started(app.Logger, app.Urls));
app.Lifetime.ApplicationStopping.Register(() => ServerLog.Stopping(app.Logger));
await app.RunAsync();

/// <summary>The server's own log lines, source-generated.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Kv service listening on {Urls}")]
    public static partial void Started(ILogger logger, ICollection<string> urls);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Kv service stopping: draining calls in flight")]
    public static partial void Stopping(ILogger logger);
}
