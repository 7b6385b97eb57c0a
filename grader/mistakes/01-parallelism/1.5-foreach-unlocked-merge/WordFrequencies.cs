// Mistake: localFinally runs at the end, so it needs no lock; but several workers end at the same time.
using System.Runtime.InteropServices;

namespace Katas.Parallelism;

/// <summary>Exercise 1.5: fold. Count words in parallel with one dictionary per worker, then combine.</summary>
public static class WordFrequencies
{
    /// <summary>
    /// Splits <paramref name="line"/> into words, the rule every counting method here shares. A word is a run
    /// of letters (<see cref="char.IsLetter(char)"/>) and apostrophes that starts and ends with a letter, so
    /// "father's" is one word and the apostrophe of "sons'" is dropped. Words are lowercased with the
    /// invariant culture: "I" becomes "i" on every machine, Turkish ones included.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    public static IEnumerable<string> Words(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Split(line);

        // An iterator runs only when enumerated; the check above is in the outer method so that a null
        // line is reported at the call, not at the first MoveNext.
        static IEnumerable<string> Split(string line)
        {
            int i = 0;
            while (true)
            {
                while (i < line.Length && !char.IsLetter(line[i]))
                {
                    i++;
                }

                if (i == line.Length)
                {
                    yield break;
                }

                int start = i;
                int end = i + 1;
                while (i < line.Length && (char.IsLetter(line[i]) || line[i] == '\''))
                {
                    if (char.IsLetter(line[i]))
                    {
                        end = i + 1;
                    }

                    i++;
                }

                yield return line[start..end].ToLowerInvariant();
            }
        }
    }

    /// <summary>
    /// Counts the <see cref="Words"/> of <paramref name="lines"/> on one thread: the reference the parallel
    /// methods must agree with, and the loop they parallelize.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is null.</exception>
    public static Dictionary<string, int> CountSequential(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            foreach (string word in Words(line))
            {
                // One hash lookup: a ref to the count, added as 0 if the word is new.
                CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _)++;
            }
        }

        return counts;
    }

    /// <summary>
    /// Counts the <see cref="Words"/> of <paramref name="lines"/> on every core with PLINQ's Aggregate.
    /// Returns the same counts as <see cref="CountSequential"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is null.</exception>
    public static Dictionary<string, int> CountWithAggregate(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);

        // The seed FACTORY runs once per worker, so every worker counts into a dictionary of its own and
        // no dictionary is ever touched by two threads at once. (The overload that takes a seed VALUE would
        // hand one dictionary to every worker: a data race that loses counts or corrupts the dictionary.)
        // Each combine call gets two dictionaries whose workers are done with them, so merging one into
        // the other needs no lock either.
        return lines.AsParallel().Aggregate(
            seedFactory: () => new Dictionary<string, int>(StringComparer.Ordinal),
            updateAccumulatorFunc: (counts, line) =>
            {
                AddWords(counts, line);
                return counts;
            },
            combineAccumulatorsFunc: Merge,
            resultSelector: counts => counts);
    }

    /// <summary>
    /// Counts the <see cref="Words"/> of <paramref name="lines"/> on every core with Parallel.ForEach.
    /// Returns the same counts as <see cref="CountSequential"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is null.</exception>
    public static Dictionary<string, int> CountWithParallelForEach(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);

        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        Parallel.ForEach(
            lines,
            localInit: () => new Dictionary<string, int>(StringComparer.Ordinal),
            body: (line, _, counts) =>
            {
                AddWords(counts, line);
                return counts;
            },
            localFinally: counts => AddCounts(totals, counts)); // bug: two workers can merge into totals at once

        return totals;
    }

    /// <summary>Adds the words of <paramref name="line"/> to <paramref name="counts"/>.</summary>
    private static void AddWords(Dictionary<string, int> counts, string line)
    {
        foreach (string word in Words(line))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _)++;
        }
    }

    /// <summary>Adds every count of <paramref name="source"/> to <paramref name="target"/>.</summary>
    private static void AddCounts(Dictionary<string, int> target, Dictionary<string, int> source)
    {
        foreach ((string word, int count) in source)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(target, word, out _) += count;
        }
    }

    /// <summary>Merges two workers' dictionaries, copying the smaller into the larger.</summary>
    private static Dictionary<string, int> Merge(Dictionary<string, int> left, Dictionary<string, int> right)
    {
        (Dictionary<string, int> larger, Dictionary<string, int> smaller) = left.Count >= right.Count ? (left, right) : (right, left);
        AddCounts(larger, smaller);
        return larger;
    }
}
