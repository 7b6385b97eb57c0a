using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Katas.Prediction;

/// <summary>Given code, the same in both trees: how a host (the server, the tests' TestServer) wires the service up.</summary>
public static class PredictionHosting
{
    /// <summary>
    /// Registers gRPC, the model holder, the metrics and a start-up check. The model is loaded and validated by
    /// a hosted service that runs before the server listens: a missing or invalid model makes the host's start
    /// throw <see cref="ModelLoadException"/> (fail fast), so no request ever meets an unvalidated model.
    /// </summary>
    public static IServiceCollection AddPredictionService(this IServiceCollection services, PredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddGrpc();
        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            ServingModel model = ModelLoader.Load(options.ModelDirectory, options.MaximumEngines);
            ILogger logger = provider.GetRequiredService<ILogger<ModelHolder>>();
            PredictionLog.Loaded(logger, model.Version, model.Schema.ModelSha256, options.ModelDirectory);
            // The container disposes the holder on shutdown, after the server drained its calls.
            return new ModelHolder(model);
        });
        services.AddMetrics();
        services.AddSingleton<PredictionMetrics>();
        services.AddHostedService<ModelStartup>();
        return services;
    }

    /// <summary>Maps the Predictor service.</summary>
    public static IEndpointRouteBuilder MapPredictionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<PredictionService>();
        return endpoints;
    }

    /// <summary>Loads the model during the host's start (hosted services start before the server listens).</summary>
    private sealed class ModelStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<ModelHolder>();
            _ = services.GetRequiredService<PredictionMetrics>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Healthy while a model is served: for the gRPC health service and an orchestrator's probe.</summary>
public sealed class ModelHealthCheck(ModelHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ServingModel model = holder.Current;
        return Task.FromResult(model.IsDisposed
            ? HealthCheckResult.Unhealthy($"model {model.Version} is disposed")
            : HealthCheckResult.Healthy($"serving model {model.Version}"));
    }
}
