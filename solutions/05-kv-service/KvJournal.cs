using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Katas.KvService;

/// <summary>Where and how the service keeps its data on disk (configuration section "Kv:Storage").</summary>
public sealed class KvStorageOptions
{
    /// <summary>The folder of the log and its snapshots; empty: the store lives in memory only.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>When the current log segment has grown past this many bytes, it is folded into a new snapshot.</summary>
    public long CompactAfterBytes { get; set; } = 64L * 1024 * 1024;
}

/// <summary>
/// Given code, the same in both trees: the store's durability, built on exercise 5.7's WriteAheadLog. Every
/// change the store commits is appended, in revision order, to the current log segment, and a write is
/// acknowledged only once <see cref="WhenDurableAsync"/> says its record (and every earlier one) is on disk.
/// On start the folder is read back: the newest complete snapshot, then the log segments in order, up to the
/// first record that is torn or out of sequence (nothing after it was ever acknowledged). When the current
/// segment grows past <see cref="KvStorageOptions.CompactAfterBytes"/>, writers move to a fresh segment at
/// once and, in the background, the old snapshot and the closed segments are folded into a new snapshot and
/// deleted: the log stays bounded and no writer waits for the fold.
/// </summary>
/// <remarks>
/// Files: <c>snapshot-&lt;revision&gt;.kv</c> (a header record, then one record per entry), and
/// <c>log-&lt;sequence&gt;.wal</c>. Both are WriteAheadLog files: every record framed with its length and CRC-32.
/// A record is [kind: u8][revision: i64][version: i64][expires: i64 UTC ticks, 0 = never][key length: i32]
/// [key: UTF-8][value], little-endian.
/// </remarks>
public sealed partial class KvJournal : IAsyncDisposable
{
    private const byte SnapshotHeader = 0xFF;
    private const int FixedBytes = 1 + 8 + 8 + 8 + 4;

    private readonly string _directory;
    private readonly long _compactAfterBytes;
    // Guards the segment in use, the pending acknowledgements and the failure. Append is called inside the
    // store's lock and takes this one briefly; nothing here ever takes the store's lock, so the two never deadlock.
    private readonly Lock _gate = new();
    // One task per appended revision, in revision order: _pending[i] is revision _pendingFirstRevision + i.
    // Those before _pendingHead are known durable; they are dropped in bulk now and then.
    private readonly List<Task> _pending = [];
    private int _pendingHead;
    private long _pendingFirstRevision;
    private long _durableRevision;
    private long _lastRevision;
    private WriteAheadLog _segment;
    private long _segmentSequence;
    private long _segmentBytes;
    // Opened ahead of time, so that moving writers to a new segment inside the store's lock is a swap, not a file open.
    private WriteAheadLog? _spare;
    // The last append of the segment writers left: a record of the new segment is durable only once it is too.
    private Task _previousSegmentDrained = Task.CompletedTask;
    private Task _compaction = Task.CompletedTask;
    private string _snapshotPath;
    private Exception? _failure;
    private long _closedSegmentFlushes;
    // The segment being drained and folded by a compaction, if one runs.
    private WriteAheadLog? _closing;

    private KvJournal(string directory, long compactAfterBytes, long revision, string snapshotPath, long sequence, IReadOnlyList<KvEntry> recovered)
    {
        Recovered = recovered;
        RecoveredRevision = revision;
        _directory = directory;
        _compactAfterBytes = compactAfterBytes;
        _lastRevision = revision;
        _durableRevision = revision;
        _pendingFirstRevision = revision + 1;
        _snapshotPath = snapshotPath;
        _segmentSequence = sequence;
        _segment = new WriteAheadLog(SegmentPath(sequence));
        _spare = new WriteAheadLog(SegmentPath(sequence + 1));
    }

    /// <summary>The entries read back on start, in key order, and the revision they are at.</summary>
    public IReadOnlyList<KvEntry> Recovered { get; private set; } = [];

    /// <summary>The revision of the last change read back on start.</summary>
    public long RecoveredRevision { get; }

    /// <summary>How many compactions (snapshot and new segment) the journal has finished since it started.</summary>
    public int Compactions { get; private set; }

    /// <summary>How many flushes (fsyncs) the log has made since the journal started: fewer than writes under load.</summary>
    public long Flushes
    {
        get
        {
            lock (_gate)
            {
                return _closedSegmentFlushes + (_closing?.Flushes ?? 0) + _segment.Flushes;
            }
        }
    }

    /// <summary>Set when a write to disk failed: from then on the store takes no writes, and none is acknowledged.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>
    /// Reads the folder back (creating it if needed), writes the recovered state as a fresh snapshot, deletes
    /// every older file and opens a new segment. Never appends after a torn tail: a new file starts clean.
    /// </summary>
    public static KvJournal Open(KvStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.DataDirectory, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.CompactAfterBytes);
        string directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);

        (SortedDictionary<string, KvEntry> state, long revision, string? snapshot) = LoadNewestSnapshot(directory);
        long snapshotRevision = snapshot is null ? -1 : revision;
        string[] segments = Files(directory, "log-", ".wal");
        foreach (string segment in segments)
        {
            if (!Replay(segment, state, ref revision))
            {
                // A torn or missing record: nothing after it was acknowledged (see WhenDurableAsync).
                break;
            }
        }

        // A snapshot already at the recovered revision holds it all; otherwise the state goes into a new one.
        string fresh = SnapshotPath(directory, revision);
        if (revision != snapshotRevision)
        {
            WriteSnapshotAsync(fresh, state.Values, revision).GetAwaiter().GetResult();
        }

        // The fresh snapshot holds everything: the older files go, and the next segment starts after them.
        long sequence = segments.Length == 0 ? 1 : Sequence(segments[^1]) + 1;
        foreach (string old in Files(directory, "snapshot-", ".kv").Where(f => f != fresh).Concat(segments))
        {
            File.Delete(old);
        }

        return new KvJournal(directory, options.CompactAfterBytes, revision, fresh, sequence, [.. state.Values]);
    }

    /// <summary>Lets go of the recovered entries once the store holds them.</summary>
    public void ReleaseRecovered() => Recovered = [];

    /// <summary>Queues <paramref name="change"/> for the log. Called by the store inside its lock, in revision order.</summary>
    public void Append(KvChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        byte[] record = Encode(change.Kind, change.Entry);
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw new IOException("The log failed earlier; the store takes no more writes.", _failure);
            }

            if (change.Revision != _lastRevision + 1)
            {
                throw new InvalidOperationException($"Revision {change.Revision} follows {_lastRevision}: the store must commit in order.");
            }

            Task durable = _segment.AppendAsync(record);
            if (!_previousSegmentDrained.IsCompleted)
            {
                durable = Task.WhenAll(_previousSegmentDrained, durable);
            }

            _pending.Add(durable);
            _lastRevision = change.Revision;
            _segmentBytes += record.Length + 8;
            TrimCompleted();
            if (_segmentBytes >= _compactAfterBytes && _spare is not null && _compaction.IsCompleted)
            {
                StartCompaction(durable);
            }
        }
    }

    /// <summary>Completes once the change of <paramref name="revision"/>, and every one before it, is on disk.</summary>
    public Task WhenDurableAsync(long revision)
    {
        Task durable;
        lock (_gate)
        {
            TrimCompleted();
            if (_failure is not null)
            {
                return Task.FromException(new IOException("The log failed; this write may not be on disk.", _failure));
            }

            if (revision <= _durableRevision)
            {
                return Task.CompletedTask;
            }

            // In one segment, records are made durable in order: the record of the revision covers those before it.
            long last = Math.Min(revision, _lastRevision);
            durable = _pending[(int)(last - _pendingFirstRevision)];
        }

        return ConfirmAsync(durable);
    }

    public async ValueTask DisposeAsync()
    {
        await _compaction.ConfigureAwait(false);
        WriteAheadLog segment;
        WriteAheadLog? spare;
        lock (_gate)
        {
            segment = _segment;
            spare = _spare;
            _spare = null;
        }

        // Drains what is queued: a graceful stop loses nothing that was handed to the log.
        await segment.DisposeAsync().ConfigureAwait(false);
        if (spare is not null)
        {
            await spare.DisposeAsync().ConfigureAwait(false);
        }
    }

    // A record's own flush can finish while an earlier record failed (a later batch went through): the
    // journal's failure, seen in revision order, is what decides.
    private async Task ConfirmAsync(Task durable)
    {
        try
        {
            await durable.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _failure ??= exception;
            }

            throw;
        }

        lock (_gate)
        {
            TrimCompleted();
            if (_failure is not null)
            {
                throw new IOException("The log failed; this write may not be on disk.", _failure);
            }
        }
    }

    // Drops the acknowledgements that came in, oldest first, advancing the durable revision. Called with _gate held.
    private void TrimCompleted()
    {
        int count = _pending.Count;
        while (_pendingHead < count && _pending[_pendingHead].IsCompleted)
        {
            Task done = _pending[_pendingHead];
            if (!done.IsCompletedSuccessfully)
            {
                _failure ??= done.Exception?.InnerException ?? new IOException("A log write was cancelled.");
                break;
            }

            _pendingHead++;
            _durableRevision++;
        }

        if (_pendingHead > 1024 && _pendingHead * 2 > count)
        {
            _pending.RemoveRange(0, _pendingHead);
            _pendingFirstRevision += _pendingHead;
            _pendingHead = 0;
        }
    }

    // Called with _gate held, inside the store's lock: only swaps segments; the fold runs in the background.
    private void StartCompaction(Task lastOfOldSegment)
    {
        WriteAheadLog closed = _segment;
        _closing = closed;
        _segment = _spare!;
        _spare = null;
        _segmentSequence++;
        _segmentBytes = 0;
        _previousSegmentDrained = lastOfOldSegment;
        long upTo = _lastRevision;
        long firstOpen = _segmentSequence;
        _compaction = Task.Run(() => CompactAsync(closed, upTo, firstOpen));
    }

    private async Task CompactAsync(WriteAheadLog closed, long upTo, long firstOpenSequence)
    {
        try
        {
            await closed.DisposeAsync().ConfigureAwait(false);
            string previous;
            lock (_gate)
            {
                previous = _snapshotPath;
                _closedSegmentFlushes += closed.Flushes;
                _closing = null;
            }

            // The state at upTo: the previous snapshot plus every closed segment (those before the open one).
            (SortedDictionary<string, KvEntry> state, long revision) = LoadSnapshot(previous) ?? throw new IOException($"The snapshot {previous} cannot be read back.");
            string[] closedSegments = [.. Files(_directory, "log-", ".wal").Where(s => Sequence(s) < firstOpenSequence)];
            foreach (string segment in closedSegments)
            {
                Replay(segment, state, ref revision);
            }

            if (revision != upTo)
            {
                throw new IOException($"The closed segments end at revision {revision}, not {upTo}.");
            }

            string snapshot = SnapshotPath(_directory, upTo);
            await WriteSnapshotAsync(snapshot, state.Values, upTo).ConfigureAwait(false);
            // Only once the new snapshot is on disk do the files it replaces go.
            File.Delete(previous);
            foreach (string segment in closedSegments)
            {
                File.Delete(segment);
            }

            var spare = new WriteAheadLog(SegmentPath(firstOpenSequence + 1));
            lock (_gate)
            {
                _snapshotPath = snapshot;
                _spare = spare;
                Compactions++;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _failure ??= exception;
            }
        }
    }

    private string SegmentPath(long sequence) => Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"log-{sequence:D12}.wal"));

    private static string SnapshotPath(string directory, long revision) => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"snapshot-{revision:D20}.kv"));

    private static long Sequence(string segment) => long.Parse(Path.GetFileNameWithoutExtension(segment)["log-".Length..], CultureInfo.InvariantCulture);

    // The files of one kind, in the order of the number in their names (fixed width: ordinal order).
    private static string[] Files(string directory, string prefix, string extension) =>
        [.. Directory.EnumerateFiles(directory, prefix + "*" + extension).Order(StringComparer.Ordinal)];

    private static (SortedDictionary<string, KvEntry> State, long Revision, string? Path) LoadNewestSnapshot(string directory)
    {
        foreach (string path in Files(directory, "snapshot-", ".kv").Reverse())
        {
            // A snapshot cut short by a crash is not complete: the one before it (kept until this one was) is.
            if (LoadSnapshot(path) is { } loaded)
            {
                return (loaded.State, loaded.Revision, path);
            }
        }

        return (new SortedDictionary<string, KvEntry>(StringComparer.Ordinal), 0, null);
    }

    private static (SortedDictionary<string, KvEntry> State, long Revision)? LoadSnapshot(string path)
    {
        IReadOnlyList<byte[]> records = WriteAheadLog.Recover(path);
        if (records.Count == 0 || records[0].Length < FixedBytes || records[0][0] != SnapshotHeader)
        {
            return null;
        }

        (_, KvEntry header) = Decode(records[0]);
        if (records.Count - 1 != header.Version)
        {
            return null;
        }

        var state = new SortedDictionary<string, KvEntry>(StringComparer.Ordinal);
        foreach (byte[] record in records.Skip(1))
        {
            KvEntry entry = Decode(record).Entry;
            state[entry.Key] = entry;
        }

        return (state, header.Revision);
    }

    // Applies a segment's records after revision, in sequence; false at the first gap (a torn or lost record).
    private static bool Replay(string segment, SortedDictionary<string, KvEntry> state, ref long revision)
    {
        foreach (byte[] record in WriteAheadLog.Recover(segment))
        {
            (KvChangeKind kind, KvEntry entry) = Decode(record);
            if (entry.Revision <= revision)
            {
                continue;
            }

            if (entry.Revision != revision + 1)
            {
                return false;
            }

            if (kind == KvChangeKind.Put)
            {
                state[entry.Key] = entry;
            }
            else
            {
                state.Remove(entry.Key);
            }

            revision = entry.Revision;
        }

        return true;
    }

    private static async Task WriteSnapshotAsync(string path, IEnumerable<KvEntry> entries, long revision)
    {
        // A half-written file of the same name (a crash during an earlier attempt) is replaced, not appended to.
        File.Delete(path);
        IReadOnlyCollection<KvEntry> all = entries as IReadOnlyCollection<KvEntry> ?? [.. entries];
        await using var log = new WriteAheadLog(path);
        Task last = log.AppendAsync(Encode(SnapshotHeaderKind, new KvEntry("", ReadOnlyMemory<byte>.Empty, all.Count) { Revision = revision }));
        foreach (KvEntry entry in all)
        {
            last = log.AppendAsync(Encode(KvChangeKind.Put, entry));
        }

        await last.ConfigureAwait(false);
    }

    private const KvChangeKind SnapshotHeaderKind = (KvChangeKind)SnapshotHeader;

    private static byte[] Encode(KvChangeKind kind, KvEntry entry)
    {
        int keyBytes = Encoding.UTF8.GetByteCount(entry.Key);
        byte[] record = new byte[FixedBytes + keyBytes + entry.Value.Length];
        Span<byte> span = record;
        span[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], entry.Revision);
        BinaryPrimitives.WriteInt64LittleEndian(span[9..], entry.Version);
        BinaryPrimitives.WriteInt64LittleEndian(span[17..], entry.ExpiresAt?.UtcTicks ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(span[25..], keyBytes);
        Encoding.UTF8.GetBytes(entry.Key, span[FixedBytes..]);
        entry.Value.Span.CopyTo(span[(FixedBytes + keyBytes)..]);
        return record;
    }

    private static (KvChangeKind Kind, KvEntry Entry) Decode(byte[] record)
    {
        if (record.Length < FixedBytes)
        {
            throw new InvalidDataException("A log record is shorter than its header.");
        }

        ReadOnlySpan<byte> span = record;
        var kind = (KvChangeKind)span[0];
        long revision = BinaryPrimitives.ReadInt64LittleEndian(span[1..]);
        long version = BinaryPrimitives.ReadInt64LittleEndian(span[9..]);
        long expires = BinaryPrimitives.ReadInt64LittleEndian(span[17..]);
        int keyBytes = BinaryPrimitives.ReadInt32LittleEndian(span[25..]);
        if (keyBytes < 0 || keyBytes > record.Length - FixedBytes)
        {
            throw new InvalidDataException("A log record's key runs past its end.");
        }

        string key = Encoding.UTF8.GetString(span.Slice(FixedBytes, keyBytes));
        byte[] value = span[(FixedBytes + keyBytes)..].ToArray();
        return (kind, new KvEntry(key, value, version) { Revision = revision, ExpiresAt = expires == 0 ? null : new DateTimeOffset(expires, TimeSpan.Zero) });
    }
}
