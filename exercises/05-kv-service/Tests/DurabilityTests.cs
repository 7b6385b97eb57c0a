using System.Text;

namespace Katas.KvService.Tests;

[Exercise("5.7", "Durability: a checksummed log, fsync before ack, group commit, recovery", Points = 20, StudentFiles = "WriteAheadLog.cs KvStore.Restore.cs", BuildsOn = "5.1", Hint = """
    A write is acknowledged when the client is told it is safe, so it must be on disk by then; but one fsync
    per write caps the service at the disk's fsyncs per second. How can many waiting writers share one fsync?
    After a crash the last record may be half written: how does recovery tell a whole record from a torn one?
    And when the log is read back on start, is putting an entry back into the store a new write?
    """, MoreHint = """
    One writer task reads a Channel of (record, TaskCompletionSource): write everything queued, flush once
    (FileStream.Flush(flushToDisk: true) is fsync), then complete the whole batch. Frame each record with its
    length and System.IO.Hashing.Crc32.HashToUInt32 of the payload; recovery stops at the first record whose
    length runs past the end or whose checksum does not match (BinaryPrimitives for the integers).
    Restore writes the entry into your map as it is, under the lock, without Commit, and remembers its deadline.
    """, Recap = """
    Durability is an ordering: bytes, fsync, then the reply. Group commit amortises the fsync over every
    writer waiting, which is how etcd and databases reach thousands of durable writes a second on one disk;
    a checksum per record lets recovery stop cleanly at a torn tail, and replay puts back state, not new writes.
    """)]
public sealed class DurabilityTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [KataFact]
    public async Task Records_come_back_in_order_after_a_restart()
    {
        using var temp = new TempFolder();
        string path = temp.File("kv.log");
        await using (var log = new WriteAheadLog(path))
        {
            await log.AppendAsync(Bytes("one"));
            await log.AppendAsync(Bytes("two"));
            await log.AppendAsync(Bytes("three"));
        }

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["one", "two", "three"], "recovery replays every record in order");
    }

    [KataFact]
    public async Task An_append_is_acknowledged_only_after_its_flush()
    {
        using var temp = new TempFolder();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var log = new WriteAheadLog(temp.File("kv.log"), async file =>
        {
            entered.TrySetResult();
            await release.Task;
            file.Flush(flushToDisk: true);
        });

        Task append = log.AppendAsync(Bytes("durable"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));

        bool acknowledgedEarly = append.IsCompleted;
        release.SetResult(); // first, so the log can close whatever the outcome

        acknowledgedEarly.Should().BeFalse("the append must not be acknowledged while its flush has not finished");
        await append.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [KataFact]
    public async Task Appends_waiting_on_a_flush_share_the_next_one()
    {
        using var temp = new TempFolder();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var log = new WriteAheadLog(temp.File("kv.log"), async file =>
        {
            entered.TrySetResult();
            await release.Task;
            file.Flush(flushToDisk: true);
        });

        Task first = log.AppendAsync(Bytes("first"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Task[] waiting = [.. Enumerable.Range(0, 20).Select(i => log.AppendAsync(Bytes($"r{i}")))];
        release.SetResult();
        await Task.WhenAll([first, .. waiting]).WaitAsync(TimeSpan.FromSeconds(5));

        log.Flushes.Should().BeLessThanOrEqualTo(2, "the 20 appends queued behind the first flush are written together and share one flush (group commit)");
    }

    [KataFact]
    public async Task Recovery_stops_cleanly_at_a_torn_tail()
    {
        using var temp = new TempFolder();
        string path = temp.File("kv.log");
        await using (var log = new WriteAheadLog(path))
        {
            await log.AppendAsync(Bytes("one"));
            await log.AppendAsync(Bytes("two"));
            await log.AppendAsync(Bytes("three"));
        }

        // A crash in the middle of the last write: its last bytes never reached the disk.
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 2);
        }

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["one", "two"], "a record cut short is not a record");
    }

    [KataFact]
    public void Restore_puts_a_logged_entry_back_as_it_was()
    {
        var store = new KvStore();

        store.Restore(new KvEntry("k", Bytes("logged"), 7) { Revision = 12 });
        KvEntry? restored = store.Get("k");

        restored.Should().NotBeNull("Restore puts the entry into the store");
        restored!.Version.Should().Be(7, "a restored entry keeps its logged version (it is not a new write)");
        restored.Revision.Should().Be(12, "and its revision");
        restored.Value.ToArray().Should().Equal(Bytes("logged"));
        store.Revision.Should().Be(0, "Restore commits nothing: the change is in the log already");
        store.Put("k", Bytes("next")).Version.Should().Be(8, "the next write goes on from the restored version");
    }
}
