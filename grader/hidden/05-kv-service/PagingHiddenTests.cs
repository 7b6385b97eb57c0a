using Grpc.Core;
using Katas.KvService.Protocol;
using Katas.KvService.Tests;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.3")]
public sealed class PagingHiddenTests
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
    public void Keys_added_before_the_cursor_do_not_repeat_and_keys_after_it_appear()
    {
        KvStore store = StoreWith("b", "d", "f");
        KvPage first = store.List("", pageSize: 2);

        store.Put("a", [2]);
        store.Put("e", [2]);
        KvPage second = store.List("", pageSize: 10, first.NextPageToken);

        second.Entries.Select(e => e.Key).Should().Equal(["e", "f"], "the next page starts after 'd', whatever came before it");
    }

    [KataFact]
    public void Arguments_and_tokens_are_checked()
    {
        KvStore store = StoreWith("a");

        FluentActions.Invoking(() => store.List(null!, 1)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("prefix");
        FluentActions.Invoking(() => store.List("", 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("pageSize");
        FluentActions.Invoking(() => store.List("", 1, "%%%not base64")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("pageToken");
        store.List("zzz", 5).Entries.Should().BeEmpty("no key has that prefix");
        store.List("zzz", 5).NextPageToken.Should().BeNull();
    }

    [KataFact]
    public void Prefixes_compare_ordinally_and_a_key_equal_to_the_prefix_matches()
    {
        KvStore store = StoreWith("ab", "a", "AB", "a\u00ADb", "b");

        store.List("a", 10).Entries.Select(e => e.Key).Should().Equal(["a", "ab", "a\u00ADb"], "ordinal StartsWith and ordinal order; 'AB' is another prefix");
    }

    [KataFact]
    public async Task Page_size_is_capped_and_a_negative_one_is_invalid()
    {
        await using KvTestHost host = await KvTestHost.StartAsync(new KvLimits { MaxPageSize = 2 });
        foreach (string key in new[] { "x1", "x2", "x3" })
        {
            host.Store.Put(key, [1]);
        }

        ListResponse capped = await host.Client.ListAsync(new ListRequest { Prefix = "x", PageSize = 1000 });
        RpcException negative = (await FluentActions.Awaiting(async () => await host.Client.ListAsync(new ListRequest { PageSize = -1 }))
            .Should().ThrowAsync<RpcException>()).Which;

        capped.Entries.Should().HaveCount(2, "a page never exceeds MaxPageSize");
        capped.NextPageToken.Should().NotBeEmpty("x3 is still to come");
        negative.StatusCode.Should().Be(StatusCode.InvalidArgument);
        negative.Status.Detail.Should().Contain("page_size");
    }
}
