using Katas.Prediction;
using OpenTelemetry.Metrics;

// The prediction service as a program. Prediction:ModelDirectory (appsettings.json, --Prediction:ModelDirectory=...,
// or Prediction__ModelDirectory=...) names the folder the trainer wrote. Start-up fails, naming the problem, when the
// model is missing or invalid: the model is loaded before Kestrel listens. Ctrl+C or SIGTERM stops it gracefully
// (calls in flight finish, up to HostOptions:ShutdownTimeout), then the model is disposed.
// appsettings.json is read from beside the program, whatever the current folder; a relative model folder is the
// current folder's.
// `health` instead runs the container's health probe (HealthProbe.cs) against the server this configuration starts.
if (args is ["health", .. string[] probeArgs])
{
    return await HealthProbe.RunAsync(probeArgs);
}

WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
PredictionOptions options = builder.Configuration.GetSection("Prediction").Get<PredictionOptions>() ?? new PredictionOptions();
options.ModelDirectory = Path.GetFullPath(options.ModelDirectory);
builder.Services.AddPredictionService(options);
builder.Services.AddGrpcHealthChecks().AddCheck<ModelHealthCheck>("model");
builder.Services.AddGrpcReflection();
// Metrics as Prometheus text at /metrics on the HTTP/1.1 endpoint: prediction counts by version, the latency
// histogram, reloads and the version served, with ASP.NET Core's request durations per gRPC method.
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(PredictionMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
    .AddPrometheusExporter());

WebApplication app = builder.Build();
app.MapPredictionService();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.MapPrometheusScrapingEndpoint();
app.Lifetime.ApplicationStarted.Register(() => ServerLog.Started(app.Logger, app.Urls));
app.Lifetime.ApplicationStopping.Register(() => ServerLog.Stopping(app.Logger));
try
{
    await app.RunAsync();
    return 0;
}
catch (ModelLoadException e)
{
    ServerLog.RefusedToStart(app.Logger, e.Message);
    return 1;
}

/// <summary>The server's own log lines, source-generated.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Prediction service listening on {Urls}")]
    public static partial void Started(ILogger logger, ICollection<string> urls);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Prediction service stopping: draining calls in flight")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 712, Level = LogLevel.Critical, Message = "Prediction service refused to start: {Reason}")]
    public static partial void RefusedToStart(ILogger logger, string reason);
}
