using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.3")]
public sealed class ConstantTablesHiddenTests
{
    [KataFact]
    public void BitCounts_is_not_a_byte_array_on_the_heap()
    {
        // A span over a static readonly byte[] passes every allocation test (the array is made once), but its
        // bytes live on the GC heap, in an array anyone holding it can write to. A managed array's elements
        // follow its header: the type's method table, then the length. Constant data has no header.
        IsWholeByteArray(ConstantTables.BitCounts).Should().BeFalse("BitCounts must be a span over the image's constant data, not over a byte[]");
        IsWholeByteArray(ConstantTables.HexDigits).Should().BeFalse("HexDigits must be a u8 literal or a constant collection, not a byte[]");
        IsWholeByteArray(new byte[16]).Should().BeTrue("the check itself recognises an array");
    }

    [KataFact]
    public void Every_read_returns_the_same_memory()
    {
        Unsafe.AreSame(ref MemoryMarshal.GetReference(ConstantTables.BitCounts), ref MemoryMarshal.GetReference(ConstantTables.BitCounts))
            .Should().BeTrue("constant data is not copied per read");
    }

    [KataFact]
    public void ToHex_rejects_a_destination_that_is_too_short_and_writes_nothing_for_no_data()
    {
        Action tooShort = () => ConstantTables.ToHex([1, 2, 3], new byte[5]);
        ArgumentException error = tooShort.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be("destination", "the destination is the argument at fault");
        error.Message.Should().MatchRegex(@"\b6\b", "a clear error says how many bytes the destination needs: two digits for each of the 3 bytes");

        byte[] untouched = [42, 42];
        ConstantTables.ToHex([], untouched);
        untouched.Should().Equal([42, 42], "no data writes no digits");

        byte[] larger = new byte[6];
        ConstantTables.ToHex([0xAB], larger);
        larger.Should().Equal([(byte)'a', (byte)'b', 0, 0, 0, 0], "the digits go to the start of a larger destination, the rest is left alone");
    }

    [KataFact]
    public void CountBits_of_all_ones_and_of_a_large_buffer()
    {
        ConstantTables.CountBits(Enumerable.Repeat((byte)0xFF, 100_000).ToArray()).Should().Be(800_000, "every byte of 0xFF has 8 bits set");
        ConstantTables.CountBits(new byte[1000]).Should().Be(0, "zero bytes have no bits set");
    }

    /// <summary>True when the span's first byte is the first element of a byte[] of the span's length.</summary>
    private static bool IsWholeByteArray(ReadOnlySpan<byte> span)
    {
        ref byte first = ref MemoryMarshal.GetReference(span);
        nint length = Unsafe.ReadUnaligned<nint>(ref Unsafe.Subtract(ref first, IntPtr.Size));
        nint methodTable = Unsafe.ReadUnaligned<nint>(ref Unsafe.Subtract(ref first, 2 * IntPtr.Size));
        return methodTable == typeof(byte[]).TypeHandle.Value && length == span.Length;
    }
}
