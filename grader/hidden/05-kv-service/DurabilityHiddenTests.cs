using System.Text;
using Katas.KvService.Tests;

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
        }

        WriteAheadLog.Recover(path).Select(Encoding.UTF8.GetString).Should().Equal(["first", "", "last"], "reopening appends; an empty record is a record");
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
}
