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
    // TODO: return the 256 counts as constant data of the assembly image: no array on the heap, not even
    // one made once, and nothing computed when the property is read.
    public static ReadOnlySpan<byte> BitCounts =>
        throw new NotImplementedException("Exercise 3.3 (ConstantTables.BitCounts) is not solved yet. Hint: dotnet run --project grader -- hint 3.3");

    /// <summary>The sixteen lowercase hexadecimal digits as UTF-8: a u8 literal is constant data as well.</summary>
    // TODO: the digits "0123456789abcdef" as UTF-8 bytes, baked into the image like BitCounts.
    public static ReadOnlySpan<byte> HexDigits =>
        throw new NotImplementedException("Exercise 3.3 (ConstantTables.HexDigits) is not solved yet. Hint: dotnet run --project grader -- hint 3.3");

    /// <summary>The number of set bits in <paramref name="data"/>, one table lookup per byte.</summary>
    public static int CountBits(ReadOnlySpan<byte> data)
    {
        // TODO: count with BitCounts. Do not use BitOperations or any allocation.
        throw new NotImplementedException("Exercise 3.3 (ConstantTables.CountBits) is not solved yet. Hint: dotnet run --project grader -- hint 3.3");
    }

    /// <summary>
    /// Writes <paramref name="data"/> as lowercase hexadecimal UTF-8, two digits per byte, to the start of
    /// <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than twice as many bytes as <paramref name="data"/>.</exception>
    public static void ToHex(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // TODO: reject a destination that is too short (naming it), then write the digits from HexDigits.
        // Do not use Convert or any allocation.
        throw new NotImplementedException("Exercise 3.3 (ConstantTables.ToHex) is not solved yet. Hint: dotnet run --project grader -- hint 3.3");
    }
}
