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
    /// With a <see cref="KvStorageOptions.DataDirectory"/>, the store is durable: its journal is read back on
    /// start (before the server listens: the sweep, a hosted service, asks for the store) and logs every write.
    /// </summary>
    public static IServiceCollection AddKvService(this IServiceCollection services, KvLimits? limits = null, KvStorageOptions? storage = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options => options.Interceptors.Add<ErrorMappingInterceptor>());
        services.AddSingleton(limits ?? new KvLimits());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<KvMetrics>();
        if (!string.IsNullOrEmpty(storage?.DataDirectory))
        {
            // A singleton the container disposes on shutdown: DisposeAsync drains the log.
            services.AddSingleton(_ => KvJournal.Open(storage));
        }

        services.AddSingleton(provider =>
        {
            KvLimits configured = provider.GetRequiredService<KvLimits>();
            KvJournal? journal = provider.GetService<KvJournal>();
            var feed = new ChangeFeed(configured.WatchHistory, configured.WatcherBuffer, journal?.RecoveredRevision ?? 0);
            var store = new KvStore(provider.GetRequiredService<TimeProvider>(), feed, journal);
            if (journal is not null)
            {
                foreach (KvEntry entry in journal.Recovered)
                {
                    store.Restore(entry);
                }

                journal.ReleaseRecovered();
            }

            return store;
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
