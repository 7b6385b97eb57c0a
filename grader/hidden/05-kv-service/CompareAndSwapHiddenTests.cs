using System.Text;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.4")]
public sealed class CompareAndSwapHiddenTests
{
    [KataFact]
    public void Arguments_are_checked_and_a_deleted_key_is_at_version_0()
    {
        var store = new KvStore();
        store.Put("k", [1]);
        store.Delete("k");

        FluentActions.Invoking(() => store.CompareAndSwap(null!, 0, [])).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("key");
        FluentActions.Invoking(() => store.CompareAndSwap("k", -1, [])).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("expectedVersion");
        FluentActions.Invoking(() => store.CompareAndSwap("k", 1, [])).Should().Throw<VersionMismatchException>().Which.CurrentVersion.Should().Be(0, "a deleted key is absent");
        store.CompareAndSwap("k", 0, [2]).Version.Should().Be(1, "a deleted key can be created again with version 0");
    }

    [KataFact]
    public void Counters_incremented_by_racing_swaps_count_every_win_once()
    {
        var store = new KvStore();
        store.Put("counter", Encoding.UTF8.GetBytes("0"));
        int wins = 0;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (int done = 0; done < 300;)
            {
                KvEntry current = store.Get("counter")!;
                int next = int.Parse(Encoding.UTF8.GetString(current.Value.Span), System.Globalization.CultureInfo.InvariantCulture) + 1;
                try
                {
                    store.CompareAndSwap("counter", current.Version, Encoding.UTF8.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    Interlocked.Increment(ref wins);
                    done++;
                }
                catch (VersionMismatchException)
                {
                    // Lost the race: read again and retry, as a client would.
                }
            }
        });

        KvEntry final = store.Get("counter")!;
        Encoding.UTF8.GetString(final.Value.Span).Should().Be("1200", "1,200 successful swaps each added one");
        wins.Should().Be(1_200);
        final.Version.Should().Be(1_201, "one put and 1,200 swaps");
    }

    [KataFact]
    public void Many_racing_creators_leave_exactly_one_winner()
    {
        var store = new KvStore();
        using var probe = new ConcurrencyProbe(patience: TimeSpan.FromMilliseconds(300));
        store.OnVersionMatched = _ => probe.Arrive();
        int wins = 0;

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            try
            {
                store.CompareAndSwap("once", 0, [(byte)i]);
                Interlocked.Increment(ref wins);
            }
            catch (VersionMismatchException)
            {
            }
        });

        wins.Should().Be(1, "of four creators expecting version 0, one wins");
        store.Get("once")!.Version.Should().Be(1);
    }
}
