namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: what the store is built from, and the one way a write leaves it. The clock
/// decides when a key with a time to live expires (5.5; the tests pass a fake one, so no test ever waits for
/// time to pass); the change feed numbers the writes and tells watchers (5.6); the journal, when there is one,
/// logs them and says when each is on disk (5.7).
/// </summary>
public sealed partial class KvStore
{
    private readonly TimeProvider _time;
    private readonly ChangeFeed _changes;
    private readonly KvJournal? _journal;
    private long _revision;

    /// <summary>A store on the system clock, with a feed of the default capacities.</summary>
    public KvStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A store that reads the time from <paramref name="time"/>.</summary>
    public KvStore(TimeProvider time)
        : this(time, new ChangeFeed())
    {
    }

    /// <summary>
    /// A store that reads the time from <paramref name="time"/>, publishes its writes to <paramref name="changes"/>
    /// and, given a <paramref name="journal"/>, logs them (the feed then starts at the journal's recovered revision).
    /// </summary>
    public KvStore(TimeProvider time, ChangeFeed changes, KvJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(changes);
        if (journal is not null && journal.RecoveredRevision != changes.StartRevision)
        {
            throw new ArgumentException($"The feed starts after revision {changes.StartRevision}, the journal after {journal.RecoveredRevision}.", nameof(changes));
        }

        _time = time;
        _changes = changes;
        _journal = journal;
        _revision = changes.StartRevision;
    }

    /// <summary>The clock the store reads: a key whose ExpiresAt is at or before its UTC now has expired.</summary>
    public TimeProvider Time => _time;

    /// <summary>Where the store's writes are published, numbered (5.6).</summary>
    public ChangeFeed Changes => _changes;

    /// <summary>The revision of the latest write that went through <see cref="Commit"/>.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>
    /// Completes once the write of <paramref name="revision"/> and every one before it is on disk (at once without
    /// a journal). The service awaits it before it replies, and before a watcher is told of the change.
    /// </summary>
    public Task WhenDurableAsync(long revision) => _journal?.WhenDurableAsync(revision) ?? Task.CompletedTask;

    /// <summary>
    /// Every write calls this once, inside its critical section, before it changes the map: the change gets the
    /// next revision and reaches the watchers in the order of the writes. Returns the entry with its revision,
    /// the one to store. A removal passes its key with an empty value and version 0.
    /// </summary>
    internal KvEntry Commit(KvChangeKind kind, KvEntry entry)
    {
        // A log that failed once is not trusted again: the store refuses writes rather than acknowledge lost ones.
        if (_journal?.Failure is { } failure)
        {
            throw new IOException("The log failed; the store takes no more writes.", failure);
        }

        KvChange change = _changes.Publish(kind, entry);
        // Queued for the log in revision order (this runs inside the store's lock); the fsync happens later, and
        // WhenDurableAsync is how a caller waits for it, outside the lock.
        _journal?.Append(change);
        Volatile.Write(ref _revision, change.Revision);
        return change.Entry;
    }
}
