using System.Text;

namespace Katas.KvService.Tests;

[Exercise("5.4", "Compare-and-swap on a per-key version", Points = 15, StudentFiles = "KvStore.CompareAndSwap.cs", BuildsOn = "5.1", Hint = """
    Compare-and-swap is how clients update a key without a lock of their own: read it, compute, and write
    back only if nobody wrote in between. The store must make "is it still at version v?" and "write" one
    indivisible step. What goes wrong if two clients both read version 3 and both ask to swap?
    """, MoreHint = """
    Take the same lock as Put, read the current version (0 when absent), compare, then write inside that lock.
    Throw VersionMismatchException(key, expectedVersion, currentVersion) so 5.2's interceptor can report it.
    Get followed by Put is two critical sections, not one.
    """, Recap = """
    Optimistic concurrency: a version per key turns lost updates into a clear FailedPrecondition the client
    retries, as etcd's transactions on mod_revision do; the server's job is one critical section per swap.
    """)]
public sealed class CompareAndSwapTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [KataFact]
    public void A_swap_at_the_right_version_writes_the_next_version()
    {
        var store = new KvStore();
        store.Put("k", Bytes("a"));

        KvEntry swapped = store.CompareAndSwap("k", expectedVersion: 1, Bytes("b"));

        swapped.Version.Should().Be(2, "a swap is a write: the version goes up by one");
        store.Get("k")!.Value.ToArray().Should().Equal(Bytes("b"), "the swap wrote the new value");
    }

    [KataFact]
    public void A_swap_at_a_stale_version_is_refused_with_the_current_version()
    {
        var store = new KvStore();
        store.Put("k", Bytes("a"));
        store.Put("k", Bytes("b"));

        Action stale = () => store.CompareAndSwap("k", expectedVersion: 1, Bytes("c"));

        stale.Should().Throw<VersionMismatchException>("the key is at version 2, not 1").Which.CurrentVersion.Should().Be(2, "the exception carries the current version");
        store.Get("k")!.Value.ToArray().Should().Equal(Bytes("b"), "a refused swap writes nothing");
    }

    [KataFact]
    public void Version_0_means_create_only_if_absent()
    {
        var store = new KvStore();

        store.CompareAndSwap("new", expectedVersion: 0, Bytes("x")).Version.Should().Be(1, "expected version 0 creates an absent key");
        Action again = () => store.CompareAndSwap("new", expectedVersion: 0, Bytes("y"));
        again.Should().Throw<VersionMismatchException>("the key exists now").Which.CurrentVersion.Should().Be(1);
    }

    [KataFact]
    public void Of_two_racing_swaps_at_the_same_version_exactly_one_wins()
    {
        var store = new KvStore();
        store.Put("k", Bytes("start"));
        // The probe waits (up to half a second) for a second swap between check and write: with one critical
        // section it never comes, and the swaps run one after the other.
        using var probe = new ConcurrencyProbe(patience: TimeSpan.FromMilliseconds(500));
        int matched = 0;
        store.OnVersionMatched = _ =>
        {
            Interlocked.Increment(ref matched);
            probe.Arrive();
        };
        int wins = 0;
        int refusals = 0;

        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try
            {
                store.CompareAndSwap("k", expectedVersion: 1, Bytes($"writer {i}"));
                Interlocked.Increment(ref wins);
            }
            catch (VersionMismatchException)
            {
                Interlocked.Increment(ref refusals);
            }
        });

        matched.Should().Be(1, "the winning swap calls OnVersionMatched between its check and its write (the loser's version does not match): without that call this test sees nothing");
        probe.SawConcurrency.Should().BeFalse("no two swaps may be between their check and their write at once");
        wins.Should().Be(1, "exactly one of two swaps expecting version 1 may succeed");
        refusals.Should().Be(1, "the other sees version 2 and is refused");
    }
}
