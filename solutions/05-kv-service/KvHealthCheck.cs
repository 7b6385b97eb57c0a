using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: what grpc.health.v1 reports. Serving, unless the log failed: then the
/// store refuses writes, and a load balancer or an orchestrator should send clients elsewhere.
/// </summary>
public sealed class KvHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(services.GetService<KvJournal>()?.Failure is { } failure
            ? HealthCheckResult.Unhealthy("The log failed; the store takes no more writes.", failure)
            : HealthCheckResult.Healthy());
}
