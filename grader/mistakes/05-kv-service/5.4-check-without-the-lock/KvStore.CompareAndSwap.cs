// Mistake: the version is checked before taking the lock, so the check and the write are not one critical section.
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
        byte[] copy = value.ToArray();
        long current = TryGetLive(key, out KvEntry? entry) ? entry.Version : 0; // bug: outside the lock
        if (current != expectedVersion)
        {
            throw new VersionMismatchException(key, expectedVersion, current);
        }

        OnVersionMatched?.Invoke(key);
        lock (_gate)
        {
            KvEntry swapped = Commit(KvChangeKind.Put, new KvEntry(key, copy, current + 1));
            _entries[key] = swapped;
            return swapped;
        }
    }
}
