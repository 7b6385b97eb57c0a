using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Katas.CompileTime.Tests;

/// <summary>Runs a source generator in memory, as the compiler would during a build, and loads what it built.</summary>
internal static class GeneratorHarness
{
    /// <summary>Made once: a MetadataReference reads and indexes its whole file.</summary>
    private static readonly MetadataReference[] s_framework = [Net100.References.SystemRuntime];

    /// <summary>The CRC-32 user of the generator: the class a student's project would write.</summary>
    public static string ChecksumSource(string ns, string typeName, uint polynomial) => $$"""
        {{(ns.Length > 0 ? $"namespace {ns};" : "")}}

        [Katas.Generated.Crc32Table(0x{{polynomial:X8}})]
        public static partial class {{typeName}}
        {
            public static partial System.ReadOnlySpan<uint> Table { get; }

            public static uint[] CopyOfTable() => Table.ToArray();

            public static uint Compute(byte[] data)
            {
                System.ReadOnlySpan<uint> table = Table;
                uint crc = 0xFFFFFFFF;
                foreach (byte b in data)
                {
                    crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
                }

                return ~crc;
            }
        }
        """;

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Katas.Checksums",
        sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
        s_framework,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Runs the generator on <paramref name="compilation"/>: the driver that ran (to run again), and the compilation with the generated files.</summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver ??= CSharpGeneratorDriver.Create(
            [new Crc32TableGenerator().AsSourceGenerator()],
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (driver, output, diagnostics);
    }

    /// <summary>Emits <paramref name="compilation"/> to bytes; fails the test with the errors when it does not compile.</summary>
    public static byte[] Emit(Compilation compilation)
    {
        using var dll = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(dll);
        result.Success.Should().BeTrue("the generated code must compile with the class that asked for it: " +
            string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return dll.ToArray();
    }

    /// <summary>Calls <paramref name="method"/> of <paramref name="typeName"/> in <paramref name="image"/>, loaded in a collectible context.</summary>
    public static object? Call(byte[] image, string typeName, string method, params object?[] arguments)
    {
        var context = new AssemblyLoadContext("Katas.Generated", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(new MemoryStream(image));
            return assembly.GetType(typeName, throwOnError: true)!.GetMethod(method)!.Invoke(null, arguments);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Whether <paramref name="typeName"/> in <paramref name="image"/> has a static constructor (loaded in a collectible context).</summary>
    public static bool HasStaticConstructor(byte[] image, string typeName)
    {
        var context = new AssemblyLoadContext("Katas.Generated", isCollectible: true);
        try
        {
            return context.LoadFromStream(new MemoryStream(image)).GetType(typeName, throwOnError: true)!.TypeInitializer is not null;
        }
        finally
        {
            context.Unload();
        }
    }
}
