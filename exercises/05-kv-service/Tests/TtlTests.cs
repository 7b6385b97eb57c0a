using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Katas.KvService.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Katas.KvService.Tests;

[Exercise("5.5", "TTL: keys that expire, lazily and by a bounded sweep", Points = 15, StudentFiles = "KvStore.Ttl.cs KvStore.cs KvStore.List.cs KvStore.CompareAndSwap.cs", BuildsOn = "5.1 5.4", Hint = """
    A key with a time to live must vanish the moment its time is up, for every reader, even if no background
    job has removed it yet. So who decides that a key has expired: the sweep, or each read? And the sweep: how
    does it find the expired keys among millions without scanning them all, or holding the lock for long?
    Time itself is a dependency: how do the tests check "after ten seconds" without waiting ten seconds?
    """, MoreHint = """
    Store the deadline (Time.GetUtcNow() + ttl) in the entry's ExpiresAt and treat an entry at or past it as
    absent in Get, List, CompareAndSwap, Delete and Put (one private helper called under the lock). For the
    sweep, a PriorityQueue<string, DateTimeOffset> of deadlines: peek, dequeue while due, and check the entry
    itself before removing it, since the key may have been written again. Docs:
    https://learn.microsoft.com/dotnet/standard/datetime/timeprovider-overview
    """, Recap = """
    Expiry has two halves, as in Redis and etcd's leases: a lazy check on every access makes it exact, and a
    bounded background sweep reclaims memory. An injected TimeProvider (tokio's paused clock in Rust) makes
    time a test input instead of a wait.
    """)]
public sealed class TtlTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [KataFact]
    public void A_key_lives_until_its_ttl_is_up()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);

        KvEntry put = store.Put("session", Bytes("token"), Ten);
        clock.Advance(TimeSpan.FromSeconds(9));
        KvEntry? before = store.Get("session");
        clock.Advance(TimeSpan.FromSeconds(1));

        put.ExpiresAt.Should().Be(clock.Start + Ten, "ExpiresAt is the time of the write plus the TTL, on the store's clock (Time)");
        before.Should().NotBeNull("after 9 of its 10 seconds the key is still there");
        store.Get("session").Should().BeNull("once its TTL is up the key is gone, even before any sweep removed it");
    }

    [KataFact]
    public void An_expired_key_is_invisible_to_list_and_compare_and_swap()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);
        store.Put("job/1", Bytes("short"), Ten);
        store.Put("job/2", Bytes("forever"));
        clock.Advance(Ten);

        KvPage page = store.List("job/", pageSize: 10);
        Action swapAtOldVersion = () => store.CompareAndSwap("job/1", expectedVersion: 1, Bytes("late"));

        page.Entries.Select(e => e.Key).Should().Equal(["job/2"], "List skips expired keys (check the deadline in KvStore.List.cs too)");
        swapAtOldVersion.Should().Throw<VersionMismatchException>("an expired key is absent: CompareAndSwap must see version 0")
            .Which.CurrentVersion.Should().Be(0, "an expired key has no version");
        store.CompareAndSwap("job/1", expectedVersion: 0, Bytes("new")).Version.Should().Be(1, "an expired key can be created again at version 0 -> 1");
    }

    [KataFact]
    public void Every_put_with_a_ttl_restarts_the_clock()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);

        store.Put("lease", Bytes("a"), Ten);
        clock.Advance(TimeSpan.FromSeconds(6));
        KvEntry renewed = store.Put("lease", Bytes("b"), Ten);
        clock.Advance(TimeSpan.FromSeconds(6));

        renewed.ExpiresAt.Should().Be(clock.Start + TimeSpan.FromSeconds(16), "the TTL counts from the latest write, not the key's first");
        store.Get("lease").Should().NotBeNull("the second put gave the key ten more seconds: 6 have passed since");
        clock.Advance(TimeSpan.FromSeconds(4));
        store.Get("lease").Should().BeNull("sixteen seconds after the first put, ten after the second, the key is gone");
    }

    [KataFact]
    public void The_sweep_removes_expired_keys_a_bounded_batch_at_a_time()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);
        for (int i = 0; i < 5; i++)
        {
            store.Put($"temp/{i}", Bytes("x"), TimeSpan.FromSeconds(1 + i));
        }

        store.Put("keep", Bytes("x"), TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(30));

        int[] batches = [store.SweepExpired(2), store.SweepExpired(2), store.SweepExpired(2), store.SweepExpired(2)];

        batches.Should().Equal([2, 2, 1, 0], "five keys are due; each call removes at most two, and the key with a minute left stays");
        store.Get("keep").Should().NotBeNull("a key whose deadline has not come is never swept");
    }

    [KataFact]
    public async Task The_Put_rpc_carries_a_ttl()
    {
        var clock = new FakeTimeProvider();
        await using KvTestHost host = await KvTestHost.StartAsync(time: clock);

        await host.Client.PutAsync(new PutRequest { Key = "cache", Value = ByteString.CopyFromUtf8("v"), Ttl = Duration.FromTimeSpan(Ten) });
        GetResponse fresh = await host.Client.GetAsync(new GetRequest { Key = "cache" });
        clock.Advance(Ten);
        RpcException expired = (await FluentActions.Awaiting(async () => await host.Client.GetAsync(new GetRequest { Key = "cache" }))
            .Should().ThrowAsync<RpcException>("an expired key is not found")).Which;

        fresh.Value.ToStringUtf8().Should().Be("v");
        expired.StatusCode.Should().Be(StatusCode.NotFound, "an expired key answers as an absent one");
    }
}
