using System.Text;
using Katas.CompileTime.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.7")]
public sealed class Crc32TableGeneratorHiddenTests
{
    [KataFact]
    public void Each_class_gets_the_table_of_its_own_polynomial()
    {
        var (driver, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(
            GeneratorHarness.ChecksumSource("Katas.Checksums", "Crc32", 0xEDB88320),
            GeneratorHarness.ChecksumSource("Katas.Storage.Checks", "Crc32C", 0x82F63B78)));
        diagnostics.Should().BeEmpty("the generator runs without an exception");
        driver.GetRunResult().GeneratedTrees.Should().HaveCount(3, "the attribute, and one file for each of the two classes");
        byte[] image = GeneratorHarness.Emit(output);

        byte[] digits = Encoding.ASCII.GetBytes("123456789");
        ((uint)GeneratorHarness.Call(image, "Katas.Storage.Checks.Crc32C", "Compute", digits)!).Should().Be(0xE3069283u,
            "CRC-32C (Castagnoli, polynomial 0x82F63B78, used by iSCSI and ext4) has the check value 0xE3069283: the table follows the attribute's polynomial");
        ((uint)GeneratorHarness.Call(image, "Katas.Checksums.Crc32", "Compute", digits)!).Should().Be(0xCBF43926u, "the other class keeps its own table");
    }

    [KataFact]
    public void A_class_in_the_global_namespace_gets_its_table()
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(GeneratorHarness.ChecksumSource("", "GlobalCrc", 0xEDB88320)));

        diagnostics.Should().BeEmpty("the generator runs without an exception");
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty("a class outside any namespace gets a partial class outside any namespace");
        ((uint)GeneratorHarness.Call(GeneratorHarness.Emit(output), "GlobalCrc", "Compute", Encoding.ASCII.GetBytes("123456789"))!).Should().Be(0xCBF43926u,
            "the table works in the global namespace too");
        Crc32TableGenerator.ComputeTable(0).Should().OnlyContain(entry => entry == 0, "with no polynomial every step only shifts");
    }

    [KataFact]
    public void An_edit_elsewhere_does_not_regenerate_the_table()
    {
        CSharpCompilation first = GeneratorHarness.Compilation(GeneratorHarness.ChecksumSource("Katas.Checksums", "Crc32", 0xEDB88320));
        var (driver, _, _) = GeneratorHarness.Run(first);

        // What an IDE does on every keystroke: a new compilation, with one file more, the marked class untouched.
        CSharpCompilation edited = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Unrelated { public static int Answer => 42; }",
            (CSharpParseOptions)first.SyntaxTrees.First().Options));
        (driver, _, _) = GeneratorHarness.Run(edited, driver);

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        var reasons = run.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).Select(output => output.Reason).ToList();
        reasons.Should().NotBeEmpty("the generator registers a source output");
        reasons.Should().OnlyContain(reason => reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged,
            "an edit in another file must not run the output step again: find the classes with ForAttributeWithMetadataName and pass equatable values (no symbols, no arrays, not the whole compilation)");
    }
}
