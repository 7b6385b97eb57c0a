using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Katas.KvService.Protocol;

// kv put KEY VALUE | get KEY | delete KEY | list [PREFIX]   (--address http://127.0.0.1:5050)
var address = new Option<Uri>("--address") { Description = "The service's address", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5050"), Recursive = true };
var key = new Argument<string>("key") { Description = "The key" };
var value = new Argument<string>("value") { Description = "The value (UTF-8 text)" };
var prefix = new Argument<string>("prefix") { Description = "Keys starting with this", DefaultValueFactory = _ => "" };

var put = new Command("put", "Write a value") { key, value };
put.SetAction((result, ct) => Run(result.GetValue(address)!, async client =>
{
    PutResponse reply = await client.PutAsync(new PutRequest { Key = result.GetValue(key)!, Value = ByteString.CopyFromUtf8(result.GetValue(value)!) }, cancellationToken: ct);
    Console.WriteLine($"version {reply.Version}");
}));
var get = new Command("get", "Read a value") { key };
get.SetAction((result, ct) => Run(result.GetValue(address)!, async client =>
{
    GetResponse reply = await client.GetAsync(new GetRequest { Key = result.GetValue(key)! }, cancellationToken: ct);
    Console.WriteLine(reply.Value.ToStringUtf8());
}));
var delete = new Command("delete", "Remove a key") { key };
delete.SetAction((result, ct) => Run(result.GetValue(address)!, async client =>
    await client.DeleteAsync(new DeleteRequest { Key = result.GetValue(key)! }, cancellationToken: ct)));
var list = new Command("list", "List keys under a prefix, page by page") { prefix };
list.SetAction((result, ct) => Run(result.GetValue(address)!, async client =>
{
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

var root = new RootCommand("A client for the Katas Kv service") { address, put, get, delete, list };
return await root.Parse(args).InvokeAsync();

// One channel per run, with a retry policy: Unavailable (the server restarting, a connection refused) is
// retried with exponential back-off; every other status is the answer and is reported as it is.
static async Task<int> Run(Uri address, Func<Kv.KvClient, Task> call)
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
        await call(new Kv.KvClient(channel));
        return 0;
    }
    catch (RpcException exception)
    {
        await Console.Error.WriteLineAsync($"{exception.StatusCode}: {exception.Status.Detail}");
        return 1;
    }
}
