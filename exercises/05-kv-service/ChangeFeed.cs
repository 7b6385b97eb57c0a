namespace Katas.KvService;

/// <summary>
/// Exercise 5.6: the store's changes, numbered by revision, for watchers. The store publishes every write from
/// inside its critical section, so revisions follow the order of the writes; the feed keeps the last
/// <see cref="HistoryCapacity"/> of them so a watcher can resume from a revision, and gives each watcher a buffer
/// of <see cref="WatcherCapacity"/> changes. A watcher that lets its buffer fill is cancelled, never skipped over.
/// </summary>
public sealed class ChangeFeed
{
    /// <summary>A feed whose first change is revision <paramref name="revision"/> + 1.</summary>
    /// <param name="historyCapacity">How many of the latest changes a watcher can resume from.</param>
    /// <param name="watcherCapacity">How many changes may wait for one watcher before it is cancelled as too slow.</param>
    /// <param name="revision">The last revision already made (0 for a new store; the log's last after a restart).</param>
    public ChangeFeed(int historyCapacity = 10_000, int watcherCapacity = 1_000, long revision = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(watcherCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        HistoryCapacity = historyCapacity;
        WatcherCapacity = watcherCapacity;
        StartRevision = revision;
    }

    public int HistoryCapacity { get; }

    public int WatcherCapacity { get; }

    /// <summary>The revision the feed started after.</summary>
    public long StartRevision { get; }

    /// <summary>Exercise 5.6: the revision of the latest change (StartRevision before any).</summary>
    public long Revision => throw new NotImplementedException("Exercise 5.6 (ChangeFeed.Revision) is not solved yet. Hint: dotnet run --project grader -- hint 5.6");

    /// <summary>Exercise 5.6: how many watchers are open.</summary>
    public int Watchers => throw new NotImplementedException("Exercise 5.6 (ChangeFeed.Watchers) is not solved yet. Hint: dotnet run --project grader -- hint 5.6");

    /// <summary>
    /// Exercise 5.6: gives <paramref name="entry"/>'s change the next revision, keeps it in the history and hands
    /// it to every watcher of a prefix of its key; returns it, its entry stamped with the revision.
    /// </summary>
    public KvChange Publish(KvChangeKind kind, KvEntry entry)
    {
        // TODO: number the change (the first is StartRevision + 1), remember it among the last HistoryCapacity,
        // and give it to each watcher whose prefix its key starts with (ordinal). A watcher whose buffer is
        // full gets no more changes: its stream ends with a WatchOverflowException naming the revision to
        // resume from. Publish is called by KvStore.Commit (KvStore.Wiring.cs): make every write of the store
        // (Put with and without a TTL, Delete, CompareAndSwap, the sweep) call Commit inside its lock, and
        // store the entry Commit returns.
        throw new NotImplementedException("Exercise 5.6 (ChangeFeed.Publish) is not solved yet. Hint: dotnet run --project grader -- hint 5.6");
    }

    /// <summary>
    /// Exercise 5.6: the changes to keys under <paramref name="prefix"/> from <paramref name="startRevision"/> on (0:
    /// from the next change), in revision order, until <paramref name="cancellationToken"/> is cancelled. The watch
    /// starts when this method returns, before the first MoveNextAsync.
    /// </summary>
    /// <exception cref="RevisionCompactedException">The start revision is older than the history.</exception>
    /// <exception cref="WatchOverflowException">Thrown by the enumeration when the watcher fell too far behind.</exception>
    public IAsyncEnumerable<KvChange> Watch(string prefix, long startRevision, CancellationToken cancellationToken = default)
    {
        // TODO: replay the history from startRevision (the revision itself included), then every new change, with
        // no change lost or repeated between the two. A revision the history no longer holds is a
        // RevisionCompactedException with the oldest one it does. Cancellation ends the stream and forgets the
        // watcher.
        throw new NotImplementedException("Exercise 5.6 (ChangeFeed.Watch) is not solved yet. Hint: dotnet run --project grader -- hint 5.6");
    }
}
