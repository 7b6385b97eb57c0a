// Mistake: a load context that is not collectible can never be unloaded: every experiment leaks two assemblies for good.
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Katas.CompileTime;

/// <summary>What a consumer read from the library it was deployed with.</summary>
/// <param name="ConstSeen">The value of <c>Limits.ConstMax</c>, a <c>const</c>, as the consumer saw it.</param>
/// <param name="ReadonlySeen">The value of <c>Limits.ReadonlyMax</c>, a <c>static readonly</c> field, as the consumer saw it.</param>
public readonly record struct Observation(int ConstSeen, int ReadonlySeen);

/// <summary>
/// Exercise 3.1: the versioning trap, shown by experiment. A <c>const</c> is not a field the caller reads: the
/// compiler copies its value into the caller's IL. Build a consumer against version 1 of a library, deploy
/// version 2 beside it without rebuilding the consumer, and the consumer still sees version 1's constant,
/// while a <c>static readonly</c> field is read from the library that is actually loaded.
/// </summary>
public static class Versioning
{
    /// <summary>The assembly name of the library, the same in every version (as for a NuGet package's update).</summary>
    public const string LibraryName = "Katas.Versioned";

    /// <summary>The assembly name of the consumer.</summary>
    public const string ConsumerName = "Katas.Consumer";

    /// <summary>
    /// The reference assemblies of .NET 10, shipped inside the Basic.Reference.Assemblies package: nothing is
    /// read from the machine's SDK or downloaded. System.Runtime is all these sources need; one list, made
    /// once, because building a MetadataReference reads and indexes the whole file.
    /// </summary>
    private static readonly MetadataReference[] s_frameworkReferences = [Net100.References.SystemRuntime];

    /// <summary>Given: version <paramref name="version"/> of the library, a constant and a read-only field holding it.</summary>
    public static string LibrarySource(int version) => $$"""
        namespace Katas.Versioned;

        public static class Limits
        {
            public const int ConstMax = {{version}};

            public static readonly int ReadonlyMax = {{version}};
        }
        """;

    /// <summary>Given: the consumer, which reads both values of the library it is compiled against.</summary>
    public const string ConsumerSource = """
        namespace Katas.Consumer;

        public static class Reader
        {
            public static int[] Read() => [Katas.Versioned.Limits.ConstMax, Katas.Versioned.Limits.ReadonlyMax];
        }
        """;

    /// <summary>
    /// Compiles <paramref name="source"/> into a library named <paramref name="assemblyName"/>, in memory,
    /// against .NET 10's reference assemblies and the assemblies in <paramref name="references"/>.
    /// </summary>
    /// <returns>The bytes of the library's dll.</returns>
    /// <exception cref="InvalidOperationException">The source does not compile; the message lists the errors with their ids.</exception>
    public static byte[] Compile(string assemblyName, string source, params IEnumerable<byte[]> references)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyName);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(references);

        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source)],
            [.. s_frameworkReferences, .. references.Select(image => MetadataReference.CreateFromImage(image))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        using var dll = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(dll);
        if (!result.Success)
        {
            IEnumerable<string> errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
            throw new InvalidOperationException($"{assemblyName} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        return dll.ToArray();
    }

    /// <summary>
    /// The experiment: the consumer is compiled against version <paramref name="builtAgainst"/> of the library,
    /// then run beside version <paramref name="deployed"/>, which it was never compiled against.
    /// </summary>
    /// <returns>What the consumer read, of the constant and of the read-only field.</returns>
    public static Observation Observe(int builtAgainst, int deployed)
    {
        byte[] oldLibrary = Compile(LibraryName, LibrarySource(builtAgainst));
        byte[] consumer = Compile(ConsumerName, ConsumerSource, oldLibrary);
        byte[] newLibrary = Compile(LibraryName, LibrarySource(deployed));

        // A load context of our own: the library's name can be loaded once per context, so each experiment
        // needs a fresh one; collectible, so that unloading it frees the assemblies when we are done.
        var context = new DeployedContext(newLibrary);
        try
        {
            Assembly loaded = context.LoadFromStream(new MemoryStream(consumer));
            MethodInfo read = loaded.GetType("Katas.Consumer.Reader", throwOnError: true)!.GetMethod("Read")!;
            int[] seen = (int[])read.Invoke(null, null)!;
            return new Observation(seen[0], seen[1]);
        }
        finally
        {
            GC.KeepAlive(context);
        }
    }

    /// <summary>A collectible context that resolves the library's name to the deployed version.</summary>
    private sealed class DeployedContext(byte[] library) : AssemblyLoadContext("Katas.Versioning", isCollectible: false) // bug
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            // The consumer's reference to Katas.Versioned comes here; everything else (System.Runtime) is
            // left to the default context by returning null.
            assemblyName.Name == LibraryName ? LoadFromStream(new MemoryStream(library)) : null;
    }
}
