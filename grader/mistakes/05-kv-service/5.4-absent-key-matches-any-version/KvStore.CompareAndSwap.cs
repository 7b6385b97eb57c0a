// Mistake: an absent key accepts any expected version, so a swap can resurrect a deleted key.
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
        lock (_gate)
        {
            // The check and the write are one critical section: no other writer can slip in between. An expired
            // key (5.5) is absent: version 0.
            long current = TryGetLive(key, out KvEntry? entry) ? entry.Version : 0;
            if (current != expectedVersion && current != 0) // bug: absent matches anything
            {
                throw new VersionMismatchException(key, expectedVersion, current);
            }

            OnVersionMatched?.Invoke(key);
            KvEntry swapped = Commit(KvChangeKind.Put, new KvEntry(key, copy, current + 1));
            _entries[key] = swapped;
            return swapped;
        }
    }
}
