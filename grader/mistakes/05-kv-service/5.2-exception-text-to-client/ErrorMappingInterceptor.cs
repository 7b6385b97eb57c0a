// Mistake: an unexpected exception is sent to the client as it is, message and stack trace included.
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Katas.KvService;

/// <summary>
/// Exercise 5.2: turns the exceptions a handler throws into gRPC statuses a client can act on, and logs the
/// unexpected ones with their whole chain of causes. No stack trace and no internal message reaches a client.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    /// <summary>The trailer that carries the current version on a FailedPrecondition.</summary>
    public const string CurrentVersionTrailer = "kv-current-version";

    /// <summary>Where unexpected failures are logged, with their chain of causes.</summary>
    internal ILogger Logger { get; } = logger;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    /// <summary>The status for <paramref name="exception"/>: what the client may know, never how the server failed.</summary>
    public RpcException Map(Exception exception, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        switch (exception)
        {
            case ArgumentException argument:
                // The message names the field (ParamName): the caller can fix the request.
                return new RpcException(new Status(StatusCode.InvalidArgument, $"{argument.ParamName}: {FirstLine(argument.Message)}"));
            case KeyNotFoundException notFound:
                return new RpcException(new Status(StatusCode.NotFound, notFound.Message));
            case VersionMismatchException mismatch:
                var trailers = new Metadata { { CurrentVersionTrailer, mismatch.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
                return new RpcException(new Status(StatusCode.FailedPrecondition, mismatch.Message), trailers);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            case NotImplementedException:
                return new RpcException(new Status(StatusCode.Unimplemented, "Not implemented yet."));
            default:
                // Unexpected: the details (the chain of causes, the stack) go to the log, a fixed sentence to the client.
                LogUnexpected(Logger, exception, context.Method);
                return new RpcException(new Status(StatusCode.Internal, exception.ToString())); // bug
        }
    }

    // ArgumentException appends " (Parameter 'x')" on a line of its own in some cases; the field is already named.
    private static string FirstLine(string message)
    {
        int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unexpected failure in {Method}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
