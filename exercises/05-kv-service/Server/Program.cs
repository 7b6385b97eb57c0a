using Katas.KvService;

// The Kv service as a program. Settings come from appsettings.json and environment variables (Kv__MaxKeyBytes=...,
// Kv__Storage__DataDirectory=/data);
// Kestrel's endpoint there binds 127.0.0.1 only. Ctrl+C or SIGTERM stops it gracefully: the host stops accepting
// calls and waits up to HostOptions:ShutdownTimeout for the calls in flight.
// appsettings.json is read from beside the program, whatever the current folder.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
KvLimits limits = builder.Configuration.GetSection("Kv").Get<KvLimits>() ?? new KvLimits();
// With Kv:Storage:DataDirectory set, every acknowledged write is on disk and the store is read back on start.
KvStorageOptions storage = builder.Configuration.GetSection("Kv:Storage").Get<KvStorageOptions>() ?? new KvStorageOptions();
builder.Services.AddKvService(limits, storage);
builder.Services.AddGrpcHealthChecks().AddCheck<KvHealthCheck>("kv");
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
