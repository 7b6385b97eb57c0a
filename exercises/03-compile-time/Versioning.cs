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
        // TODO: compile with Roslyn, in memory, into a library, against .NET 10's reference assemblies from the
        // Basic.Reference.Assemblies.Net100 package (already referenced; never the files of an installed SDK) and
        // the given assembly images. When the source has errors, throw InvalidOperationException listing them
        // (each with its CS id). Make the framework's references once, not on every call: reading one is slow.
        throw new NotImplementedException("Exercise 3.1 (Versioning.Compile) is not solved yet. Hint: dotnet run --project grader -- hint 3.1");
    }

    /// <summary>
    /// The experiment: the consumer is compiled against version <paramref name="builtAgainst"/> of the library,
    /// then run beside version <paramref name="deployed"/>, which it was never compiled against.
    /// </summary>
    /// <returns>What the consumer read, of the constant and of the read-only field.</returns>
    public static Observation Observe(int builtAgainst, int deployed)
    {
        // TODO: compile the library at builtAgainst, the consumer against it, and the library again at deployed.
        // Then run the consumer beside the deployed library, the way an application runs after only a package
        // was updated: both in a load context of your own that can be unloaded (the library has the same name in
        // every version, and the tests run many experiments in one process), call Reader.Read, and unload it.
        throw new NotImplementedException("Exercise 3.1 (Versioning.Observe) is not solved yet. Hint: dotnet run --project grader -- hint 3.1");
    }
}
