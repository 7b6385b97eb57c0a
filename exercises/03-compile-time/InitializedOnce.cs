using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.6: the facts of <typeparamref name="T"/>, computed exactly once per type argument, on first use.
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A static member per closed generic type is the lesson.")]
public static class Cache<T>
{
    /// <summary>The facts of <typeparamref name="T"/>, computed on first use.</summary>
    // TODO: compute TypeFacts.Compute<T>() exactly once per T, however many threads ask at the same time,
    // and not before the first use of Cache<T>. Do not use a lock, Lazy<T> or Interlocked.
    public static TypeFacts Facts =>
        throw new NotImplementedException("Exercise 3.6 (Cache.Facts) is not solved yet. Hint: dotnet run --project grader -- hint 3.6");
}

/// <summary>
/// Exercise 3.6: a lookup table computed once, at start-up, and read-only forever after: the run-time
/// counterpart of a table the compiler builds (exercise 3.7).
/// </summary>
public static class Keywords
{
    /// <summary>The keyword table, built once from <see cref="KeywordSource.Pairs"/> (case-sensitive).</summary>
    // TODO: build the table from KeywordSource.Pairs() once for the whole program, as a collection made for
    // many fast reads that nobody can change.
    public static FrozenDictionary<string, int> Table =>
        throw new NotImplementedException("Exercise 3.6 (Keywords.Table) is not solved yet. Hint: dotnet run --project grader -- hint 3.6");

    /// <summary>The token id of <paramref name="word"/>, or 0 when it is not a keyword (case-sensitive).</summary>
    public static int IdOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // TODO: look the word up in Table.
        throw new NotImplementedException("Exercise 3.6 (Keywords.IdOf) is not solved yet. Hint: dotnet run --project grader -- hint 3.6");
    }
}
