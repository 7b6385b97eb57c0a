using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>
/// Given code, the same in both trees: Predict's request parser. A client sends the same 30 names in every request,
/// and decoding them into new strings is most of what parsing a request costs; this reader reuses the strings of the
/// previous request parsed on the same thread when the names are byte for byte the same, position by position.
/// Any other request (other names, another order, unknown fields) goes through the generated parser, so what a
/// request means never depends on this shortcut.
/// </summary>
internal static class FeaturesReader
{
    private const byte ValuesTag = (1 << 3) | 2; // field 1 (values / name), length-delimited
    private const byte ValueTag = (2 << 3) | 5; // field 2 (value), fixed 32-bit

    [ThreadStatic]
    private static NameCache? t_names;

    public static Marshaller<Features> Marshaller { get; } = Marshallers.Create(
        (message, context) =>
        {
            context.SetPayloadLength(message.CalculateSize());
            Google.Protobuf.MessageExtensions.WriteTo(message, context.GetBufferWriter());
            context.Complete();
        },
        context => Parse(context.PayloadAsReadOnlySequence()));

    public static Features Parse(ReadOnlySequence<byte> payload)
    {
        NameCache names = t_names ??= new NameCache();
        if (payload.IsSingleSegment && TryParseKnown(payload.FirstSpan, names) is { } known)
        {
            return known;
        }

        Features parsed = Features.Parser.ParseFrom(payload);
        names.Remember(parsed);
        return parsed;
    }

    /// <summary>The request, when its names are the cached ones in the cached order and its shape is the plain one.</summary>
    private static Features? TryParseKnown(ReadOnlySpan<byte> payload, NameCache names)
    {
        var request = new Features();
        request.Values.Capacity = names.Count;
        while (!payload.IsEmpty)
        {
            int index = request.Values.Count;
            if (payload[0] != ValuesTag || !TryReadLength(ref payload, out ReadOnlySpan<byte> entry) || index >= names.Count)
            {
                return null;
            }

            // An entry is the name, then the value unless it is 0 (proto3 leaves default values out).
            if (entry.IsEmpty || entry[0] != ValuesTag || !TryReadLength(ref entry, out ReadOnlySpan<byte> name)
                || !name.SequenceEqual(names.Utf8(index)))
            {
                return null;
            }

            float value = 0;
            if (!entry.IsEmpty)
            {
                if (entry.Length != 5 || entry[0] != ValueTag)
                {
                    return null;
                }

                value = BinaryPrimitives.ReadSingleLittleEndian(entry[1..]);
            }

            request.Values.Add(new Feature { Name = names.Name(index), Value = value });
        }

        return request.Values.Count == names.Count ? request : null;
    }

    /// <summary>Skips the tag byte, reads a varint length and splits off that many bytes.</summary>
    private static bool TryReadLength(ref ReadOnlySpan<byte> span, out ReadOnlySpan<byte> field)
    {
        field = default;
        int length = 0;
        for (int i = 1, shift = 0; i < span.Length && shift < 32; i++, shift += 7)
        {
            byte b = span[i];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                span = span[(i + 1)..];
                if ((uint)length > (uint)span.Length)
                {
                    return false;
                }

                field = span[..length];
                span = span[length..];
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the last request parsed in full on this thread, as strings and as UTF-8.</summary>
    private sealed class NameCache
    {
        private const int MaximumNames = 1024;
        private string[] _names = [];
        private byte[][] _utf8 = [];

        public int Count => _names.Length;

        public string Name(int index) => _names[index];

        public ReadOnlySpan<byte> Utf8(int index) => _utf8[index];

        public void Remember(Features request)
        {
            if (request.Values.Count > MaximumNames)
            {
                return; // no model has that many features: nothing worth keeping for the next request
            }

            _names = [.. request.Values.Select(f => f.Name)];
            _utf8 = [.. _names.Select(System.Text.Encoding.UTF8.GetBytes)];
        }
    }
}
