using System.Runtime.CompilerServices;

namespace Katas.CompileTime;

/// <summary>Facts about a type that cost something to work out, computed once per type by <see cref="Cache{T}"/>.</summary>
/// <param name="Name">The type's name.</param>
/// <param name="Size">Bytes a value of the type takes in a field or an array element (a reference for classes).</param>
/// <param name="ContainsReferences">True when the GC must scan values of the type.</param>
public sealed record TypeFacts(string Name, int Size, bool ContainsReferences)
{
    /// <summary>Called inside every <see cref="Compute{T}"/>, before the facts are made (the tests slow it down to catch races).</summary>
    public static Action<Type>? OnCompute { get; set; }

    /// <summary>Works out the facts of <typeparamref name="T"/> and counts the call. Given: the initialiser <see cref="Cache{T}"/> runs.</summary>
    public static TypeFacts Compute<T>()
    {
        Interlocked.Increment(ref Counter<T>.Computations);
        OnCompute?.Invoke(typeof(T));
        return new TypeFacts(typeof(T).Name, Unsafe.SizeOf<T>(), RuntimeHelpers.IsReferenceOrContainsReferences<T>());
    }

    /// <summary>How many times <see cref="Compute{T}"/> has run for <typeparamref name="T"/>.</summary>
    public static int Computations<T>() => Volatile.Read(ref Counter<T>.Computations);

    private static class Counter<T>
    {
        public static int Computations;
    }
}

/// <summary>The keywords of a tiny language and their token ids. Given: the source <see cref="Keywords"/> freezes.</summary>
public static class KeywordSource
{
    private static int s_builds;

    /// <summary>How many times <see cref="Pairs"/> has been enumerated: each is one build of a table.</summary>
    public static int Builds => Volatile.Read(ref s_builds);

    /// <summary>Called once per enumeration of <see cref="Pairs"/> (the tests slow it down to catch races).</summary>
    public static Action? OnBuild { get; set; }

    /// <summary>The keywords with their ids; every enumeration counts as one build.</summary>
    public static IEnumerable<KeyValuePair<string, int>> Pairs()
    {
        Interlocked.Increment(ref s_builds);
        OnBuild?.Invoke();
        string[] words = ["let", "fn", "if", "else", "while", "return", "const", "static", "match", "true", "false"];
        for (int i = 0; i < words.Length; i++)
        {
            yield return new KeyValuePair<string, int>(words[i], i + 1);
        }
    }
}
