using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Katas.CompileTime.Tests;

[Exercise("3.7", "A table computed at build time by a source generator", Points = 15, StudentFiles = "LookupTableGenerator.cs", Hint = """
    C# cannot run your methods inside the compiler the way Rust runs a const fn, but it can run a program
    of yours beside it: a source generator sees the code being compiled and adds C# files to it. A table
    computed by the generator and written out as constants costs nothing when the program runs: it is data
    in the image, like 3.3's. Which classes should get a table, how does the generator find them without
    looking at every file again on each keystroke, and what must the values it passes along be for the
    compiler to notice nothing changed?
    """, MoreHint = """
    IIncrementalGenerator.Initialize: RegisterPostInitializationOutput adds the attribute source;
    context.SyntaxProvider.ForAttributeWithMetadataName(AttributeName, predicate, transform) finds the
    marked classes; in the transform read GeneratorAttributeSyntaxContext.TargetSymbol (namespace and name)
    and Attributes[0].ConstructorArguments (the polynomial), and return a record struct of strings and
    numbers, never a symbol. RegisterSourceOutput then AddSource(hintName, text) with a partial class whose
    partial property Table is a collection expression of 256 constants. The reflected CRC step: shift right
    by one, and xor with the polynomial when the bit shifted out was 1.
    Docs: https://github.com/dotnet/roslyn/blob/main/docs/features/incremental-generators.md
    """, Recap = """
    A source generator is the C# way to compute at build time: it runs inside the build and writes code,
    here a table of constants that lands in the image. Rust's const fn computes in the compiler itself.
    Incremental pipelines of equatable values keep the generator from rerunning on every keystroke in the IDE.
    """)]
public sealed class Crc32TableGeneratorTests
{
    private const uint Ieee = 0xEDB88320;

    [KataFact]
    public void ComputeTable_gives_the_known_crc32_entries()
    {
        uint[] table = Crc32TableGenerator.ComputeTable(Ieee);

        table.Should().HaveCount(256, "one entry per byte value");
        table[0].Should().Be(0u, "0 has no bits to shift out");
        table[1].Should().Be(0x77073096u, "the published CRC-32 table (zip, PNG) starts 0, 0x77073096, 0xEE0E612C");
        table[2].Should().Be(0xEE0E612Cu, "the published CRC-32 table's third entry");
        table[255].Should().Be(0x2D02EF8Du, "the published CRC-32 table's last entry");
    }

    [KataFact]
    public void The_generator_adds_the_attribute_and_the_table()
    {
        var (driver, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(GeneratorHarness.ChecksumSource("Katas.Checksums", "Crc32", Ieee)));

        diagnostics.Should().BeEmpty("the generator must run without an exception (a failing generator is warning CS8785, and an error in this repository)");
        GeneratorDriverRunResult result = driver.GetRunResult();
        result.GeneratedTrees.Should().HaveCount(2, "one file for the attribute, one for the one class that asked for a table");
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty(
            "the generated partial property must complete the class: same namespace, same name, a Table of ReadOnlySpan<uint>");
    }

    [KataFact]
    public void The_generated_table_computes_the_standard_crc32()
    {
        var (_, output, _) = GeneratorHarness.Run(GeneratorHarness.Compilation(GeneratorHarness.ChecksumSource("Katas.Checksums", "Crc32", Ieee)));
        byte[] image = GeneratorHarness.Emit(output);

        uint check = (uint)GeneratorHarness.Call(image, "Katas.Checksums.Crc32", "Compute", Encoding.ASCII.GetBytes("123456789"))!;
        check.Should().Be(0xCBF43926u, "0xCBF43926 is CRC-32's published check value, the CRC of the ASCII digits 1 to 9");
        uint[] table = (uint[])GeneratorHarness.Call(image, "Katas.Checksums.Crc32", "CopyOfTable")!;
        table.Should().Equal(Crc32TableGenerator.ComputeTable(Ieee), "the generated Table holds what ComputeTable computed at build time");
    }

    [KataFact]
    public void The_table_is_constant_data_in_the_image()
    {
        var (_, output, _) = GeneratorHarness.Run(GeneratorHarness.Compilation(GeneratorHarness.ChecksumSource("Katas.Checksums", "Crc32", Ieee)));
        byte[] image = GeneratorHarness.Emit(output);

        GeneratorHarness.HasStaticConstructor(image, "Katas.Checksums.Crc32").Should().BeFalse(
            "a table of constants behind a ReadOnlySpan property needs no code at run time; a static readonly array is filled by a static constructor");
        byte[] tableBytes = [.. Crc32TableGenerator.ComputeTable(Ieee).SelectMany(BitConverter.GetBytes)];
        using var pe = new PEReader(new MemoryStream(image));
        MetadataReader metadata = pe.GetMetadataReader();
        bool found = false;
        foreach (FieldDefinitionHandle handle in metadata.FieldDefinitions)
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            if ((field.Attributes & FieldAttributes.HasFieldRVA) != 0)
            {
                found |= pe.GetSectionData(field.GetRelativeVirtualAddress()).GetContent().AsSpan().StartsWith(tableBytes);
            }
        }

        found.Should().BeTrue("the 1 KiB of the table is stored in the image, in a field with an RVA, like 3.3's BitCounts");
    }
}
