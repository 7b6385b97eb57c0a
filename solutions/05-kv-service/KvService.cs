using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Katas.KvService.Protocol;
using Microsoft.Extensions.Hosting;

namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: the gRPC face of the service. It validates each request (5.2), calls the
/// store (5.1, 5.3, 5.4, 5.5) and translates the result into messages; failures are exceptions that
/// ErrorMappingInterceptor (5.2) turns into statuses. Watch (5.6) streams the store's change feed.
/// </summary>
public sealed class KvService(KvStore store, KvLimits limits, IHostApplicationLifetime lifetime, KvMetrics metrics) : Kv.KvBase
{
    public override async Task<PutResponse> Put(PutRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        KvRequestValidator.ValidateKey(request.Key, limits);
        KvRequestValidator.ValidateValue(request.Value.Span, limits);
        TimeSpan? ttl = TimeToLive(request);
        KvEntry entry = ttl is null ? store.Put(request.Key, request.Value.Span) : store.Put(request.Key, request.Value.Span, ttl);
        await DurableAsync(entry.Revision, context);
        return new PutResponse { Version = entry.Version, Revision = entry.Revision };
    }

    public override Task<GetResponse> Get(GetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        KvRequestValidator.ValidateKey(request.Key, limits);
        KvEntry entry = store.Get(request.Key) ?? throw new KeyNotFoundException($"Key '{request.Key}' does not exist.");
        return Task.FromResult(new GetResponse { Value = ByteString.CopyFrom(entry.Value.Span), Version = entry.Version });
    }

    public override async Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        KvRequestValidator.ValidateKey(request.Key, limits);
        if (!store.Delete(request.Key))
        {
            throw new KeyNotFoundException($"Key '{request.Key}' does not exist.");
        }

        // Delete reports no revision of its own; the store's, read after it, is the delete's or a later one's,
        // and a later one durable means the delete is too (the log is written in revision order).
        long revision = store.Revision;
        await DurableAsync(revision, context);
        return new DeleteResponse { Revision = revision };
    }

    public override async Task<CompareAndSwapResponse> CompareAndSwap(CompareAndSwapRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        KvRequestValidator.ValidateKey(request.Key, limits);
        KvRequestValidator.ValidateValue(request.Value.Span, limits);
        KvRequestValidator.ValidateVersion(request.ExpectedVersion);

        KvEntry entry = store.CompareAndSwap(request.Key, request.ExpectedVersion, request.Value.Span);
        await DurableAsync(entry.Revision, context);
        return new CompareAndSwapResponse { Version = entry.Version, Revision = entry.Revision };
    }

    public override Task<ListResponse> List(ListRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize < 0)
        {
            throw Invalid("page_size", "must not be negative.");
        }

        // 0 asks for the default; more than the limit gets the limit (as Google's API guidelines advise).
        int pageSize = request.PageSize == 0 ? limits.DefaultPageSize : Math.Min(request.PageSize, limits.MaxPageSize);
        KvPage page = store.List(request.Prefix, pageSize, request.PageToken);
        var response = new ListResponse { NextPageToken = page.NextPageToken ?? "" };
        foreach (KvEntry entry in page.Entries)
        {
            response.Entries.Add(new Entry { Key = entry.Key, Value = ByteString.CopyFrom(entry.Value.Span), Version = entry.Version });
        }

        return Task.FromResult(response);
    }

    public override async Task Watch(WatchRequest request, IServerStreamWriter<WatchEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (request.StartRevision < 0)
        {
            throw Invalid("start_revision", "must not be negative (0: from now on).");
        }

        // The stream ends when the client cancels (or its deadline passes), or when the host stops: a graceful
        // shutdown ends every watch, with the revision to resume from, so that draining never waits for it.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        long next = request.StartRevision;
        metrics.WatchOpened();
        try
        {
            await foreach (KvChange change in store.Changes.Watch(request.Prefix, request.StartRevision, ended.Token))
            {
                // A watcher learns of a change only once it is on disk: a crash never takes back what it saw.
                await store.WhenDurableAsync(change.Revision).WaitAsync(ended.Token);
                await responseStream.WriteAsync(ToEvent(change), ended.Token);
                metrics.WatchEventSent();
                next = change.Revision + 1;
            }
        }
        catch (RevisionCompactedException compacted)
        {
            // As etcd answers a compacted revision: the client starts over from a fresh read.
            throw new RpcException(new Status(StatusCode.OutOfRange, compacted.Message));
        }
        catch (WatchOverflowException overflow)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, overflow.Message));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The server is shutting down; watch again from revision {next}."));
        }
        finally
        {
            metrics.WatchClosed();
        }
    }

    // Every write is acknowledged only once it is on disk. A client that gives up (cancels, or its deadline
    // passes) stops waiting; its write may still become durable, as with any write whose reply was lost.
    private async Task DurableAsync(long revision, ServerCallContext context)
    {
        using KvMetrics.DurableWait timing = metrics.TimeDurableWait();
        await store.WhenDurableAsync(revision).WaitAsync(context.CancellationToken);
    }

    private static WatchEvent ToEvent(KvChange change) => change.Kind == KvChangeKind.Put
        ? new WatchEvent { Kind = WatchEvent.Types.Kind.Put, Key = change.Entry.Key, Value = ByteString.CopyFrom(change.Entry.Value.Span), Version = change.Entry.Version, Revision = change.Revision }
        : new WatchEvent { Kind = WatchEvent.Types.Kind.Delete, Key = change.Entry.Key, Revision = change.Revision };

    // A Duration can carry seconds and nanos of opposite signs, or more than a TimeSpan holds: neither is a TTL.
    private TimeSpan? TimeToLive(PutRequest request)
    {
        if (request.Ttl is not { } duration)
        {
            return null;
        }

        if (duration.Seconds < 0 || duration.Nanos < 0 || duration.Nanos >= Duration.NanosecondsPerSecond || (duration.Seconds == 0 && duration.Nanos == 0))
        {
            throw Invalid("ttl", "must be a positive duration.");
        }

        if (duration.Seconds > (long)limits.MaxTtl.TotalSeconds)
        {
            throw Invalid("ttl", $"is {duration.Seconds} s; the limit is {(long)limits.MaxTtl.TotalSeconds} s.");
        }

        return duration.ToTimeSpan();
    }

    // The wire name of a field, for the interceptor's InvalidArgument detail.
    private static ArgumentException Invalid(string field, string message) => new(message, field);
}
