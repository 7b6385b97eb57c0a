using System.Numerics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Katas.CompileTime.Tests;

[Exercise("3.3", "Constant data with zero allocation", Points = 10, Hint = """
    A table that never changes should not be built at run time, and not even copied onto the heap once.
    The compiler can store bytes in the assembly file itself, and a span can point straight at them.
    Which return type lets a property hand out read-only memory without an array behind it, and which
    kind of string literal is already a sequence of UTF-8 bytes?
    """, MoreHint = """
    A static property of type ReadOnlySpan<byte> whose body is a collection expression of constants
    (or new byte[] { ... } of constants) compiles to a span over a field with an RVA: data in the image.
    A string literal with the u8 suffix is a ReadOnlySpan<byte> over constant data too.
    A static readonly byte[] field is NOT the same: its data is copied onto the heap when the class starts.
    Docs: https://learn.microsoft.com/dotnet/csharp/language-reference/proposals/csharp-11.0/utf8-string-literals
    """, Recap = """
    A ReadOnlySpan<byte> over a constant collection, and a u8 literal, read the assembly image directly:
    no allocation, no static constructor, no copy that anyone could write to. Rust's static of a byte array is the same idea.
    """, Benchmark = "dotnet run -c Release --project exercises/03-compile-time/Benchmarks -- --filter '*ConstantTables*' --job short")]
public sealed class ConstantTablesTests
{
    [KataFact]
    public void BitCounts_holds_the_population_count_of_every_byte()
    {
        ReadOnlySpan<byte> table = ConstantTables.BitCounts;

        table.Length.Should().Be(256, "there is one entry per byte value, 0 to 255");
        for (int b = 0; b < 256; b++)
        {
            table[b].Should().Be((byte)BitOperations.PopCount((uint)b), $"BitCounts[{b}] is the number of 1 bits in {b}");
        }
    }

    [KataFact]
    public void CountBits_agrees_with_the_hardware_population_count()
    {
        byte[] data = new byte[10_000];
        new Random(42).NextBytes(data);
        int expected = data.Sum(b => BitOperations.PopCount(b));

        ConstantTables.CountBits(data).Should().Be(expected, "CountBits adds BitCounts[b] for every byte b");
        ConstantTables.CountBits([]).Should().Be(0, "no bytes have no bits set");
    }

    [KataFact]
    public void ToHex_writes_two_lowercase_digits_per_byte()
    {
        byte[] data = [0x00, 0x0F, 0xA5, 0xFF, 0x10];
        byte[] destination = new byte[data.Length * 2];

        ConstantTables.ToHex(data, destination);

        Encoding.ASCII.GetString(destination).Should().Be(Convert.ToHexStringLower(data), "each byte becomes its high digit, then its low digit, from HexDigits");
        Encoding.ASCII.GetString(ConstantTables.HexDigits).Should().Be("0123456789abcdef", "HexDigits is the sixteen digits as UTF-8");
    }

    [KataFact]
    public void Reading_the_tables_allocates_nothing()
    {
        byte[] data = new byte[256];
        new Random(7).NextBytes(data);
        byte[] hex = new byte[512];
        Exercise(data, hex); // once first, so that type initialisation and the JIT are not counted

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            Exercise(data, hex);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, "constant data is read where it lies; a table built, copied or encoded on each read allocates");

        static void Exercise(byte[] data, byte[] hex)
        {
            _ = ConstantTables.BitCounts[200];
            _ = ConstantTables.HexDigits[15];
            _ = ConstantTables.CountBits(data);
            ConstantTables.ToHex(data, hex);
        }
    }

    [KataFact]
    public void Both_tables_are_constant_data_in_the_assembly_metadata()
    {
        List<byte[]> rvaFields = ConstantData.RvaFieldContents(typeof(ConstantTables).Assembly);
        byte[] bitCounts = ConstantTables.BitCounts.ToArray();
        byte[] digits = ConstantTables.HexDigits.ToArray();

        rvaFields.Any(data => data.AsSpan().StartsWith(bitCounts)).Should().BeTrue(
            "the compiler stores a constant collection behind a ReadOnlySpan<byte> property in a field with an RVA (data in the image)");
        rvaFields.Any(data => data.AsSpan().StartsWith(digits)).Should().BeTrue(
            "a u8 literal is stored in the image as well");
    }
}

/// <summary>Reads the constant data of an assembly: the fields that have an RVA, with their bytes.</summary>
internal static class ConstantData
{
    public static List<byte[]> RvaFieldContents(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var contents = new List<byte[]>();
        foreach (FieldDefinitionHandle handle in metadata.FieldDefinitions)
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            if ((field.Attributes & FieldAttributes.HasFieldRVA) == 0)
            {
                continue;
            }

            PEMemoryBlock block = pe.GetSectionData(field.GetRelativeVirtualAddress());
            // The size of an RVA field is the size of its type (a struct of N bytes in <PrivateImplementationDetails>);
            // reading to the end of its section is enough to find a prefix.
            contents.Add(block.GetContent().ToArray());
        }

        return contents;
    }
}
