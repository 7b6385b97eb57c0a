using System.Collections.Frozen;
using System.Reflection;

namespace Katas.CompileTime.Tests;

[Exercise("3.6", "Initialised once: per-type caches and frozen tables", Points = 15, StudentFiles = "InitializedOnce.cs", Hint = """
    The runtime already knows how to run code exactly once, on first use, even when many threads arrive
    together: it does it for every type's static initialiser. And a generic class is a different type for
    every type argument. How can those two facts give you a cache per T with no lock of your own?
    For the keyword table: where does an initialiser run once for the whole program, and which collection
    is made to be built once and read many times?
    """, MoreHint = """
    Put the computation in a static constructor of Cache<T> (or a static readonly field initialiser),
    and read the field. An explicit static constructor removes the beforefieldinit flag, so it runs at
    first use, not at a time the runtime chooses. For Keywords, a static get-only property with an
    initialiser and ToFrozenDictionary with an ordinal comparer (System.Collections.Frozen).
    Docs: https://learn.microsoft.com/dotnet/csharp/programming-guide/classes-and-structs/static-constructors
    """, Recap = """
    Static initialisers run once per closed type, under the runtime's own lock: a generic static class is a
    free, race-free cache per T. FrozenDictionary is "computed once at start-up"; 3.7 moves a table to build time.
    """)]
public sealed class InitializedOnceTests
{
    [KataFact]
    public void Facts_are_right_and_computed_once_per_type()
    {
        TypeFacts first = Cache<Guid>.Facts;
        TypeFacts second = Cache<Guid>.Facts;

        first.Should().BeSameAs(second, "Cache<T> hands out the one TypeFacts it computed");
        first.Should().Be(new TypeFacts("Guid", 16, ContainsReferences: false), "the facts are TypeFacts.Compute<T>()'s");
        TypeFacts.Computations<Guid>().Should().Be(1, "TypeFacts.Compute<Guid>() must run once, however often Facts is read");
        Cache<string>.Facts.Should().Be(new TypeFacts("String", IntPtr.Size, ContainsReferences: true), "each T has its own facts");
    }

    [KataFact]
    public void Many_threads_asking_at_once_still_compute_once()
    {
        // Compute waits for a second caller (up to a second): an unguarded "if null, compute" lets two
        // threads in; the runtime's type initialisation lets one in and makes the others wait.
        using var probe = new ConcurrencyProbe(patience: TimeSpan.FromSeconds(1));
        TypeFacts.OnCompute = type =>
        {
            if (type == typeof(DateOnly))
            {
                probe.Arrive();
            }
        };
        var seen = new TypeFacts[64];
        try
        {
            Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => seen[i] = Cache<DateOnly>.Facts);
        }
        finally
        {
            TypeFacts.OnCompute = null;
        }

        TypeFacts.Computations<DateOnly>().Should().Be(1, "the initialiser of Cache<DateOnly> must run exactly once, even with four threads racing");
        seen.Distinct().Should().ContainSingle("every thread must see the same instance");
        probe.SawConcurrency.Should().BeFalse("two threads were inside Compute at the same time");
    }

    [KataFact]
    public void Cache_runs_its_initialiser_at_first_use_not_earlier()
    {
        typeof(Cache<>).Attributes.HasFlag(TypeAttributes.BeforeFieldInit).Should().BeFalse(
            "with beforefieldinit the runtime may run the initialiser whenever it likes before the first field access; a static constructor pins it to first use");
    }

    [KataFact]
    public void Keywords_are_frozen_and_built_once()
    {
        FrozenDictionary<string, int> table = Keywords.Table;

        Keywords.Table.Should().BeSameAs(table, "the table is built once and shared");
        table.Should().HaveCount(11, "KeywordSource has eleven keywords");
        Keywords.IdOf("let").Should().Be(1, "ids come from KeywordSource");
        Keywords.IdOf("false").Should().Be(11, "ids come from KeywordSource");
        Keywords.IdOf("banana").Should().Be(0, "a word that is not a keyword has id 0");
        _ = Keywords.IdOf("match");
        KeywordSource.Builds.Should().Be(1, "KeywordSource.Pairs() is enumerated once for the whole program, not per read");
    }
}
