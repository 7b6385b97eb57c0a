using Google.Protobuf;
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
        KvEntry entry = store.Put(request.Key, request.Value.Span);
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

    // The wire name of a field, for the interceptor's InvalidArgument detail.
    private static ArgumentException Invalid(string field, string message) => new(message, field);

    // Watch and TTL are later steps of the module; until then they answer Unimplemented (the base class does).
}
