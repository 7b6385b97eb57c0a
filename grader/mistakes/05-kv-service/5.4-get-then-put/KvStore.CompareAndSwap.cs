// Mistake: compare-and-swap built from Get and Put: two critical sections, so two swappers can both see the expected version.
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
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        long current = Get(key)?.Version ?? 0; // bug: the check and the write are separate steps
        if (current != expectedVersion)
        {
            throw new VersionMismatchException(key, expectedVersion, current);
        }

        OnVersionMatched?.Invoke(key);
        return Put(key, value);
    }
}
