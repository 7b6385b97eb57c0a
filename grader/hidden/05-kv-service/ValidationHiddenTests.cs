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

        Status cancelledCall = NewInterceptor().Map(new OperationCanceledException(cancelled.Token), new FakeCallContext(cancelled.Token)).Status;
        Status unfinished = NewInterceptor().Map(new NotImplementedException("Exercise 5.9 ..."), new FakeCallContext()).Status;
        Status nobodyCancelled = NewInterceptor().Map(new OperationCanceledException(), new FakeCallContext()).Status;

        cancelledCall.StatusCode.Should().Be(StatusCode.Cancelled, "an exception of a cancelled call is Cancelled");
        cancelledCall.Detail.Should().NotBeNullOrWhiteSpace("every status carries a sentence for the client");
        unfinished.StatusCode.Should().Be(StatusCode.Unimplemented, "unfinished code answers Unimplemented");
        unfinished.Detail.Should().NotBeNullOrWhiteSpace("every status carries a sentence for the client").And.NotContain("5.9", "the exception's own text stays on the server");
        nobodyCancelled.StatusCode.Should().Be(StatusCode.Internal, "an OperationCanceledException of a call nobody cancelled is a server failure");
    }

    [KataFact]
    public void The_detail_names_the_field_once_without_the_parameter_suffix()
    {
        ErrorMappingInterceptor interceptor = NewInterceptor();
        var context = new FakeCallContext();

        // .NET appends " (Parameter 'key')" to the Message of an ArgumentException that has a ParamName.
        Status named = interceptor.Map(new ArgumentException("must not be empty.", "key"), context).Status;
        Status outOfRange = interceptor.Map(new ArgumentOutOfRangeException("ttl", TimeSpan.Zero, "must be positive."), context).Status;
        Status unnamed = interceptor.Map(new ArgumentException("the request is malformed."), context).Status;
        Status noMessage = interceptor.Map(new ArgumentException("", "prefix"), context).Status;

        named.Detail.Should().Contain("key").And.Contain("must not be empty.").And.NotContain("(Parameter", "the field is named once, without .NET's suffix");
        outOfRange.Detail.Should().Contain("ttl").And.Contain("must be positive.").And.NotContain("(Parameter", "the field is named once, without .NET's suffix");
        unnamed.StatusCode.Should().Be(StatusCode.InvalidArgument, "an ArgumentException without a ParamName is still a bad argument");
        unnamed.Detail.Should().Contain("the request is malformed.", "a message without the suffix is kept whole");
        noMessage.StatusCode.Should().Be(StatusCode.InvalidArgument);
        noMessage.Detail.Should().Contain("prefix").And.NotContain("(Parameter", "even an empty message loses the suffix");
    }

    [KataFact]
    public async Task The_validator_and_the_interceptor_check_their_arguments()
    {
        ErrorMappingInterceptor interceptor = NewInterceptor();
        var context = new FakeCallContext();
        UnaryServerMethod<object, object> echo = (request, _) => Task.FromResult(request);
        ServerStreamingServerMethod<object, object> noStream = (_, _, _) => Task.CompletedTask;

        FluentActions.Invoking(() => KvRequestValidator.ValidateKey("k", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("limits");
        FluentActions.Invoking(() => KvRequestValidator.ValidateKey("k", Limits, "")).Should().Throw<ArgumentException>("the field name is what the client is told").Which.ParamName.Should().Be("field");
        FluentActions.Invoking(() => KvRequestValidator.ValidateValue([1], null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("limits");
        FluentActions.Invoking(() => KvRequestValidator.ValidateValue([1], Limits, "")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("field");
        FluentActions.Invoking(() => KvRequestValidator.ValidateVersion(0, "")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("field");
        FluentActions.Invoking(() => interceptor.Map(null!, context)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("exception");
        FluentActions.Invoking(() => interceptor.Map(new ArgumentException("bad", "key"), null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("context");
        (await FluentActions.Awaiting(() => interceptor.UnaryServerHandler(new object(), null!, echo)).Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("context");
        (await FluentActions.Awaiting(() => interceptor.UnaryServerHandler<object, object>(new object(), context, null!)).Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("continuation");
        (await FluentActions.Awaiting(() => interceptor.ServerStreamingServerHandler(new object(), null!, null!, noStream)).Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("context");
        (await FluentActions.Awaiting(() => interceptor.ServerStreamingServerHandler<object, object>(new object(), null!, context, null!)).Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("continuation");
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
        using AsyncServerStreamingCall<WatchEvent> watch = host.Client.Watch(new WatchRequest { StartRevision = -1 });
        RpcException badWatch = (await FluentActions.Awaiting(async () => await watch.ResponseStream.MoveNext())
            .Should().ThrowAsync<RpcException>("a streaming call's errors are mapped too")).Which;

        mismatch.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        mismatch.Trailers.GetValue(ErrorMappingInterceptor.CurrentVersionTrailer).Should().Be("2", "the trailer carries the current version");
        big.StatusCode.Should().Be(StatusCode.InvalidArgument);
        big.Status.Detail.Should().Contain("value", "the detail names the field");
        negative.StatusCode.Should().Be(StatusCode.InvalidArgument);
        negative.Status.Detail.Should().Contain("expected_version", "the detail names the field");
        deleteMissing.StatusCode.Should().Be(StatusCode.NotFound, "deleting a missing key is NotFound");
        badWatch.StatusCode.Should().Be(StatusCode.InvalidArgument, "Watch from a negative revision is InvalidArgument, mapped like a unary call's error");
        badWatch.Status.Detail.Should().Contain("start_revision", "the detail names the field");
    }
}
