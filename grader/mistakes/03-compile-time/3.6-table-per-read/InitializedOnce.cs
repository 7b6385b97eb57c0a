// Mistake: an expression-bodied property (=>) builds a new table on every read; an initialiser ({ get; } =) builds it once.
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.6: the facts of <typeparamref name="T"/>, computed exactly once per type argument, on first use.
/// </summary>
/// <remarks>
/// A static generic class has one set of static fields per closed type (<c>Cache&lt;int&gt;</c> and
/// <c>Cache&lt;string&gt;</c> are different types), and the runtime runs a type's initialiser once, under a
/// lock, before the first access: once per T, race-free, with no code of ours. The explicit static
/// constructor takes away the <c>beforefieldinit</c> flag, which would let the runtime run the initialiser
/// at any time before the first field access (earlier, or for a type whose field is never read); without
/// the flag it runs exactly at first use. The price: the JIT may keep a "has it run?" check in methods
/// that touch the class before tier 1 removes it.
/// </remarks>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A static member per closed generic type is the lesson.")]
public static class Cache<T>
{
    static Cache()
    {
        Facts = TypeFacts.Compute<T>();
    }

    /// <summary>The facts of <typeparamref name="T"/>, computed on first use.</summary>
    public static TypeFacts Facts { get; }
}

/// <summary>
/// Exercise 3.6: a lookup table computed once, at start-up, and read-only forever after: the run-time
/// counterpart of a table the compiler builds (exercise 3.7).
/// </summary>
public static class Keywords
{
    /// <summary>
    /// The keyword table. A static property initialiser runs once, in the type's initialiser;
    /// FrozenDictionary spends more time building in exchange for faster reads, the right trade for a
    /// table that is built once and read millions of times.
    /// </summary>
    public static FrozenDictionary<string, int> Table => KeywordSource.Pairs().ToFrozenDictionary(StringComparer.Ordinal); // bug

    /// <summary>The token id of <paramref name="word"/>, or 0 when it is not a keyword (case-sensitive).</summary>
    public static int IdOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Table.TryGetValue(word, out int id) ? id : 0;
    }
}
