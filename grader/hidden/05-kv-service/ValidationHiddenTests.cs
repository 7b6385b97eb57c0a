using Google.Protobuf;
using Grpc.Core;
using Katas.KvService.Protocol;
using Katas.KvService.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.2")]
public sealed class ValidationHiddenTests
{
    private static readonly KvLimits Limits = new() { MaxKeyBytes = 8, MaxValueBytes = 16 };

    private static ErrorMappingInterceptor NewInterceptor() => new(NullLogger<ErrorMappingInterceptor>.Instance);

    [KataFact]
    public void The_key_limit_counts_utf8_bytes_not_chars()
    {
        KvRequestValidator.ValidateKey("éééé", Limits);
        Action nine = () => KvRequestValidator.ValidateKey("éééék", Limits);

        nine.Should().Throw<ArgumentException>("five chars are nine UTF-8 bytes, over MaxKeyBytes = 8").Which.ParamName.Should().Be("key");
    }

    [KataFact]
    public void Cancellation_and_unfinished_code_map_to_their_own_codes()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        NewInterceptor().Map(new OperationCanceledException(cancelled.Token), new FakeCallContext(cancelled.Token)).StatusCode
            .Should().Be(StatusCode.Cancelled, "an exception of a cancelled call is Cancelled");
        NewInterceptor().Map(new NotImplementedException("Exercise 5.9 ..."), new FakeCallContext()).StatusCode
            .Should().Be(StatusCode.Unimplemented, "unfinished code answers Unimplemented");
        NewInterceptor().Map(new OperationCanceledException(), new FakeCallContext()).StatusCode
            .Should().Be(StatusCode.Internal, "an OperationCanceledException of a call nobody cancelled is a server failure");
    }

    [KataFact]
    public void Inner_exceptions_stay_on_the_server()
    {
        var wrapped = new InvalidOperationException("outer", new IOException("/var/lib/kv/secret.log: disk full"));

        RpcException mapped = NewInterceptor().Map(wrapped, new FakeCallContext());

        mapped.StatusCode.Should().Be(StatusCode.Internal);
        mapped.Status.Detail.Should().NotContain("secret").And.NotContain("outer", "neither the exception nor its causes reach the client");
        mapped.Status.DebugException.Should().BeNull("a status carrying the exception could leak it");
    }

    [KataFact]
    public async Task Over_the_wire_a_mismatch_reports_the_current_version_and_a_large_value_names_its_field()
    {
        await using KvTestHost host = await KvTestHost.StartAsync(Limits);
        host.Store.Put("k", [1]);
        host.Store.Put("k", [2]);

        RpcException mismatch = (await FluentActions.Awaiting(async () => await host.Client.CompareAndSwapAsync(new CompareAndSwapRequest { Key = "k", ExpectedVersion = 1 }))
            .Should().ThrowAsync<RpcException>()).Which;
        RpcException big = (await FluentActions.Awaiting(async () => await host.Client.PutAsync(new PutRequest { Key = "k", Value = ByteString.CopyFrom(new byte[17]) }))
            .Should().ThrowAsync<RpcException>()).Which;
        RpcException negative = (await FluentActions.Awaiting(async () => await host.Client.CompareAndSwapAsync(new CompareAndSwapRequest { Key = "k", ExpectedVersion = -5 }))
            .Should().ThrowAsync<RpcException>()).Which;
        RpcException deleteMissing = (await FluentActions.Awaiting(async () => await host.Client.DeleteAsync(new DeleteRequest { Key = "none" }))
            .Should().ThrowAsync<RpcException>()).Which;

        mismatch.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        mismatch.Trailers.GetValue(ErrorMappingInterceptor.CurrentVersionTrailer).Should().Be("2", "the trailer carries the current version");
        big.StatusCode.Should().Be(StatusCode.InvalidArgument);
        big.Status.Detail.Should().Contain("value", "the detail names the field");
        negative.StatusCode.Should().Be(StatusCode.InvalidArgument);
        negative.Status.Detail.Should().Contain("expected_version", "the detail names the field");
        deleteMissing.StatusCode.Should().Be(StatusCode.NotFound, "deleting a missing key is NotFound");
    }
}
