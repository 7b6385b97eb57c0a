using System.Text.RegularExpressions;

namespace Katas.Parallelism.Tests;

[Exercise("1.5", "Fold: word frequencies with per-thread dictionaries", Points = 15, Hint = """
    A Dictionary is not thread-safe: two workers adding to one dictionary lose counts or corrupt it. The
    loop you are parallelizing is CountSequential.
    Think about it: what if no dictionary is ever shared while counting? Each worker would need one of its
    own, and someone must put them together at the end. Which part of that can run at the same time as
    another worker, and which part needs care?
    """, MoreHint = """
    PLINQ: the Aggregate overload whose first argument is a Func that creates the seed (one per worker), with a
    combine function that merges two dictionaries. Parallel.ForEach: the overload with localInit (one dictionary
    per worker) and localFinally (runs once per worker when it is done; several can run at once, so the merge
    takes a lock). CollectionsMarshal.GetValueRefOrAddDefault adds to a count in one lookup.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/how-to-write-a-parallel-foreach-loop-with-partition-local-variables
    """, Recap = """
    Fold, then combine: every worker accumulates into state of its own, and the states are merged once per
    worker (rayon's fold followed by reduce). Nothing is locked per item; one merge per worker is.
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*WordFrequencies*' --job short")]
public sealed class WordFrequenciesTests
{
    private static readonly string[] s_genesis =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "genesis-kjv.txt"));

    [KataTheory]
    [InlineData(nameof(WordFrequencies.CountWithAggregate))]
    [InlineData(nameof(WordFrequencies.CountWithParallelForEach))]
    public void Known_words_of_Genesis_have_their_known_counts(string method)
    {
        Dictionary<string, int> counts = Count(method, s_genesis);

        // Counted once with grep over fixtures/corpus/genesis-kjv.txt, with the rule of WordFrequencies.Words.
        counts.Should().Contain("and", 3_678, $"{method} must count every word once; a shared dictionary loses counts");
        counts.Should().Contain("god", 230);
        counts.Should().Contain("joseph", 138, "\"Joseph's\" is the word \"joseph's\", not \"joseph\"");
        counts.Should().Contain("father's", 32);
        counts.Should().Contain("i", 484, "\"I\" is lowercased to \"i\"");
        counts.Should().HaveCount(2_503, "Genesis has 2,503 different words");
        counts.Values.Sum().Should().Be(38_265, "Genesis has 38,265 words in all");
    }

    [KataTheory]
    [InlineData(nameof(WordFrequencies.CountWithAggregate))]
    [InlineData(nameof(WordFrequencies.CountWithParallelForEach))]
    public void Every_count_agrees_with_an_independent_sequential_count(string method)
    {
        Dictionary<string, int> counts = Count(method, s_genesis);

        counts.Should().BeEquivalentTo(ReferenceCount(s_genesis),
            $"{method} must find every word of the corpus exactly as often as a one-thread count does");
    }

    [KataTheory]
    [InlineData(nameof(WordFrequencies.CountWithAggregate))]
    [InlineData(nameof(WordFrequencies.CountWithParallelForEach))]
    public void The_lines_are_counted_on_several_threads_at_once(string method)
    {
        // PLINQ and Parallel.ForEach read an IList by index from every worker at once; CountSequential reads
        // it on one thread. The probe opens only when two workers read lines at the same time.
        using var probe = new ConcurrencyProbe();
        var lines = new WatchedList<string>(s_genesis, probe.Arrive);

        Dictionary<string, int> counts = Count(method, lines);

        counts.Values.Sum().Should().Be(38_265, "Genesis has 38,265 words in all");
        probe.SawConcurrency.Should().BeTrue(
            $"{method} must count on several workers at the same time, each into a dictionary of its own; "
            + "calling CountSequential gives the right counts on one thread, which is not the exercise");
    }

    private static Dictionary<string, int> Count(string method, IEnumerable<string> lines) => method switch
    {
        nameof(WordFrequencies.CountWithAggregate) => WordFrequencies.CountWithAggregate(lines),
        nameof(WordFrequencies.CountWithParallelForEach) => WordFrequencies.CountWithParallelForEach(lines),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown counting method."),
    };

    /// <summary>The same rule as WordFrequencies.Words, written another way: the corpus is plain ASCII.</summary>
    private static Dictionary<string, int> ReferenceCount(IEnumerable<string> lines) =>
        lines.SelectMany(line => Regex.Matches(line, "[A-Za-z']+").Select(match => match.Value.Trim('\'')))
            .Where(word => word.Length > 0)
            .GroupBy(word => word.ToLowerInvariant())
            .ToDictionary(group => group.Key, group => group.Count());
}
