using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>
/// Given code, the same in both trees: the service's methods as the generated code binds them, except that Predict
/// parses its request with <see cref="FeaturesReader"/>. grpc-dotnet binds a service through the most derived
/// <see cref="BindServiceMethodAttribute"/>, so this one replaces the generated base's.
/// </summary>
[BindServiceMethod(typeof(PredictionService), nameof(BindService))]
public sealed partial class PredictionService
{
    private static readonly Method<Features, PredictionResult> PredictMethod = new(
        MethodType.Unary,
        Predictor.Descriptor.FullName,
        "Predict",
        FeaturesReader.Marshaller,
        Marshallers.Create(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                Google.Protobuf.MessageExtensions.WriteTo(message, context.GetBufferWriter());
                context.Complete();
            },
            context => PredictionResult.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    // The second parameter is the generated base: grpc-dotnet binds to the methods that override its methods.
    public static void BindService(ServiceBinderBase binder, Predictor.PredictorBase service) =>
        Predictor.BindService(new PredictParsedByReader(binder), service);

    /// <summary>Passes every method through, Predict with the reader's marshaller in place of the generated one.</summary>
    private sealed class PredictParsedByReader(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (method.FullName == PredictMethod.FullName)
            {
                inner.AddMethod(PredictMethod, (UnaryServerMethod<Features, PredictionResult>?)(object?)handler);
            }
            else
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(method, handler);
    }
}
