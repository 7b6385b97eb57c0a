// Mistake: the batch is acknowledged as soon as it is written, before the flush that makes it durable.
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Threading.Channels;

namespace Katas.KvService;

/// <summary>
/// Exercise 5.7: an append-only log whose every acknowledged record is on disk. A record is
/// [length: u32 LE][CRC-32 of the payload: u32 LE][payload]. Concurrent appends share one flush (group commit).
/// </summary>
public sealed class WriteAheadLog : IAsyncDisposable
{
    private const int HeaderBytes = 8;

    private readonly FileStream _file;
    private readonly Func<FileStream, ValueTask> _flush;
    private readonly Channel<(ReadOnlyMemory<byte> Record, TaskCompletionSource Durable)> _pending =
        Channel.CreateUnbounded<(ReadOnlyMemory<byte>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <summary>Opens (or creates) the log for appending.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="flush">Makes written bytes durable; the default is fsync (FileStream.Flush(true)). Tests pass their own.</param>
    public WriteAheadLog(string path, Func<FileStream, ValueTask>? flush = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
        _flush = flush ?? (file =>
        {
            file.Flush(flushToDisk: true);
            return ValueTask.CompletedTask;
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>How many flushes the log has made: fewer than appends when appends overlap.</summary>
    public int Flushes { get; private set; }

    /// <summary>Appends <paramref name="record"/>; completes only once it is durable.</summary>
    public Task AppendAsync(ReadOnlyMemory<byte> record)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_pending.Writer.TryWrite((record.ToArray(), durable)), this);

        return durable.Task;
    }

    /// <summary>The records of the log at <paramref name="path"/>, up to the first torn or corrupt one.</summary>
    public static IReadOnlyList<byte[]> Recover(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var records = new List<byte[]>();
        if (!File.Exists(path))
        {
            return records;
        }

        byte[] log = File.ReadAllBytes(path);
        int offset = 0;
        while (log.Length - offset >= HeaderBytes)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(log.AsSpan(offset));
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(log.AsSpan(offset + 4));
            // A crash can cut the last record anywhere: a length past the end, or bytes that don't match their
            // checksum, mark the torn tail. Nothing after it is trusted.
            if (length > (uint)(log.Length - offset - HeaderBytes))
            {
                break;
            }

            ReadOnlySpan<byte> payload = log.AsSpan(offset + HeaderBytes, (int)length);
            if (Crc32.HashToUInt32(payload) != crc)
            {
                break;
            }

            records.Add(payload.ToArray());
            offset += HeaderBytes + (int)length;
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<TaskCompletionSource>();
        byte[] header = new byte[HeaderBytes];
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Group commit: write everything queued so far, then one flush acknowledges the whole batch.
            batch.Clear();
            try
            {
                while (_pending.Reader.TryRead(out (ReadOnlyMemory<byte> Record, TaskCompletionSource Durable) item))
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)item.Record.Length);
                    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), Crc32.HashToUInt32(item.Record.Span));
                    await _file.WriteAsync(header).ConfigureAwait(false);
                    await _file.WriteAsync(item.Record).ConfigureAwait(false);
                    batch.Add(item.Durable);
                }

                await _file.FlushAsync().ConfigureAwait(false);
                batch.ForEach(durable => durable.TrySetResult()); // bug: acknowledged before the fsync
                await _flush(_file).ConfigureAwait(false);
                Flushes++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                batch.ForEach(durable => durable.TrySetException(exception));
            }
        }
    }
}
