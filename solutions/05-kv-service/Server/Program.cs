using Katas.KvService;

// The Kv service as a program. Settings come from appsettings.json and environment variables (Kv__MaxKeyBytes=...);
// Kestrel's endpoint there binds 127.0.0.1 only. Ctrl+C or SIGTERM stops it gracefully: the host stops accepting
// calls and waits up to HostOptions:ShutdownTimeout for the calls in flight.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
KvLimits limits = builder.Configuration.GetSection("Kv").Get<KvLimits>() ?? new KvLimits();
builder.Services.AddKvService(limits);
builder.Services.AddGrpcHealthChecks().AddCheck("kv", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
builder.Services.AddGrpcReflection();

WebApplication app = builder.Build();
app.MapKvService();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
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
