using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Katas.KvService.Protocol;

// kv put KEY VALUE [--ttl 30s] | get KEY | delete KEY | list [PREFIX] | watch [PREFIX] [--from REV] | health
// (--address http://127.0.0.1:5050, or the environment variable KV_ADDRESS)
var address = new Option<Uri>("--address")
{
    Description = "The service's address (default: KV_ADDRESS, or http://127.0.0.1:5050)",
    DefaultValueFactory = _ => Uri.TryCreate(Environment.GetEnvironmentVariable("KV_ADDRESS"), UriKind.Absolute, out Uri? configured)
        ? configured
        : new Uri("http://127.0.0.1:5050"),
    Recursive = true,
    CustomParser = result =>
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"--address must be an absolute http:// or https:// address, not '{text}'.");
        return null;
    },
};
var key = new Argument<string>("key") { Description = "The key" };
var value = new Argument<string>("value") { Description = "The value (UTF-8 text)" };
var prefix = new Argument<string>("prefix") { Description = "Keys starting with this", DefaultValueFactory = _ => "" };

var ttl = new Option<TimeSpan?>("--ttl") { Description = "Expire the key this long after the write (e.g. 00:00:30)" };
var from = new Option<long>("--from") { Description = "Start at this revision (0: from now on)" };

var put = new Command("put", "Write a value") { key, value, ttl };
put.SetAction((result, ct) => Run(result.GetValue(address)!, async channel =>
{
    var request = new PutRequest { Key = result.GetValue(key)!, Value = ByteString.CopyFromUtf8(result.GetValue(value)!) };
    if (result.GetValue(ttl) is { } timeToLive)
    {
        request.Ttl = Duration.FromTimeSpan(timeToLive);
    }

    PutResponse reply = await new Kv.KvClient(channel).PutAsync(request, cancellationToken: ct);
    Console.WriteLine($"version {reply.Version} revision {reply.Revision}");
}));
var get = new Command("get", "Read a value") { key };
get.SetAction((result, ct) => Run(result.GetValue(address)!, async channel =>
{
    GetResponse reply = await new Kv.KvClient(channel).GetAsync(new GetRequest { Key = result.GetValue(key)! }, cancellationToken: ct);
    Console.WriteLine(reply.Value.ToStringUtf8());
}));
var delete = new Command("delete", "Remove a key") { key };
delete.SetAction((result, ct) => Run(result.GetValue(address)!, async channel =>
    await new Kv.KvClient(channel).DeleteAsync(new DeleteRequest { Key = result.GetValue(key)! }, cancellationToken: ct)));
var list = new Command("list", "List keys under a prefix, page by page") { prefix };
list.SetAction((result, ct) => Run(result.GetValue(address)!, async channel =>
{
    var client = new Kv.KvClient(channel);
    string token = "";
    do
    {
        ListResponse page = await client.ListAsync(new ListRequest { Prefix = result.GetValue(prefix)!, PageToken = token }, cancellationToken: ct);
        foreach (Entry entry in page.Entries)
        {
            Console.WriteLine($"{entry.Key}\t{entry.Version}\t{entry.Value.ToStringUtf8()}");
        }

        token = page.NextPageToken;
    }
    while (token.Length > 0);
}));

var watch = new Command("watch", "Print the changes under a prefix as they happen (Ctrl+C ends)") { prefix, from };
watch.SetAction((result, ct) => Run(result.GetValue(address)!, async channel =>
{
    using AsyncServerStreamingCall<WatchEvent> call = new Kv.KvClient(channel).Watch(
        new WatchRequest { Prefix = result.GetValue(prefix)!, StartRevision = result.GetValue(from) }, cancellationToken: ct);
    try
    {
        await foreach (WatchEvent change in call.ResponseStream.ReadAllAsync(ct))
        {
            Console.WriteLine($"{change.Revision}\t{change.Kind}\t{change.Key}\t{change.Version}\t{change.Value.ToStringUtf8()}");
        }
    }
    catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
    {
        // Ctrl+C: the watch ends as asked.
    }
}));
var health = new Command("health", "Exit 0 when the service reports SERVING (grpc.health.v1), 1 otherwise: a container's HEALTHCHECK");
health.SetAction((result, ct) => Run(result.GetValue(address)!, async channel =>
{
    HealthCheckResponse reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: ct);
    Console.WriteLine(reply.Status);
    if (reply.Status != HealthCheckResponse.Types.ServingStatus.Serving)
    {
        throw new RpcException(new Status(StatusCode.Unavailable, $"The service reports {reply.Status}."));
    }
}));

var root = new RootCommand("A client for the Katas Kv service") { address, put, get, delete, list, watch, health };
return await root.Parse(args).InvokeAsync();

// One channel per run, with a retry policy: Unavailable (the server restarting, a connection refused) is
// retried with exponential back-off; every other status is the answer and is reported as it is.
static async Task<int> Run(Uri address, Func<GrpcChannel, Task> call)
{
    var retry = new MethodConfig
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 5,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };
    using GrpcChannel channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { ServiceConfig = new ServiceConfig { MethodConfigs = { retry } } });
    try
    {
        await call(channel);
        return 0;
    }
    catch (RpcException exception)
    {
        await Console.Error.WriteLineAsync($"{exception.StatusCode}: {exception.Status.Detail}");
        return 1;
    }
}
