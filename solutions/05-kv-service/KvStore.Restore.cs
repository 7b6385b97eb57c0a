namespace Katas.KvService;

/// <summary>Exercise 5.7: putting the log's entries back into the store on start.</summary>
public sealed partial class KvStore
{
    /// <summary>
    /// Exercise 5.7: puts <paramref name="entry"/>, read back from the log, into the store exactly as it was: key,
    /// value, version, revision and expiry. It is not a new write: nothing is published or logged.
    /// </summary>
    public void Restore(KvEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            // The version is the logged one, not one more than the key's: the next write goes on from it.
            _entries[entry.Key] = entry;
            // A restored key with a TTL expires on its logged deadline, and the sweep must know it (5.5).
            if (entry.ExpiresAt is { } expiresAt)
            {
                _deadlines.Enqueue(entry.Key, expiresAt);
            }
        }
    }
}
