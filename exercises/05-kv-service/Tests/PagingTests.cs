using Google.Protobuf;
using Katas.KvService.Protocol;

namespace Katas.KvService.Tests;

[Exercise("5.3", "List: prefix scans with paging tokens", Points = 10, StudentFiles = "KvStore.List.cs", BuildsOn = "5.1", Hint = """
    A prefix scan hands back a large result a page at a time, and the client comes back with a token for the
    next page. Between two pages other clients keep writing and deleting. What could the token hold so that a
    key that stayed is neither shown twice nor skipped, whatever happened before it? And when is there no next page?
    """, MoreHint = """
    Keep the keys sorted ordinally (SortedDictionary with StringComparer.Ordinal) and make the token the last
    key of the page (base64, opaque to clients): the next page starts strictly after it. Read one entry past
    the page to know whether a token is needed. An offset is not a position once keys come and go.
    Docs: https://google.aip.dev/158 (pagination)
    """, Recap = """
    Cursor-based paging (the token is where you stopped, not how far you got) is what etcd's range with a
    start key and every large API do: stable under concurrent writes, and the last page says it is the last.
    """)]
public sealed class PagingTests
{
    private static KvStore StoreWith(params string[] keys)
    {
        var store = new KvStore();
        foreach (string key in keys)
        {
            store.Put(key, [1]);
        }

        return store;
    }

    [KataFact]
    public void A_prefix_scan_returns_only_matching_keys_in_ordinal_order()
    {
        KvStore store = StoreWith("user/b", "user/a", "other", "user/C", "users");

        KvPage page = store.List("user/", pageSize: 10);

        page.Entries.Select(e => e.Key).Should().Equal(["user/C", "user/a", "user/b"], "keys under 'user/' in ordinal order (upper case first)");
        page.NextPageToken.Should().BeNull("everything fit on one page");
    }

    [KataFact]
    public void Pages_follow_each_other_through_their_tokens()
    {
        KvStore store = StoreWith("k1", "k2", "k3", "k4", "k5");

        KvPage first = store.List("k", pageSize: 2);
        KvPage second = store.List("k", pageSize: 2, first.NextPageToken);
        KvPage third = store.List("k", pageSize: 2, second.NextPageToken);

        first.Entries.Select(e => e.Key).Should().Equal(["k1", "k2"]);
        second.Entries.Select(e => e.Key).Should().Equal(["k3", "k4"], "the second page starts where the first ended");
        third.Entries.Select(e => e.Key).Should().Equal(["k5"]);
        third.NextPageToken.Should().BeNull("the last page has no token");
    }

    [KataFact]
    public void A_page_that_ends_exactly_at_the_last_key_has_no_token()
    {
        KvStore store = StoreWith("a", "b", "c", "d");

        KvPage second = store.List("", pageSize: 2, store.List("", pageSize: 2).NextPageToken);

        second.Entries.Select(e => e.Key).Should().Equal(["c", "d"]);
        second.NextPageToken.Should().BeNull("no entry is left, so a client must not be sent for an empty page");
    }

    [KataFact]
    public void A_delete_before_the_cursor_skips_no_key()
    {
        KvStore store = StoreWith("a", "b", "c", "d");
        KvPage first = store.List("", pageSize: 2);

        store.Delete("a");
        KvPage second = store.List("", pageSize: 2, first.NextPageToken);

        second.Entries.Select(e => e.Key).Should().Equal(["c", "d"], "a token that is an offset would now skip 'c'");
    }

    [KataFact]
    public async Task The_List_rpc_pages_with_the_default_size()
    {
        await using KvTestHost host = await KvTestHost.StartAsync(new KvLimits { DefaultPageSize = 3 });
        for (int i = 0; i < 5; i++)
        {
            await host.Client.PutAsync(new PutRequest { Key = $"p/{i}", Value = ByteString.CopyFromUtf8("v") });
        }

        ListResponse first = await host.Client.ListAsync(new ListRequest { Prefix = "p/" });
        ListResponse second = await host.Client.ListAsync(new ListRequest { Prefix = "p/", PageToken = first.NextPageToken });

        first.Entries.Select(e => e.Key).Should().Equal(["p/0", "p/1", "p/2"], "page_size 0 means the configured default");
        second.Entries.Select(e => e.Key).Should().Equal(["p/3", "p/4"]);
        second.NextPageToken.Should().BeEmpty("the last page's token is empty on the wire");
    }
}
