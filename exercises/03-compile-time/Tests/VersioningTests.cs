using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Katas.CompileTime.Tests;

[Exercise("3.1", "const against static readonly: the versioning trap", Points = 10, StudentFiles = "Versioning.cs", Hint = """
    A const is not stored anywhere a caller can look it up later: the compiler writes its value into every
    place that uses it, in the caller's own assembly. A static readonly field is a real field, read when the
    code runs. You can see the difference only by experiment: build a consumer against one version of a
    library, then run it beside another version, without building it again. What must be rebuilt for the
    consumer to see the new constant, and how can one process load two builds of a library with the same name?
    """, MoreHint = """
    Roslyn compiles in memory: CSharpCompilation.Create with a syntax tree (CSharpSyntaxTree.ParseText),
    references (Basic.Reference.Assemblies' Net100.References, MetadataReference.CreateFromImage for the
    bytes of a library) and CSharpCompilationOptions for a library; Emit to a MemoryStream and look at
    EmitResult.Success and Diagnostics. To run: a class derived from AssemblyLoadContext, created collectible,
    whose Load override returns the deployed library for its name; LoadFromStream, reflection to call
    Reader.Read, then Unload.
    Docs: https://learn.microsoft.com/dotnet/standard/assembly/unloadability
    """, Recap = """
    A public const is part of your API's contract forever: callers keep the value they were compiled with.
    Use const only for what can never change (Rust's const is inlined the same way, but Rust rebuilds every
    crate from source); a value that may change in the next version belongs in a static readonly field.
    """)]
public sealed class VersioningTests
{
    [KataFact]
    public void Compile_builds_a_library_in_memory()
    {
        byte[] library = Versioning.Compile(Versioning.LibraryName, Versioning.LibrarySource(1));

        using var pe = new PEReader(new MemoryStream(library));
        MetadataReader metadata = pe.GetMetadataReader();
        metadata.GetString(metadata.GetAssemblyDefinition().Name).Should().Be("Katas.Versioned", "the assembly gets the name it was given");
        metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)).Should().Contain("Limits",
            "the library's source defines Katas.Versioned.Limits");
        pe.PEHeaders.IsDll.Should().BeTrue("the output is a library, not a program");
    }

    [KataFact]
    public void Compile_reports_the_errors_by_their_ids()
    {
        Action broken = () => Versioning.Compile("Katas.Broken", "public class { }");

        broken.Should().Throw<InvalidOperationException>("source that does not compile has no dll to return")
            .Which.Message.Should().Contain("CS1001", "the message lists each error with its id (CS1001: identifier expected)");
    }

    [KataFact]
    public void The_consumer_copies_the_constant_and_refers_to_the_field()
    {
        byte[] library = Versioning.Compile(Versioning.LibraryName, Versioning.LibrarySource(1));
        byte[] consumer = Versioning.Compile(Versioning.ConsumerName, Versioning.ConsumerSource, library);

        using var pe = new PEReader(new MemoryStream(consumer));
        MetadataReader metadata = pe.GetMetadataReader();
        List<string> referenced = [.. metadata.MemberReferences.Select(m => metadata.GetString(metadata.GetMemberReference(m).Name))];
        referenced.Should().Contain("ReadonlyMax", "reading a static readonly field is a reference to the library's field, resolved at run time");
        referenced.Should().NotContain("ConstMax", "a const leaves no reference behind: its value was copied into the consumer's IL");
    }

    [KataFact]
    public void A_consumer_not_rebuilt_sees_the_old_const_and_the_new_readonly_field()
    {
        Observation seen = Versioning.Observe(builtAgainst: 1, deployed: 2);

        seen.ConstSeen.Should().Be(1, "the consumer was compiled against version 1, and a const is copied into it then; run it against the deployed version 2, without rebuilding it");
        seen.ReadonlySeen.Should().Be(2, "a static readonly field is read from the library that is loaded, version 2");
    }
}
