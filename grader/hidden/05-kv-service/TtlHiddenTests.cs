using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Katas.KvService.Protocol;
using Katas.KvService.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.5")]
public sealed class TtlHiddenTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    [KataFact]
    public void At_its_deadline_exactly_a_key_is_gone()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);
        store.Put("k", [1], Ten);

        clock.Advance(Ten - TimeSpan.FromTicks(1));
        KvEntry? justBefore = store.Get("k");
        clock.Advance(TimeSpan.FromTicks(1));

        justBefore.Should().NotBeNull("one tick before its deadline the key lives");
        store.Get("k").Should().BeNull("at ExpiresAt exactly the key has expired (now >= ExpiresAt)");
    }

    [KataFact]
    public void A_put_without_a_ttl_makes_the_key_permanent()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);
        store.Put("k", [1], Ten);

        KvEntry renewed = store.Put("k", [1], Ten);
        KvEntry plain = store.Put("k", [2]);
        KvEntry viaNull = store.Put("k", [3], ttl: null);
        clock.Advance(TimeSpan.FromDays(1));

        renewed.Version.Should().Be(2, "a put with a TTL on a live key goes on from its version, like any write");
        plain.ExpiresAt.Should().BeNull("a Put without a TTL clears the key's deadline");
        viaNull.ExpiresAt.Should().BeNull("a null TTL is no TTL");
        viaNull.Version.Should().Be(4, "writes to a live key count up whatever their TTL");
        store.Get("k").Should().NotBeNull("the key no longer expires");
    }

    [KataFact]
    public void An_expired_key_is_absent_for_delete_and_put()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);
        store.Put("k", [1], Ten);
        store.Put("k", [2], Ten);
        clock.Advance(Ten);

        store.Delete("k").Should().BeFalse("an expired key is not there to delete");
        store.Put("k", [3]).Version.Should().Be(1, "the next write of an expired key starts over at version 1");
        store.Put("other", [1], Ten).Version.Should().Be(1);
    }

    [KataFact]
    public void The_sweep_never_removes_a_key_written_again_since_its_old_deadline()
    {
        var clock = new FakeTimeProvider();
        var store = new KvStore(clock);
        store.Put("renewed", [1], TimeSpan.FromSeconds(5));
        store.Put("permanent", [1], TimeSpan.FromSeconds(5));
        store.Put("deleted", [1], TimeSpan.FromSeconds(5));
        store.Put("due", [1], TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(3));
        store.Put("renewed", [2], Ten);
        store.Put("permanent", [2]);
        store.Delete("deleted");
        clock.Advance(TimeSpan.FromSeconds(3));

        int removed = store.SweepExpired(100);

        removed.Should().Be(1, "only 'due' expired; the old deadlines of the other keys are stale");
        store.Get("renewed").Should().NotBeNull("a key written again with a longer TTL lives on past its first deadline");
        store.Get("permanent").Should().NotBeNull("a key written again without a TTL never expires");
        store.SweepExpired(100).Should().Be(0, "nothing else is due");
        clock.Advance(Ten);
        store.SweepExpired(100).Should().Be(1, "the renewed key's own deadline comes in its time");
    }

    [KataFact]
    public void Bad_arguments_are_the_callers_mistake()
    {
        var store = new KvStore(new FakeTimeProvider());

        FluentActions.Invoking(() => store.Put("k", [], TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("ttl");
        FluentActions.Invoking(() => store.Put("k", [], TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("ttl");
        FluentActions.Invoking(() => store.Put(null!, [], Ten)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("key");
        FluentActions.Invoking(() => store.SweepExpired(0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("maxDeadlines");
        store.Get("k").Should().BeNull("a refused put wrote nothing");
    }

    [KataFact]
    public async Task The_rpc_rejects_a_ttl_that_is_not_positive_and_lists_no_expired_key()
    {
        var clock = new FakeTimeProvider();
        await using KvTestHost host = await KvTestHost.StartAsync(time: clock);

        RpcException zero = (await FluentActions.Awaiting(async () => await host.Client.PutAsync(new PutRequest { Key = "k", Ttl = new Duration() }))
            .Should().ThrowAsync<RpcException>()).Which;
        RpcException negative = (await FluentActions.Awaiting(async () => await host.Client.PutAsync(new PutRequest { Key = "k", Ttl = new Duration { Seconds = -5 } }))
            .Should().ThrowAsync<RpcException>()).Which;
        await host.Client.PutAsync(new PutRequest { Key = "a/short", Value = ByteString.CopyFromUtf8("1"), Ttl = Duration.FromTimeSpan(Ten) });
        await host.Client.PutAsync(new PutRequest { Key = "a/long", Value = ByteString.CopyFromUtf8("2") });
        clock.Advance(Ten);
        ListResponse list = await host.Client.ListAsync(new ListRequest { Prefix = "a/" });

        zero.StatusCode.Should().Be(StatusCode.InvalidArgument);
        zero.Status.Detail.Should().Contain("ttl", "the detail names the field");
        negative.StatusCode.Should().Be(StatusCode.InvalidArgument);
        list.Entries.Select(e => e.Key).Should().Equal(["a/long"], "the expired key is not listed");
    }
}
