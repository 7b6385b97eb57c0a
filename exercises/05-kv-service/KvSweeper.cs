using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: the background half of expiry (5.5). Reads hide an expired key at once
/// (lazy expiry); this service removes such keys every <see cref="KvLimits.SweepInterval"/>, a bounded batch per
/// call, so the memory of keys nobody reads again comes back without one long hold of the store's lock.
/// </summary>
public sealed partial class KvSweeper(KvStore store, KvLimits limits, TimeProvider time, KvMetrics metrics, ILogger<KvSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer runs on the store's clock: a test's fake clock drives it, and no test sleeps.
        using var timer = new PeriodicTimer(limits.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A full batch means more may be due: go on, letting other callers take the lock in between.
                int removed;
                do
                {
                    removed = store.SweepExpired(limits.SweepBatch);
                    metrics.Expired(removed);
                    await Task.Yield();
                }
                while (removed == limits.SweepBatch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (NotImplementedException)
        {
            // Exercise 5.5 is not solved yet: expired keys are then never reclaimed, and the service goes on.
            Log.SweepNotImplemented(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "KvStore.SweepExpired is not implemented yet (exercise 5.5): expired keys are not swept")]
        public static partial void SweepNotImplemented(ILogger logger);
    }
}
