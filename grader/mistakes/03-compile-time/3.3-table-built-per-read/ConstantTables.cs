// Mistake: a table computed inside the property is built again, and allocated, on every read.
namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.3: lookup tables that cost nothing to read. A <c>static ReadOnlySpan&lt;byte&gt;</c> property
/// whose body is a constant collection and a <c>"..."u8</c> literal are both baked into the assembly image
/// (a field with an RVA in the metadata): every read is a pointer into the mapped file, no allocation,
/// no copy, no static constructor, and nobody can write to it. A <c>static readonly byte[]</c> field is
/// the old way: the data is in the image too, but copied onto the heap once, and its elements stay writable.
/// </summary>
public static class ConstantTables
{
    /// <summary>
    /// The number of set bits of every byte value: <c>BitCounts[b]</c> is the population count of <c>b</c>.
    /// </summary>
    /// <remarks>
    /// Written out because that is the lesson: the compiler stores these 256 bytes in the image and the
    /// property returns a span over them. Only byte-sized element types (byte, sbyte, bool) get this
    /// treatment on every runtime; wider types need RuntimeHelpers.CreateSpan, which the compiler uses on .NET 7+.
    /// </remarks>
    public static ReadOnlySpan<byte> BitCounts
    {
        get
        {
            byte[] table = new byte[256]; // bug
            for (int i = 1; i < table.Length; i++)
            {
                table[i] = (byte)(table[i >> 1] + (i & 1));
            }

            return table;
        }
    }

    /// <summary>The sixteen lowercase hexadecimal digits as UTF-8: a u8 literal is constant data as well.</summary>
    public static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>The number of set bits in <paramref name="data"/>, one table lookup per byte.</summary>
    public static int CountBits(ReadOnlySpan<byte> data)
    {
        // One read of the property: a span over the image, then plain indexing (the JIT drops the bounds
        // check, since a byte can never reach 256).
        ReadOnlySpan<byte> table = BitCounts;
        int total = 0;
        foreach (byte b in data)
        {
            total += table[b];
        }

        return total;
    }

    /// <summary>
    /// Writes <paramref name="data"/> as lowercase hexadecimal UTF-8, two digits per byte, to the start of
    /// <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than twice as many bytes as <paramref name="data"/>.</exception>
    public static void ToHex(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // Compared as destination / 2 so that a huge data.Length cannot overflow the multiplication.
        if (destination.Length / 2 < data.Length)
        {
            throw new ArgumentException($"The destination needs {2L * data.Length} bytes for {data.Length} bytes of data, but holds {destination.Length}.", nameof(destination));
        }

        ReadOnlySpan<byte> digits = HexDigits;
        for (int i = 0; i < data.Length; i++)
        {
            destination[2 * i] = digits[data[i] >> 4];
            destination[(2 * i) + 1] = digits[data[i] & 0xF];
        }
    }
}
