namespace Katas.KvService;

/// <summary>One stored key: its value and its version (1 after the first write, one more per write).</summary>
public sealed record KvEntry(string Key, ReadOnlyMemory<byte> Value, long Version)
{
    /// <summary>When the key stops being visible (exercise 5.5); null: never. An instant, so it survives a restart.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The store's revision of the write that made this entry (exercise 5.6); 0 until writes are numbered.</summary>
    public long Revision { get; init; }
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
