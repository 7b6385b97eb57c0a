using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

/// <summary>
/// <c>dotnet Katas.Prediction.Server.dll health</c>: asks grpc.health.v1 of the server that the same configuration
/// starts (appsettings.json, environment, command line) and exits 0 only when it answers SERVING. The container's
/// HEALTHCHECK runs it: the runtime image has no gRPC client of its own.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        // Kestrel also binds every interface for * and +, which Uri does not parse: read them as 0.0.0.0.
        string? url = configuration["Kestrel:Endpoints:Grpc:Url"]?.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal)
            .Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? bound))
        {
            await Console.Error.WriteLineAsync($"health: Kestrel:Endpoints:Grpc:Url is not an address: '{url}'");
            return 1;
        }

        // A server bound to every interface is asked on the loopback one.
        var address = new UriBuilder(bound) { Host = bound.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : bound.Host }.Uri;
        using GrpcChannel channel = GrpcChannel.ForAddress(address);
        try
        {
            HealthCheckResponse response = await new Health.HealthClient(channel)
                .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(3));
            Console.WriteLine($"{address}: {response.Status}");
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
        }
        catch (RpcException e)
        {
            await Console.Error.WriteLineAsync($"{address}: {e.Status.StatusCode} {e.Status.Detail}");
            return 1;
        }
    }
}
