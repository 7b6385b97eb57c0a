using Grpc.Net.Client;
using Katas.KvService.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Katas.KvService.Tests;

/// <summary>The service in the test process: ASP.NET Core's in-memory TestServer, and a client on a channel to it.</summary>
public sealed class KvTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private KvTestHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        _channel = channel;
        Client = new Kv.KvClient(channel);
    }

    public Kv.KvClient Client { get; }

    public KvStore Store => _app.Services.GetRequiredService<KvStore>();

    /// <summary>Starts the service; <paramref name="time"/> (a FakeTimeProvider) replaces the system clock.</summary>
    public static async Task<KvTestHost> StartAsync(KvLimits? limits = null, TimeProvider? time = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddKvService(limits);
        WebApplication app = builder.Build();
        app.MapKvService();
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = app.GetTestServer().CreateHandler(),
        });
        return new KvTestHost(app, channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
