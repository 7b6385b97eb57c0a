namespace Katas.KvService;

/// <summary>One stored key: its value and its version (1 after the first write, one more per write).</summary>
public sealed record KvEntry(string Key, ReadOnlyMemory<byte> Value, long Version)
{
    /// <summary>When the key stops being visible (exercise 5.5); null: never. An instant, so it survives a restart.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The store's revision of the write that made this entry (exercise 5.6); 0 until writes are numbered.</summary>
    public long Revision { get; init; }
}

/// <summary>What a change did to its key.</summary>
public enum KvChangeKind
{
    /// <summary>A write: Put, a Put with a TTL, or a compare-and-swap.</summary>
    Put,

    /// <summary>A Delete.</summary>
    Delete,

    /// <summary>The sweep removed a key whose TTL was up.</summary>
    Expire,
}

/// <summary>
/// One change to the store, numbered: <see cref="Revision"/> is its entry's. A removal's entry has the key, an
/// empty value and version 0.
/// </summary>
public sealed record KvChange(KvChangeKind Kind, KvEntry Entry)
{
    public long Revision => Entry.Revision;
}

/// <summary>One page of a prefix scan, and where the next page starts (null on the last page).</summary>
public sealed record KvPage(IReadOnlyList<KvEntry> Entries, string? NextPageToken);

/// <summary>The limits the service enforces, from configuration (section "Kv").</summary>
public sealed class KvLimits
{
    /// <summary>The longest key, in UTF-8 bytes.</summary>
    public int MaxKeyBytes { get; set; } = 256;

    /// <summary>The largest value, in bytes.</summary>
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>The page size of a List that asks for none.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest page a List may ask for.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The longest time to live a Put may ask for.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the background sweep removes expired keys (exercise 5.5).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most expiry deadlines one sweep call looks at, so it holds the store's lock only briefly.</summary>
    public int SweepBatch { get; set; } = 1000;

    /// <summary>How many of the latest changes a watch can resume from (exercise 5.6).</summary>
    public int WatchHistory { get; set; } = 10_000;

    /// <summary>How many changes may wait for one watcher before it is cancelled as too slow.</summary>
    public int WatcherBuffer { get; set; } = 1_000;
}

/// <summary>A compare-and-swap found the key at another version than the caller expected.</summary>
public sealed class VersionMismatchException : Exception
{
    public VersionMismatchException()
    {
    }

    public VersionMismatchException(string message)
        : base(message)
    {
    }

    public VersionMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VersionMismatchException(string key, long expectedVersion, long currentVersion)
        : base($"Key '{key}' is at version {currentVersion}, not {expectedVersion}.")
    {
        Key = key;
        ExpectedVersion = expectedVersion;
        CurrentVersion = currentVersion;
    }

    public string Key { get; } = "";

    public long ExpectedVersion { get; }

    /// <summary>The key's version when the swap was refused (0: the key does not exist).</summary>
    public long CurrentVersion { get; }
}

/// <summary>A watch asked to start from a revision the history no longer holds.</summary>
public sealed class RevisionCompactedException : Exception
{
    public RevisionCompactedException()
    {
    }

    public RevisionCompactedException(string message)
        : base(message)
    {
    }

    public RevisionCompactedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RevisionCompactedException(long requestedRevision, long oldestRevision)
        : base($"Revision {requestedRevision} is no longer in the history; the oldest a watch can start from is {oldestRevision}.")
    {
        RequestedRevision = requestedRevision;
        OldestRevision = oldestRevision;
    }

    public long RequestedRevision { get; }

    /// <summary>The oldest revision a watch can start from now.</summary>
    public long OldestRevision { get; }
}

/// <summary>A watcher fell so far behind that its buffer filled: it was cancelled, and must watch again.</summary>
public sealed class WatchOverflowException : Exception
{
    public WatchOverflowException()
    {
    }

    public WatchOverflowException(string message)
        : base(message)
    {
    }

    public WatchOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WatchOverflowException(int capacity, long nextRevision)
        : base($"The watcher fell {capacity} changes behind and was cancelled; watch again from revision {nextRevision}.")
    {
        Capacity = capacity;
        NextRevision = nextRevision;
    }

    /// <summary>The size of the buffer that filled.</summary>
    public int Capacity { get; }

    /// <summary>The first revision the watcher did not get: where to resume.</summary>
    public long NextRevision { get; }
}
