namespace Katas.KvService;

/// <summary>Exercise 5.4: compare-and-swap, the store's one conditional write.</summary>
public sealed partial class KvStore
{
    /// <summary>For tests: called inside CompareAndSwap after the version matched and before the write.</summary>
    public Action<string>? OnVersionMatched { get; set; }

    /// <summary>
    /// Exercise 5.4: writes <paramref name="value"/> only if <paramref name="key"/> is at
    /// <paramref name="expectedVersion"/> (0: the key must not exist); otherwise throws VersionMismatchException.
    /// </summary>
    public KvEntry CompareAndSwap(string key, long expectedVersion, ReadOnlySpan<byte> value)
    {
        // TODO: when the key's current version (0 if absent) is expectedVersion, write the value with the next
        // version and return the entry; otherwise throw VersionMismatchException with the current version.
        // Of many callers racing with the same expected version, exactly one may win. Call OnVersionMatched(key)
        // between the check and the write. Do not build it from Get and Put.
        throw new NotImplementedException("Exercise 5.4 (KvStore.CompareAndSwap) is not solved yet. Hint: dotnet run --project grader -- hint 5.4");
    }
}
