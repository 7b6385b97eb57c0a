// Mistake: a start revision older than the history replays what is left, so the watcher silently misses the changes in between.
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Katas.KvService;

/// <summary>
/// Exercise 5.6: the store's changes, numbered by revision, for watchers. The store publishes every write from
/// inside its critical section, so revisions follow the order of the writes; the feed keeps the last
/// <see cref="HistoryCapacity"/> of them so a watcher can resume from a revision, and gives each watcher a buffer
/// of <see cref="WatcherCapacity"/> changes. A watcher that lets its buffer fill is cancelled, never skipped over.
/// </summary>
public sealed class ChangeFeed
{
    // One lock for the history and the watchers: a watcher's replay and its first live change are taken in
    // one step, so between them no change is lost or seen twice.
    private readonly Lock _gate = new();
    // A ring: the change of revision r sits at r % HistoryCapacity while it is among the last HistoryCapacity.
    private readonly KvChange[] _history;
    private readonly List<Watcher> _watchers = [];
    private long _revision;

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
        _history = new KvChange[historyCapacity];
        _revision = revision;
    }

    public int HistoryCapacity { get; }

    public int WatcherCapacity { get; }

    /// <summary>The revision the feed started after.</summary>
    public long StartRevision { get; }

    /// <summary>Exercise 5.6: the revision of the latest change (StartRevision before any).</summary>
    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>Exercise 5.6: how many watchers are open.</summary>
    public int Watchers
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>
    /// Exercise 5.6: gives <paramref name="entry"/>'s change the next revision, keeps it in the history and hands
    /// it to every watcher of a prefix of its key; returns it, its entry stamped with the revision.
    /// </summary>
    public KvChange Publish(KvChangeKind kind, KvEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            long revision = _revision + 1;
            var change = new KvChange(kind, entry with { Revision = revision });
            _history[revision % HistoryCapacity] = change;
            _revision = revision;
            for (int i = _watchers.Count - 1; i >= 0; i--)
            {
                Watcher watcher = _watchers[i];
                if (revision < watcher.FirstRevision || !entry.Key.StartsWith(watcher.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // A full buffer means the watcher fell behind: end its stream with the revision to resume from,
                // rather than drop this change and leave a hole it would never know about.
                if (!watcher.Changes.Writer.TryWrite(change))
                {
                    watcher.Changes.Writer.TryComplete(new WatchOverflowException(WatcherCapacity, revision));
                    _watchers.RemoveAt(i);
                }
            }

            return change;
        }
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
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(startRevision);
        KvChange[] replay;
        Watcher watcher;
        lock (_gate)
        {
            long oldest = Math.Max(StartRevision, _revision - HistoryCapacity) + 1;
            long first = startRevision == 0 ? _revision + 1 : Math.Max(startRevision, oldest); // bug: the revisions before oldest are gone without a word
            replay = Replay(prefix, first);
            // The watcher's first live change is the one after the replay's last: nothing in between, nothing twice.
            watcher = new Watcher(prefix, Math.Max(first, _revision + 1), Channel.CreateBounded<KvChange>(new BoundedChannelOptions(WatcherCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            }));
            _watchers.Add(watcher);
        }

        return Stream(watcher, replay, cancellationToken);
    }

    // The changes of the history from revision first on, oldest first. Called with _gate held.
    private KvChange[] Replay(string prefix, long first)
    {
        var replay = new List<KvChange>();
        for (long revision = first; revision <= _revision; revision++)
        {
            KvChange change = _history[revision % HistoryCapacity];
            if (change.Entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                replay.Add(change);
            }
        }

        return [.. replay];
    }

    private async IAsyncEnumerable<KvChange> Stream(Watcher watcher, KvChange[] replay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            foreach (KvChange change in replay)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return change;
            }

            // Ends with the WatchOverflowException the feed completed the buffer with, or on cancellation.
            await foreach (KvChange change in watcher.Changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    // One open watch: its prefix, the first revision it wants live, and its bounded buffer.
    private sealed class Watcher(string prefix, long firstRevision, Channel<KvChange> changes)
    {
        public string Prefix { get; } = prefix;

        public long FirstRevision { get; } = firstRevision;

        public Channel<KvChange> Changes { get; } = changes;
    }
}
