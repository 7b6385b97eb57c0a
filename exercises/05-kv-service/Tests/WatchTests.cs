using Google.Protobuf;
using Grpc.Core;
using Katas.KvService.Protocol;

namespace Katas.KvService.Tests;

[Exercise("5.6", "Watch: a stream of changes, resumable from a revision, that never drops one", Points = 20, StudentFiles = "ChangeFeed.cs KvStore.cs KvStore.CompareAndSwap.cs KvStore.Ttl.cs", BuildsOn = "5.1", Hint = """
    A watcher wants every change under a prefix, in order, and after a reconnect it wants to go on exactly
    where it stopped. So changes need numbers (revisions) that follow the order of the writes: who can hand
    them out in that order? Where do the changes a reconnecting watcher missed come from, and for how long?
    And a watcher that reads slower than the store writes: buffer for it forever, drop what does not fit, or
    tell it to come back?
    """, MoreHint = """
    Publish runs inside the store's lock (the given Commit calls it: call Commit from every write), so a
    counter there numbers writes in order. Keep the latest changes in a ring array indexed by revision %
    HistoryCapacity. Watch: under the feed's lock, copy the history from the start revision and register a
    bounded Channel for the live changes; in Publish, TryWrite to each watcher, and when it returns false,
    complete that channel with a WatchOverflowException instead of going on. An async iterator
    ([EnumeratorCancellation]) yields the replay, then ReadAllAsync(cancellationToken).
    """, Recap = """
    etcd's watch in miniature: revisions give a total order, a bounded history makes streams resumable, and a
    bounded buffer per watcher with an explicit cancellation keeps one slow client from growing memory or
    silently losing events (tokio's bounded mpsc, where try_send's Full must be handled, not ignored).
    """)]
public sealed class WatchTests
{
    private static KvEntry Entry(string key, long version = 1) => new(key, new byte[] { 1 }, version);

    [KataFact]
    public void Publish_numbers_the_changes_one_after_another()
    {
        var feed = new ChangeFeed();

        KvChange first = feed.Publish(KvChangeKind.Put, Entry("a"));
        KvChange second = feed.Publish(KvChangeKind.Delete, Entry("a", version: 0));

        first.Revision.Should().Be(1, "the first change of a new feed is revision 1");
        second.Revision.Should().Be(2, "each change takes the next revision");
        second.Kind.Should().Be(KvChangeKind.Delete);
        feed.Revision.Should().Be(2, "Revision is the latest change's");
        new ChangeFeed(revision: 41).Publish(KvChangeKind.Put, Entry("b")).Revision.Should().Be(42, "after a restart the revisions go on from the log's last");
    }

    [KataFact]
    public async Task A_watcher_sees_the_changes_under_its_prefix_in_revision_order()
    {
        var feed = new ChangeFeed();
        feed.Publish(KvChangeKind.Put, Entry("job/0"));
        IAsyncEnumerable<KvChange> watch = feed.Watch("job/", startRevision: 0);

        feed.Publish(KvChangeKind.Put, Entry("job/1"));
        feed.Publish(KvChangeKind.Put, Entry("other"));
        feed.Publish(KvChangeKind.Put, Entry("job/2"));

        List<KvChange> seen = await watch.Take(2).ToListAsync();
        seen.Select(c => (c.Entry.Key, c.Revision)).Should().Equal([("job/1", 2L), ("job/2", 4L)],
            "start revision 0 means from now on; only keys under the prefix; in revision order");
    }

    [KataFact]
    public async Task A_watch_resumes_exactly_at_its_start_revision()
    {
        var feed = new ChangeFeed();
        for (int i = 1; i <= 5; i++)
        {
            feed.Publish(KvChangeKind.Put, Entry($"k{i}"));
        }

        IAsyncEnumerable<KvChange> watch = feed.Watch("", startRevision: 3);
        feed.Publish(KvChangeKind.Put, Entry("k6"));
        feed.Publish(KvChangeKind.Put, Entry("k7"));

        List<KvChange> seen = await watch.Take(4).ToListAsync();
        seen.Select(c => c.Revision).Should().Equal([3L, 4L, 5L, 6L],
            "a watch from revision 3 starts with revision 3 itself (the last one seen was 2), then goes on live: no revision skipped, none repeated");
    }

    [KataFact]
    public async Task A_watcher_that_falls_behind_is_cancelled_and_never_skipped_over()
    {
        var feed = new ChangeFeed(watcherCapacity: 4);
        IAsyncEnumerator<KvChange> watch = feed.Watch("", startRevision: 0).GetAsyncEnumerator();
        for (int i = 1; i <= 100; i++)
        {
            feed.Publish(KvChangeKind.Put, Entry($"k{i}")); // nobody reads: the buffer of 4 fills up
        }

        var seen = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            (await watch.MoveNextAsync()).Should().BeTrue("the 4 changes that fitted in the buffer are delivered");
            seen.Add(watch.Current.Revision);
        }

        feed.Publish(KvChangeKind.Put, Entry("late")); // there is room again now
        Func<Task> next = async () => await watch.MoveNextAsync();

        seen.Should().Equal([1L, 2L, 3L, 4L]);
        (await next.Should().ThrowAsync<WatchOverflowException>(
            "revision 5 did not fit: the watcher must be cancelled then, not handed revision 101 as if 5 to 100 never happened, nor buffered without limit"))
            .Which.NextRevision.Should().Be(5, "the exception says where to resume");
        feed.Watchers.Should().Be(0, "a cancelled watcher is no longer fed");
    }

    [KataFact]
    public async Task The_Watch_rpc_streams_every_write_of_the_store()
    {
        await using KvTestHost host = await KvTestHost.StartAsync();
        using var cancel = new CancellationTokenSource();
        // From revision 1: whether the server takes the watch before or after the writes, it sees all three.
        using AsyncServerStreamingCall<WatchEvent> call = host.Client.Watch(new WatchRequest { Prefix = "w/", StartRevision = 1 }, cancellationToken: cancel.Token);

        PutResponse put = await host.Client.PutAsync(new PutRequest { Key = "w/a", Value = ByteString.CopyFromUtf8("1") });
        await host.Client.CompareAndSwapAsync(new CompareAndSwapRequest { Key = "w/a", ExpectedVersion = 1, Value = ByteString.CopyFromUtf8("2") });
        await host.Client.DeleteAsync(new DeleteRequest { Key = "w/a" });
        await host.Client.PutAsync(new PutRequest { Key = "w/b", Value = ByteString.CopyFromUtf8("3") });

        var events = new List<WatchEvent>();
        await foreach (WatchEvent e in call.ResponseStream.ReadAllAsync(cancel.Token))
        {
            events.Add(e);
            if (events.Count == 3)
            {
                break;
            }
        }

        await cancel.CancelAsync();
        put.Revision.Should().Be(1, "the Put's reply carries its revision: every store write calls Commit (KvStore.Wiring.cs) inside its lock");
        events.Select(e => (e.Kind, e.Key, e.Version, e.Revision)).Should().Equal(
            [(WatchEvent.Types.Kind.Put, "w/a", 1L, 1L), (WatchEvent.Types.Kind.Put, "w/a", 2L, 2L), (WatchEvent.Types.Kind.Delete, "w/a", 0L, 3L)],
            "Put, CompareAndSwap and Delete each publish one change, in the order they happened");
        events[1].Value.ToStringUtf8().Should().Be("2", "a put event carries the value written");
    }
}
