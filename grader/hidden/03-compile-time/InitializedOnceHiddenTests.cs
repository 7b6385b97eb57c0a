namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.6")]
public sealed class InitializedOnceHiddenTests
{
    [KataFact]
    public void Keyword_lookup_is_case_sensitive_and_rejects_null()
    {
        Keywords.IdOf("Let").Should().Be(0, "keywords are matched with an ordinal, case-sensitive comparer");
        Keywords.IdOf("").Should().Be(0, "the empty string is not a keyword");
        Keywords.Table.Comparer.Should().Be(StringComparer.Ordinal, "the table compares keywords ordinally");
        Action nullWord = () => Keywords.IdOf(null!);
        nullWord.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("word", "a null word is the caller's mistake");
    }

    [KataFact]
    public void The_keyword_table_cannot_be_changed_and_is_built_once_under_racing_readers()
    {
        Parallel.For(0, 100, i => Keywords.IdOf("while").Should().Be(5, "every reader sees the whole table"));

        KeywordSource.Builds.Should().Be(1, "racing readers still share one table");
        Keywords.Table.Should().BeAssignableTo<IReadOnlyDictionary<string, int>>("a frozen dictionary is read-only");
    }

    [KataFact]
    public void Every_closed_type_has_its_own_cache_computed_once()
    {
        Cache<int>.Facts.Size.Should().Be(4, "Cache<int> holds the facts of int");
        Cache<long>.Facts.Size.Should().Be(8, "Cache<long> holds the facts of long");
        Cache<int?>.Facts.Name.Should().Be("Nullable`1", "int? is a type of its own");
        Cache<List<string>>.Facts.ContainsReferences.Should().BeTrue("a class is a reference");
        Cache<(int, string)>.Facts.ContainsReferences.Should().BeTrue("a tuple with a string contains a reference");
        _ = Cache<int>.Facts;
        _ = Cache<long>.Facts;

        TypeFacts.Computations<int>().Should().Be(1, "one computation per type argument");
        TypeFacts.Computations<long>().Should().Be(1, "one computation per type argument");
        TypeFacts.Computations<(int, string)>().Should().Be(1, "one computation per type argument");
    }

    [KataFact]
    public void Many_threads_racing_for_a_reference_type_compute_once()
    {
        using var probe = new ConcurrencyProbe(patience: TimeSpan.FromSeconds(1));
        TypeFacts.OnCompute = type =>
        {
            if (type == typeof(Uri))
            {
                probe.Arrive();
            }
        };
        try
        {
            Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => Cache<Uri>.Facts.Should().NotBeNull("Facts is never null"));
        }
        finally
        {
            TypeFacts.OnCompute = null;
        }

        TypeFacts.Computations<Uri>().Should().Be(1, "the initialiser runs exactly once");
    }
}
