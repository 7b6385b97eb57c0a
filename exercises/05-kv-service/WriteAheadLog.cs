namespace Katas.KvService;

/// <summary>
/// Exercise 5.7: an append-only log whose every acknowledged record is on disk. A record is
/// [length: u32 LE][CRC-32 of the payload: u32 LE][payload]. Concurrent appends share one flush (group commit).
/// </summary>
public sealed class WriteAheadLog : IAsyncDisposable
{
    /// <summary>Opens (or creates) the log for appending.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="flush">Makes written bytes durable; the default is fsync (FileStream.Flush(true)). Tests pass their own.</param>
    public WriteAheadLog(string path, Func<FileStream, ValueTask>? flush = null)
    {
        // TODO: open the file for appending and start the one writer that turns queued records into bytes on
        // disk. A record's task completes only after a flush that covers it; appends that arrive while a flush
        // runs are written together and share the next flush. Checksums: System.IO.Hashing.Crc32.
        throw new NotImplementedException("Exercise 5.7 (WriteAheadLog) is not solved yet. Hint: dotnet run --project grader -- hint 5.7");
    }

    /// <summary>How many flushes the log has made: fewer than appends when appends overlap.</summary>
    public int Flushes { get; }

    /// <summary>Appends <paramref name="record"/>; completes only once it is durable.</summary>
    public Task AppendAsync(ReadOnlyMemory<byte> record)
    {
        // TODO: queue a copy of the record and return a task that completes when it is durable.
        throw new NotImplementedException("Exercise 5.7 (WriteAheadLog.AppendAsync) is not solved yet. Hint: dotnet run --project grader -- hint 5.7");
    }

    /// <summary>The records of the log at <paramref name="path"/>, up to the first torn or corrupt one.</summary>
    public static IReadOnlyList<byte[]> Recover(string path)
    {
        // TODO: read the records in order and stop cleanly at the first one that is cut short or fails its
        // checksum: nothing from there on may be returned. A missing file has no records.
        throw new NotImplementedException("Exercise 5.7 (WriteAheadLog.Recover) is not solved yet. Hint: dotnet run --project grader -- hint 5.7");
    }

    public ValueTask DisposeAsync()
    {
        // TODO: stop taking records, let the writer finish what is queued, close the file.
        return ValueTask.CompletedTask;
    }
}
