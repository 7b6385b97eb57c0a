namespace Katas.KvService;

/// <summary>Exercise 5.5: keys with a time to live.</summary>
public sealed partial class KvStore
{
    /// <summary>
    /// Exercise 5.5: stores a copy of <paramref name="value"/> that expires <paramref name="ttl"/> after this write
    /// (null: never, as Put without a TTL); returns the entry with its new version and its expiry.
    /// </summary>
    public KvEntry Put(string key, ReadOnlySpan<byte> value, TimeSpan? ttl)
    {
        // TODO: write the entry as Put does, with ExpiresAt set to Time's UTC now plus the TTL of this write. A TTL
        // of zero or less is an ArgumentOutOfRangeException naming ttl. From its deadline on (at ExpiresAt
        // exactly, too) a key is gone for Get, List, CompareAndSwap and Delete: go back to them, and to Put,
        // whose next write of an expired key starts over at version 1.
        throw new NotImplementedException("Exercise 5.5 (KvStore.Put with a TTL) is not solved yet. Hint: dotnet run --project grader -- hint 5.5");
    }

    /// <summary>
    /// Exercise 5.5: removes expired keys, looking at no more than <paramref name="maxDeadlines"/> deadlines so
    /// the lock is held briefly; returns how many keys it removed. A background service calls it periodically.
    /// </summary>
    public int SweepExpired(int maxDeadlines)
    {
        // TODO: remove keys whose deadline has passed, without scanning the whole map, and stop after looking
        // at maxDeadlines deadlines (the next call goes on). Never remove a key that was written again since
        // and is still live.
        throw new NotImplementedException("Exercise 5.5 (KvStore.SweepExpired) is not solved yet. Hint: dotnet run --project grader -- hint 5.5");
    }
}
