using System.Globalization;

namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.5")]
public sealed class WordFrequenciesHiddenTests
{
    public static TheoryData<string> Methods =>
        [nameof(WordFrequencies.CountWithAggregate), nameof(WordFrequencies.CountWithParallelForEach)];

    [KataTheory]
    [MemberData(nameof(Methods))]
    public void Turkish_culture_does_not_change_the_words(string method)
    {
        // In tr-TR, "I".ToLower() is "ı" (dotless i). The culture flows to the worker threads, so code that
        // lowercases with the current culture instead of using Words would count "ıt" instead of "it".
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
        try
        {
            Dictionary<string, int> counts = Count(method, ["It is I, said IT.", "i"]);

            counts.Should().BeEquivalentTo(new Dictionary<string, int> { ["it"] = 2, ["is"] = 1, ["i"] = 2, ["said"] = 1 },
                "words are lowercased with the invariant culture, whatever the machine's culture");
            Count(method, Genesis()).Should().BeEquivalentTo(WordFrequencies.CountSequential(Genesis()));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [KataTheory]
    [MemberData(nameof(Methods))]
    public void No_lines_or_lines_without_letters_give_no_words(string method)
    {
        Count(method, []).Should().BeEmpty("there is nothing to count");
        Count(method, ["", "   ", "-- ; ''", "1533."]).Should().BeEmpty("punctuation and digits are not words");
    }

    [KataTheory]
    [MemberData(nameof(Methods))]
    public void One_line_is_counted_exactly(string method)
    {
        Dictionary<string, int> counts = Count(method, ["The LORD God, the LORD's word; sons' sons."]);

        counts.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["the"] = 2, ["lord"] = 1, ["god"] = 1, ["lord's"] = 1, ["word"] = 1, ["sons"] = 2,
        });
    }

    [KataTheory]
    [MemberData(nameof(Methods))]
    public void Ten_thousand_streamed_lines_are_counted_exactly(string method)
    {
        // Lines arrive one by one, as from a file, so the workers take them in chunks as they go.
        // Every line has "every", one of 100 words by i % 100 and one of 7 by i % 7: any count lost or
        // counted twice by two workers sharing a dictionary shows up in the exact totals.
        var expected = new Dictionary<string, int> { ["every"] = 10_000 };
        for (int i = 0; i < 10_000; i++)
        {
            foreach (string word in new[] { Word(i % 100), Word(100 + (i % 7)) })
            {
                expected[word] = expected.GetValueOrDefault(word) + 1;
            }
        }

        Count(method, Lines(10_000)).Should().BeEquivalentTo(expected);

        static IEnumerable<string> Lines(int count)
        {
            for (int i = 0; i < count; i++)
            {
                yield return $"Every {Word(i % 100)}, {Word(100 + (i % 7))}.";
            }
        }
    }

    [KataTheory]
    [MemberData(nameof(Methods))]
    public void Fifty_runs_over_ten_thousand_different_words_never_lose_a_count(string method)
    {
        // Every line has two words no other line has, so every worker ends with a big dictionary, and
        // the workers run out of lines together: their final merges overlap. A merge into the shared
        // result without a lock then loses counts or throws in a good fraction of the runs; fifty runs
        // leave such a race very little room to hide. A correct fold gives the same counts every time.
        string[] lines = [.. Enumerable.Range(0, 5_000).Select(i => $"{Word(2 * i)} {Word((2 * i) + 1)} common")];
        Dictionary<string, int> expected = Enumerable.Range(0, 10_000).ToDictionary(Word, _ => 1);
        expected["common"] = 5_000;

        for (int run = 1; run <= 50; run++)
        {
            Dictionary<string, int> counts = Count(method, lines);

            // A plain comparison: fifty structural comparisons of 10,001 entries would be slow.
            string[] wrong = [.. expected.Keys.Union(counts.Keys)
                .Where(word => counts.GetValueOrDefault(word) != expected.GetValueOrDefault(word))
                .Take(5)
                .Select(word => $"\"{word}\" {counts.GetValueOrDefault(word)} times instead of {expected.GetValueOrDefault(word)}")];
            wrong.Should().BeEmpty(
                $"run {run} of {method} must count exactly like a one-thread count; look at how the "
                + "workers' dictionaries are merged into the result");
        }
    }

    [KataFact]
    public void Null_input_is_rejected()
    {
        FluentActions.Invoking(() => WordFrequencies.CountWithAggregate(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("lines");
        FluentActions.Invoking(() => WordFrequencies.CountWithParallelForEach(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("lines");
        FluentActions.Invoking(() => WordFrequencies.CountSequential(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("lines");
        // The given Words checks its line at the call, before anything is enumerated.
        FluentActions.Invoking(() => WordFrequencies.Words(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("line");
    }

    /// <summary>The word number <paramref name="n"/>, spelt in letters: 0 is "a", 25 is "z", 26 is "ba"...</summary>
    private static string Word(int n) => n < 26 ? ((char)('a' + n)).ToString() : Word(n / 26) + (char)('a' + (n % 26));

    private static string[] Genesis() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "genesis-kjv.txt"));

    private static Dictionary<string, int> Count(string method, IEnumerable<string> lines) => method switch
    {
        nameof(WordFrequencies.CountWithAggregate) => WordFrequencies.CountWithAggregate(lines),
        nameof(WordFrequencies.CountWithParallelForEach) => WordFrequencies.CountWithParallelForEach(lines),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown counting method."),
    };
}
