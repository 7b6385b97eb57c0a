using System.Text;
using Katas.KvService.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.7")]
public sealed class DurabilityHiddenTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<string> LogWith(TempFolder temp, params string[] records)
    {
        string path = temp.File("kv.log");
        await using var log = new WriteAheadLog(path);
        foreach (string record in records)
        {
            await log.AppendAsync(Bytes(record));
        }

        return path;
    }

    [KataFact]
    public async Task A_corrupt_record_ends_recovery_even_when_good_ones_follow()
    {
        using var temp = new TempFolder();
        string path = await LogWith(temp, "aaaa", "bbbb", "cccc");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[8 + 4 + 8 + 1] ^= 0xFF; // a payload byte of the second record
        File.WriteAllBytes(path, bytes);

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["aaaa"], "after a bad checksum nothing is trusted, not even records that look whole");
    }

    [KataFact]
    public async Task A_tail_cut_inside_a_header_and_missing_or_empty_logs_recover_cleanly()
    {
        using var temp = new TempFolder();
        string path = await LogWith(temp, "x", "y");
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write([5, 0, 0]); // three bytes of a header that never got further
        }

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["x", "y"]);
        WriteAheadLog.Recover(temp.File("missing.log")).Should().BeEmpty("a missing log has no records");
        File.WriteAllBytes(temp.File("empty.log"), []);
        WriteAheadLog.Recover(temp.File("empty.log")).Should().BeEmpty();
    }

    [KataFact]
    public async Task A_reopened_log_appends_after_its_records_and_empty_records_round_trip()
    {
        using var temp = new TempFolder();
        string path = await LogWith(temp, "first");
        await using (var log = new WriteAheadLog(path))
        {
            await log.AppendAsync(ReadOnlyMemory<byte>.Empty);
            await log.AppendAsync(Bytes("last"));
            await log.AppendAsync(ReadOnlyMemory<byte>.Empty);
        }

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["first", "", "last", ""],
            "reopening appends; an empty record is a record, also the last one (a header and nothing after it)");
    }

    [KataFact]
    public async Task Flushes_counts_every_flush_and_each_one_finds_its_records_in_the_file()
    {
        using var temp = new TempFolder();
        string path = temp.File("kv.log");
        var lengths = new List<long>();
        var log = new WriteAheadLog(path, file =>
        {
            // A flush hook that only records: the log itself must have handed its bytes to the file by now.
            lengths.Add(new FileInfo(path).Length);
            return ValueTask.CompletedTask;
        });
        await log.AppendAsync(Bytes("a"));
        await log.AppendAsync(Bytes("bb"));
        await log.AppendAsync(Bytes("ccc"));
        await log.DisposeAsync();

        lengths.Should().ContainInOrder([9L, 19L, 30L], "when a record's flush runs, its 8-byte header and payload are in the file already (not in a buffer the flush does not see)");
        log.Flushes.Should().Be(lengths.Count, "Flushes counts the flushes the log made");
    }

    [KataFact]
    public async Task An_io_error_fails_the_appends_it_covers()
    {
        using var temp = new TempFolder();
        var log = new WriteAheadLog(temp.File("kv.log"), _ => throw new IOException("No space left on device"));

        Task append = log.AppendAsync(Bytes("lost"));
        await log.DisposeAsync();

        append.IsCompleted.Should().BeTrue("once the log is disposed every append it took has its outcome; none is left hanging");
        await FluentActions.Awaiting(() => append).Should().ThrowAsync<IOException>("a record whose flush failed is not durable: its append fails with the error");
    }

    [KataFact]
    public async Task Dispose_finishes_the_queued_appends_then_closes_the_file()
    {
        using var temp = new TempFolder();
        string path = temp.File("kv.log");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new WriteAheadLog(path, async file =>
        {
            entered.TrySetResult();
            await release.Task;
            file.Flush(flushToDisk: true);
        });

        Task first = log.AppendAsync(Bytes("first"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Task queued = log.AppendAsync(Bytes("queued"));
        ValueTask disposing = log.DisposeAsync();
        release.SetResult();
        await disposing;

        first.IsCompletedSuccessfully.Should().BeTrue("Dispose waits for the flush under way");
        queued.IsCompletedSuccessfully.Should().BeTrue("and writes and flushes what was queued before it returns");
        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["first", "queued"]);
        FluentActions.Invoking(() => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose())
            .Should().NotThrow("a disposed log has closed its file (a restart in the same process reopens it)");
    }

    [KataFact]
    public void The_log_checks_its_path()
    {
        FluentActions.Invoking(() => WriteAheadLog.Recover("")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("path");
        FluentActions.Invoking(() => WriteAheadLog.Recover(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("path");
        FluentActions.Invoking(() => new WriteAheadLog("")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("path");
        FluentActions.Invoking(() => new WriteAheadLog(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("path");
    }

    [KataFact]
    public async Task The_callers_buffer_may_change_after_the_append_returns()
    {
        using var temp = new TempFolder();
        string path = temp.File("kv.log");
        byte[] buffer = Bytes("stable");
        await using (var log = new WriteAheadLog(path))
        {
            Task append = log.AppendAsync(buffer);
            buffer[0] = (byte)'X';
            await append;
        }

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["stable"], "the log keeps its own copy until it is written");
    }

    [KataFact]
    public void A_restored_key_expires_and_is_swept_on_its_logged_deadline()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);

        store.Restore(new KvEntry("gone", Bytes("x"), 3) { Revision = 1, ExpiresAt = clock.GetUtcNow() - TimeSpan.FromSeconds(1) });
        store.Restore(new KvEntry("soon", Bytes("y"), 2) { Revision = 2, ExpiresAt = clock.GetUtcNow() + TimeSpan.FromSeconds(10) });
        KvEntry? soon = store.Get("soon");
        clock.Advance(TimeSpan.FromSeconds(10));

        store.Get("gone").Should().BeNull("an entry whose deadline passed while the service was down is expired");
        soon.Should().NotBeNull("before its deadline a restored key lives");
        store.Get("soon").Should().BeNull("at its logged deadline it expires");
        store.SweepExpired(10).Should().Be(2, "the sweep knows the deadlines of restored keys, or their memory is never reclaimed");
        FluentActions.Invoking(() => store.Restore(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("entry");
    }
}
