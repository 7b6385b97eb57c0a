using System.Diagnostics.CodeAnalysis;

namespace Katas.KvService;

/// <summary>Exercise 5.5: keys with a time to live.</summary>
public sealed partial class KvStore
{
    // Every deadline set, earliest first, so the sweep finds the expired keys without scanning the map. A key
    // written again keeps its old deadline in the queue (removing from a heap is a search); the sweep checks
    // the entry it finds, so a stale deadline removes nothing.
    private readonly PriorityQueue<string, DateTimeOffset> _deadlines = new();

    /// <summary>
    /// Exercise 5.5: stores a copy of <paramref name="value"/> that expires <paramref name="ttl"/> after this write
    /// (null: never, as Put without a TTL); returns the entry with its new version and its expiry.
    /// </summary>
    public KvEntry Put(string key, ReadOnlySpan<byte> value, TimeSpan? ttl)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ttl is not { } timeToLive)
        {
            return Put(key, value);
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero, nameof(ttl));
        byte[] copy = value.ToArray();
        lock (_gate)
        {
            // The TTL counts from this write, not from the key's first one: a key kept alive by writes stays.
            DateTimeOffset expiresAt = _time.GetUtcNow() + timeToLive;
            long version = TryGetLive(key, out KvEntry? current) ? current.Version + 1 : 1;
            KvEntry entry = Commit(KvChangeKind.Put, new KvEntry(key, copy, version) { ExpiresAt = expiresAt });
            _entries[key] = entry;
            _deadlines.Enqueue(key, expiresAt);
            return entry;
        }
    }

    /// <summary>
    /// Exercise 5.5: removes expired keys, looking at no more than <paramref name="maxDeadlines"/> deadlines so
    /// the lock is held briefly; returns how many keys it removed. A background service calls it periodically.
    /// </summary>
    public int SweepExpired(int maxDeadlines)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDeadlines);
        int removed = 0;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            for (int looked = 0; looked < maxDeadlines && _deadlines.TryPeek(out string? key, out DateTimeOffset deadline) && deadline <= now; looked++)
            {
                _deadlines.Dequeue();
                // The deadline may be stale: the key was written again since (a later TTL, or none) or deleted.
                // Only the entry's own expiry counts.
                if (_entries.TryGetValue(key, out KvEntry? entry) && !IsLive(entry, now))
                {
                    Commit(KvChangeKind.Expire, new KvEntry(key, ReadOnlyMemory<byte>.Empty, 0));
                    _entries.Remove(key);
                    removed++;
                }
            }
        }

        return removed;
    }

    // Lazy expiry: every read and write asks this, so an expired key is invisible the moment its time is up,
    // whether or not the sweep has reached it. Called with _gate held.
    private bool TryGetLive(string key, [NotNullWhen(true)] out KvEntry? entry) =>
        _entries.TryGetValue(key, out entry) && IsLive(entry, _time.GetUtcNow());

    // A key is live strictly before its deadline: at ExpiresAt it is gone.
    private static bool IsLive(KvEntry entry, DateTimeOffset now) => entry.ExpiresAt is not { } expiresAt || now < expiresAt;
}
