using Grpc.Core;
using Katas.KvService.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace Katas.KvService.Tests;

[Exercise("5.2", "Validation and error mapping to gRPC status codes", Points = 15, StudentFiles = "KvRequestValidator.cs ErrorMappingInterceptor.cs", BuildsOn = "5.1 5.4", Hint = """
    A client can only act on what the status tells it: which field was wrong, that a key is missing, which
    version a key is really at. And it must never learn how the server failed inside. Where is the one place
    every handler's exception passes through, and what should leave it for an exception nobody expected?
    """, MoreHint = """
    Throw ArgumentException(message, paramName) from the validator; count key bytes with Encoding.UTF8.GetByteCount.
    In Map, a switch on the exception type builds new RpcException(new Status(StatusCode.X, detail), trailers);
    the default case logs the exception ([LoggerMessage]) and returns StatusCode.Internal with a fixed sentence.
    Docs: https://learn.microsoft.com/aspnet/core/grpc/interceptors and https://grpc.io/docs/guides/status-codes/
    """, Recap = """
    Exceptions inside, status codes outside: an interceptor is the one choke point (eyre's report for the log,
    tonic's Status for the wire). Naming the field and returning the current version make errors actionable.
    """)]
public sealed class ValidationTests
{
    private static readonly KvLimits Limits = new() { MaxKeyBytes = 8, MaxValueBytes = 16 };

    private static ErrorMappingInterceptor NewInterceptor() => new(NullLogger<ErrorMappingInterceptor>.Instance);

    // What an ArgumentException says, without the " (Parameter 'x')" that .NET appends to its Message.
    private static string Reason(ArgumentException exception)
    {
        int suffix = exception.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix < 0 ? exception.Message : exception.Message[..suffix];
    }

    [KataFact]
    public void An_empty_or_oversized_key_is_rejected_naming_the_field()
    {
        Action empty = () => KvRequestValidator.ValidateKey("", Limits);
        Action tooLong = () => KvRequestValidator.ValidateKey("123456789", Limits, "prefix");

        ArgumentException emptyKey = empty.Should().Throw<ArgumentException>("an empty key is invalid").Which;
        ArgumentException longKey = tooLong.Should().Throw<ArgumentException>("9 bytes exceed MaxKeyBytes = 8").Which;
        KvRequestValidator.ValidateKey("12345678", Limits);

        emptyKey.ParamName.Should().Be("key", "the exception names the field");
        Reason(emptyKey).Should().NotBeNullOrWhiteSpace("the message says what is wrong: the client reads it");
        longKey.ParamName.Should().Be("prefix", "the field name is the caller's");
        Reason(longKey).Should().Contain("8", "the message of a key over the limit names the limit (MaxKeyBytes = 8)");
    }

    [KataFact]
    public void An_oversized_value_or_negative_version_is_rejected()
    {
        Action big = () => KvRequestValidator.ValidateValue(new byte[17], Limits);
        Action negative = () => KvRequestValidator.ValidateVersion(-1);

        ArgumentException bigValue = big.Should().Throw<ArgumentException>("17 bytes exceed MaxValueBytes = 16").Which;
        ArgumentException negativeVersion = negative.Should().Throw<ArgumentException>("a version is never negative").Which;
        KvRequestValidator.ValidateValue(new byte[16], Limits);
        KvRequestValidator.ValidateValue([], Limits);
        KvRequestValidator.ValidateVersion(0);

        bigValue.ParamName.Should().Be("value");
        Reason(bigValue).Should().Contain("16", "the message of a value over the limit names the limit (MaxValueBytes = 16)");
        negativeVersion.ParamName.Should().Be("expected_version");
        Reason(negativeVersion).Should().NotBeNullOrWhiteSpace("the message says what is wrong");
    }

    [KataFact]
    public void Exceptions_map_to_status_codes()
    {
        ErrorMappingInterceptor interceptor = NewInterceptor();
        var context = new FakeCallContext();

        Status invalid = interceptor.Map(new ArgumentException("must not be empty.", "key"), context).Status;
        invalid.StatusCode.Should().Be(StatusCode.InvalidArgument);
        invalid.Detail.Should().Contain("key", "the detail names the field").And.Contain("must not be empty.", "and says what is wrong with it");
        interceptor.Map(new KeyNotFoundException("no such key"), context).StatusCode.Should().Be(StatusCode.NotFound);
        RpcException mismatch = interceptor.Map(new VersionMismatchException("k", expectedVersion: 1, currentVersion: 4), context);
        mismatch.StatusCode.Should().Be(StatusCode.FailedPrecondition, "a version mismatch is a failed precondition");
        mismatch.Trailers.GetValue(ErrorMappingInterceptor.CurrentVersionTrailer).Should().Be("4", "the client learns the current version to retry with");
    }

    [KataFact]
    public void An_unexpected_exception_is_internal_and_tells_the_client_nothing()
    {
        RpcException mapped = NewInterceptor().Map(new InvalidOperationException("connection string Password=hunter2"), new FakeCallContext());

        mapped.StatusCode.Should().Be(StatusCode.Internal, "an unexpected failure is Internal");
        mapped.Status.Detail.Should().NotContain("hunter2", "no exception text reaches the client").And.NotContain("   at ", "no stack trace either");
        mapped.Status.Detail.Should().NotBeNullOrWhiteSpace("the client still gets a fixed sentence");
    }

    [KataFact]
    public void An_unexpected_exception_is_logged_on_the_server_with_its_causes()
    {
        var logger = new FakeLogger<ErrorMappingInterceptor>();
        var unexpected = new InvalidOperationException("outer", new IOException("disk full"));

        new ErrorMappingInterceptor(logger).Map(unexpected, new FakeCallContext());

        FakeLogRecord[] records = [.. logger.Collector.GetSnapshot()];
        records.Should().ContainSingle("an unexpected failure is logged once (LogUnexpected): it is the only trace the operator gets");
        records[0].Level.Should().Be(LogLevel.Error, "an unexpected failure is an error");
        records[0].Exception.Should().BeSameAs(unexpected, "the log entry carries the exception itself, so its chain of causes and its stack are kept");
    }

    [KataFact]
    public async Task Bad_requests_get_their_status_and_the_service_stays_up()
    {
        await using KvTestHost host = await KvTestHost.StartAsync(Limits);

        RpcException empty = (await FluentActions.Awaiting(async () => await host.Client.PutAsync(new PutRequest { Key = "" }))
            .Should().ThrowAsync<RpcException>("an empty key is refused")).Which;
        RpcException missing = (await FluentActions.Awaiting(async () => await host.Client.GetAsync(new GetRequest { Key = "nope" }))
            .Should().ThrowAsync<RpcException>("a missing key is refused")).Which;
        PutResponse ok = await host.Client.PutAsync(new PutRequest { Key = "k", Value = Google.Protobuf.ByteString.CopyFromUtf8("v") });

        empty.StatusCode.Should().Be(StatusCode.InvalidArgument, "Put with an empty key is InvalidArgument");
        empty.Status.Detail.Should().Contain("key", "the detail names the field");
        missing.StatusCode.Should().Be(StatusCode.NotFound, "Get of a missing key is NotFound");
        ok.Version.Should().Be(1, "the service still serves after bad requests");
    }
}
