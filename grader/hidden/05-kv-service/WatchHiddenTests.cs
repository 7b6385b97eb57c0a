using Google.Protobuf;
using Grpc.Core;
using Katas.KvService.Protocol;
using Katas.KvService.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.6")]
public sealed class WatchHiddenTests
{
    private static KvEntry Entry(string key) => new(key, new byte[] { 1 }, 1);

    [KataFact]
    public async Task A_replay_after_the_history_wrapped_around_is_in_revision_order()
    {
        var feed = new ChangeFeed(historyCapacity: 4);
        string[] keys = ["b", "a", "b", "c", "a", "b"];
        foreach (string key in keys)
        {
            feed.Publish(KvChangeKind.Put, Entry(key));
        }

        IAsyncEnumerable<KvChange> watch = feed.Watch("", startRevision: 3);
        feed.Publish(KvChangeKind.Put, Entry("d"));
        List<KvChange> seen = await watch.Take(4).ToListAsync();

        seen.Select(c => c.Revision).Should().Equal([3L, 4L, 5L, 6L], "the history is replayed oldest first, whatever slot of the ring each change sits in");
        seen.Select(c => c.Entry.Key).Should().Equal(["b", "c", "a", "b"], "each revision is the change that was published with it");
    }

    [KataFact]
    public async Task A_revision_older_than_the_history_is_refused_with_the_oldest_one_left()
    {
        var feed = new ChangeFeed(historyCapacity: 3);
        for (int i = 0; i < 5; i++)
        {
            feed.Publish(KvChangeKind.Put, Entry($"k{i}"));
        }

        Action tooOld = () => feed.Watch("", startRevision: 2);
        Action afterRestart = () => new ChangeFeed(revision: 100).Watch("", startRevision: 50);

        tooOld.Should().Throw<RevisionCompactedException>("revisions 1 and 2 have left a history of 3: replaying from 3 would hide that two changes are missing")
            .Which.OldestRevision.Should().Be(3, "the exception says where a watch can start");
        afterRestart.Should().Throw<RevisionCompactedException>("a restarted feed holds no history before its start revision")
            .Which.OldestRevision.Should().Be(101);
        IAsyncEnumerable<KvChange> fromOldest = feed.Watch("", startRevision: 3);
        feed.Publish(KvChangeKind.Put, Entry("k5"));
        (await fromOldest.Take(3).ToListAsync()).Select(c => c.Revision).Should().Equal([3L, 4L, 5L], "the oldest revision held is fine");
    }

    [KataFact]
    public async Task A_start_revision_in_the_future_waits_for_it_and_prefixes_match_ordinally()
    {
        var feed = new ChangeFeed();
        IAsyncEnumerable<KvChange> watch = feed.Watch("a/", startRevision: 3);

        feed.Publish(KvChangeKind.Put, Entry("a/1"));
        feed.Publish(KvChangeKind.Put, Entry("A/2"));
        feed.Publish(KvChangeKind.Put, Entry("a/3"));
        feed.Publish(KvChangeKind.Expire, Entry("a/4"));
        feed.Publish(KvChangeKind.Put, Entry("a/5"));

        List<KvChange> seen = await watch.Take(2).ToListAsync();
        seen.Select(c => (c.Entry.Key, c.Revision, c.Kind)).Should().Equal([("a/3", 3L, KvChangeKind.Put), ("a/4", 4L, KvChangeKind.Expire)],
            "nothing before the start revision, and 'A/2' is not under 'a/' (ordinal)");
    }

    [KataFact]
    public async Task Cancelling_ends_the_stream_and_forgets_the_watcher()
    {
        var feed = new ChangeFeed();
        using var cancel = new CancellationTokenSource();
        IAsyncEnumerator<KvChange> watch = feed.Watch("", 0, cancel.Token).GetAsyncEnumerator();
        ValueTask<bool> waiting = watch.MoveNextAsync();

        feed.Watchers.Should().Be(1, "Watch registers the watcher before its first MoveNextAsync completes");
        await cancel.CancelAsync();
        Func<Task> ended = async () => await waiting;

        await ended.Should().ThrowAsync<OperationCanceledException>("cancellation ends a waiting stream");
        await watch.DisposeAsync();
        feed.Watchers.Should().Be(0, "an ended watch is no longer fed");
        feed.Publish(KvChangeKind.Put, Entry("after")).Revision.Should().Be(1, "publishing goes on without the watcher");
    }

    [KataFact]
    public void Bad_arguments_are_the_callers_mistake()
    {
        var feed = new ChangeFeed();

        FluentActions.Invoking(() => feed.Watch(null!, 0)).Should().Throw<ArgumentNullException>("the check is eager, not at the first MoveNextAsync").Which.ParamName.Should().Be("prefix");
        FluentActions.Invoking(() => feed.Watch("", -1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("startRevision");
        FluentActions.Invoking(() => feed.Publish(KvChangeKind.Put, null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("entry");
        FluentActions.Invoking(() => new ChangeFeed(historyCapacity: 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [KataFact]
    public async Task Racing_writers_reach_a_watcher_in_revision_order_with_none_missing()
    {
        var store = new KvStore(TimeProvider.System, new ChangeFeed(watcherCapacity: 10_000));
        IAsyncEnumerable<KvChange> watch = store.Changes.Watch("", 0);
        const int Writers = 4;
        const int WritesEach = 500;

        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            for (int i = 0; i < WritesEach; i++)
            {
                store.Put($"k{i % 7}", [(byte)w]);
                if (i % 50 == 0)
                {
                    store.Delete($"k{(i + 3) % 7}");
                }
            }
        });

        List<KvChange> seen = await watch.Take((int)store.Revision).ToListAsync();
        seen.Select(c => c.Revision).Should().Equal(Enumerable.Range(1, seen.Count).Select(r => (long)r), "every write's change arrives once, in revision order");
        seen.Where(c => c.Kind == KvChangeKind.Put).GroupBy(c => c.Entry.Key).Should().OnlyContain(g => g.Select(c => c.Entry.Version).Zip(g.Skip(1).Select(c => c.Entry.Version)).All(p => p.First < p.Second || p.Second == 1),
            "per key, versions rise in revision order (starting over at 1 after a delete): revisions are handed out inside the store's lock");
    }

    [KataFact]
    public async Task The_rpc_streams_expiry_and_answers_a_compacted_revision_with_out_of_range()
    {
        var clock = new FakeTimeProvider();
        // The background sweep waits a day: the test sweeps by hand, so the revisions are known.
        await using KvTestHost host = await KvTestHost.StartAsync(new KvLimits { WatchHistory = 3, SweepInterval = TimeSpan.FromDays(1) }, clock);
        await host.Client.PutAsync(new PutRequest { Key = "t/a", Value = ByteString.CopyFromUtf8("1"), Ttl = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) });
        clock.Advance(TimeSpan.FromSeconds(5));
        host.Store.SweepExpired(10).Should().Be(1);
        await host.Client.PutAsync(new PutRequest { Key = "t/b", Value = ByteString.CopyFromUtf8("2") });
        await host.Client.PutAsync(new PutRequest { Key = "t/c", Value = ByteString.CopyFromUtf8("3") });

        using AsyncServerStreamingCall<WatchEvent> old = host.Client.Watch(new WatchRequest { Prefix = "t/", StartRevision = 1 });
        RpcException compacted = (await FluentActions.Awaiting(async () => await old.ResponseStream.MoveNext())
            .Should().ThrowAsync<RpcException>("revision 1 has left a history of 3")).Which;
        using var cancel = new CancellationTokenSource();
        using AsyncServerStreamingCall<WatchEvent> call = host.Client.Watch(new WatchRequest { Prefix = "t/", StartRevision = 2 }, cancellationToken: cancel.Token);
        var events = new List<WatchEvent>();
        while (events.Count < 2 && await call.ResponseStream.MoveNext(cancel.Token))
        {
            events.Add(call.ResponseStream.Current);
        }

        await cancel.CancelAsync();
        compacted.StatusCode.Should().Be(StatusCode.OutOfRange, "a compacted revision is OutOfRange, as in etcd");
        compacted.Status.Detail.Should().Contain("oldest", "the detail says where a watch can start");
        events.Select(e => (e.Kind, e.Key, e.Revision)).Should().Equal([(WatchEvent.Types.Kind.Delete, "t/a", 2L), (WatchEvent.Types.Kind.Put, "t/b", 3L)],
            "the sweep's removal is a change like a delete (the sweep calls Commit too)");
    }
}
