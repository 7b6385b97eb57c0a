using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Katas.KvService.Protocol;

namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: the gRPC face of the service. It validates each request (5.2), calls the
/// store (5.1, 5.4) and translates the result into messages; failures are exceptions that
/// ErrorMappingInterceptor (5.2) turns into statuses.
/// </summary>
public sealed class KvService(KvStore store, KvLimits limits) : Kv.KvBase
{
    public override Task<PutResponse> Put(PutRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        KvRequestValidator.ValidateKey(request.Key, limits);
        KvRequestValidator.ValidateValue(request.Value.Span, limits);
        TimeSpan? ttl = TimeToLive(request);
        KvEntry entry = ttl is null ? store.Put(request.Key, request.Value.Span) : store.Put(request.Key, request.Value.Span, ttl);
        return Task.FromResult(new PutResponse { Version = entry.Version });
    }

    public override Task<GetResponse> Get(GetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        KvRequestValidator.ValidateKey(request.Key, limits);
        KvEntry entry = store.Get(request.Key) ?? throw new KeyNotFoundException($"Key '{request.Key}' does not exist.");
        return Task.FromResult(new GetResponse { Value = ByteString.CopyFrom(entry.Value.Span), Version = entry.Version });
    }

    public override Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        KvRequestValidator.ValidateKey(request.Key, limits);
        if (!store.Delete(request.Key))
        {
            throw new KeyNotFoundException($"Key '{request.Key}' does not exist.");
        }

        return Task.FromResult(new DeleteResponse());
    }

    public override Task<CompareAndSwapResponse> CompareAndSwap(CompareAndSwapRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        KvRequestValidator.ValidateKey(request.Key, limits);
        KvRequestValidator.ValidateValue(request.Value.Span, limits);
        KvRequestValidator.ValidateVersion(request.ExpectedVersion);

        KvEntry entry = store.CompareAndSwap(request.Key, request.ExpectedVersion, request.Value.Span);
        return Task.FromResult(new CompareAndSwapResponse { Version = entry.Version });
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

    // Watch is a later step of the module; until then it answers Unimplemented (the base class does).
}
