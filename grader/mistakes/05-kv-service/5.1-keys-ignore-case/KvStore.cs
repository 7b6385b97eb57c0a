// Mistake: keys compared ignoring case, so "A" and "a" are one key.
namespace Katas.KvService;

/// <summary>
/// The service's storage core: an in-memory map of keys to versioned values, safe to call from many threads.
/// Values are copied in and out, so no caller can change what is stored behind the store's back.
/// </summary>
public sealed partial class KvStore
{
    // One lock guards the map: every operation is a short critical section, and compare-and-swap needs its
    // check and its write to be one step. A SortedDictionary keeps keys in ordinal order for prefix scans.
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, KvEntry> _entries = new(StringComparer.OrdinalIgnoreCase); // bug

    /// <summary>Exercise 5.1: stores a copy of <paramref name="value"/>; returns the entry with its new version.</summary>
    public KvEntry Put(string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] copy = value.ToArray();
        lock (_gate)
        {
            // An expired key (5.5) is gone: its next write starts over at version 1, and without a TTL.
            long version = TryGetLive(key, out KvEntry? current) ? current.Version + 1 : 1;
            KvEntry entry = Commit(KvChangeKind.Put, new KvEntry(key, copy, version));
            _entries[key] = entry;
            return entry;
        }
    }

    /// <summary>Exercise 5.1: the entry of <paramref name="key"/>, or null when it is absent.</summary>
    public KvEntry? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            // Entries are immutable and their arrays are never handed out writable, so the stored one is safe to share.
            return TryGetLive(key, out KvEntry? entry) ? entry : null;
        }
    }

    /// <summary>Exercise 5.1: removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Delete(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            // An expired key is already gone for the caller; the sweep (5.5) reclaims it.
            if (!TryGetLive(key, out _))
            {
                return false;
            }

            Commit(KvChangeKind.Delete, new KvEntry(key, ReadOnlyMemory<byte>.Empty, 0));
            return _entries.Remove(key);
        }
    }
}
