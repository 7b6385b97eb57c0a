using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Katas.KvService;

/// <summary>Given code, the same in both trees: how a host (the server, the tests' TestServer) wires the service up.</summary>
public static class KvHosting
{
    /// <summary>
    /// Registers gRPC with the error-mapping interceptor, one store on the registered TimeProvider (the system
    /// clock unless a test registered its own first), the background sweep of expired keys, and the limits.
    /// </summary>
    public static IServiceCollection AddKvService(this IServiceCollection services, KvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options => options.Interceptors.Add<ErrorMappingInterceptor>());
        services.AddSingleton(limits ?? new KvLimits());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            KvLimits configured = provider.GetRequiredService<KvLimits>();
            return new KvStore(provider.GetRequiredService<TimeProvider>(), new ChangeFeed(configured.WatchHistory, configured.WatcherBuffer));
        });
        services.AddHostedService<KvSweeper>();
        return services;
    }

    /// <summary>Maps the Kv service's endpoints.</summary>
    public static IEndpointRouteBuilder MapKvService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<KvService>();
        return endpoints;
    }
}
