using Grpc.Net.Client;
using Katas.Prediction.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Katas.Prediction.Tests;

/// <summary>The service in the test process: ASP.NET Core's in-memory TestServer, and a client on a channel to it.</summary>
public sealed class PredictionTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private PredictionTestHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        _channel = channel;
        Client = new Predictor.PredictorClient(channel);
    }

    public Predictor.PredictorClient Client { get; }

    public ModelHolder Holder => _app.Services.GetRequiredService<ModelHolder>();

    /// <summary>Starts the service on <paramref name="modelDirectory"/>; throws what the start-up throws.</summary>
    public static async Task<PredictionTestHost> StartAsync(string modelDirectory)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddPredictionService(new PredictionOptions { ModelDirectory = modelDirectory, MaximumEngines = 4 });
        WebApplication app = builder.Build();
        app.MapPredictionService();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = app.GetTestServer().CreateHandler(),
        });
        return new PredictionTestHost(app, channel);
    }

    /// <summary>A request for a held-out row: every feature by name, in the order <paramref name="order"/> gives (default: the model's).</summary>
    public static Features Request(float[] values, IReadOnlyList<string> names, IEnumerable<int>? order = null)
    {
        var request = new Features();
        foreach (int i in order ?? Enumerable.Range(0, names.Count))
        {
            request.Values.Add(new Feature { Name = names[i], Value = values[i] });
        }

        return request;
    }

    /// <summary>
    /// A batch of held-out rows as a table: the names once, in the order <paramref name="order"/> gives (default:
    /// the model's), then each row's values in the names' order.
    /// </summary>
    public static FeaturesBatch Batch(IEnumerable<float[]> rows, IReadOnlyList<string> names, IEnumerable<int>? order = null)
    {
        int[] columns = [.. order ?? Enumerable.Range(0, names.Count)];
        var batch = new FeaturesBatch();
        batch.Names.AddRange(columns.Select(i => names[i]));
        foreach (float[] values in rows)
        {
            var row = new Row();
            row.Values.AddRange(columns.Select(i => values[i]));
            batch.Rows.Add(row);
        }

        return batch;
    }

    /// <summary>0..count-1 shuffled with a fixed seed: the same order in every run.</summary>
    public static int[] Shuffled(int count, int seed)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        new Random(seed).Shuffle(order);
        return order;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
