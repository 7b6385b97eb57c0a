using System.Text;

namespace Katas.KvService.Tests;

[Exercise("5.1", "CRUD: a thread-safe versioned store", Points = 10, StudentFiles = "KvStore.cs", Hint = """
    A key-value store is a map, but this one is called by every request thread of a server at once, and each
    key carries a version that goes up by one per write. What must happen in one step so that two writers of
    the same key never both produce version 2? And the bytes a caller hands you: who else still holds them?
    """, MoreHint = """
    A Dictionary (or SortedDictionary with StringComparer.Ordinal, which 5.3's prefix scans will want) behind
    one System.Threading.Lock: read the current version and write the new entry inside the same lock.
    Copy the value (ReadOnlySpan<byte>.ToArray()) before storing it; KvEntry is immutable after that.
    """, Recap = """
    Shared state behind one lock with short critical sections is the honest default for a service's core
    (tokio's Mutex around a HashMap in the Rust plan); defensive copies keep callers from aliasing stored data.
    """)]
public sealed class CrudTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [KataFact]
    public void Put_then_get_returns_the_value_at_version_1()
    {
        var store = new KvStore();

        KvEntry put = store.Put("a", Bytes("one"));
        KvEntry? got = store.Get("a");

        put.Version.Should().Be(1, "a new key starts at version 1");
        got.Should().NotBeNull("Get must find the key Put just wrote");
        got!.Value.ToArray().Should().Equal(Bytes("one"), "Get returns the bytes Put stored");
        got.Version.Should().Be(1, "the entry keeps its version");
        store.Get("b").Should().BeNull("a key never written is absent");
    }

    [KataFact]
    public void Each_write_adds_one_to_the_version()
    {
        var store = new KvStore();

        store.Put("k", Bytes("1"));
        store.Put("k", Bytes("2"));
        KvEntry third = store.Put("k", Bytes("3"));

        third.Version.Should().Be(3, "the third write of a key is version 3");
        store.Get("k")!.Value.ToArray().Should().Equal(Bytes("3"), "the last write wins");
    }

    [KataFact]
    public void Delete_removes_the_key_and_says_whether_it_was_there()
    {
        var store = new KvStore();
        store.Put("k", Bytes("v"));

        store.Delete("k").Should().BeTrue("the key was there");
        store.Get("k").Should().BeNull("a deleted key is gone");
        store.Delete("k").Should().BeFalse("deleting an absent key reports false");
        store.Put("k", Bytes("again")).Version.Should().Be(1, "a key written after its delete starts over");
    }

    [KataFact]
    public void The_store_keeps_its_own_copy_of_a_value()
    {
        var store = new KvStore();
        byte[] buffer = Bytes("original");

        store.Put("k", buffer);
        buffer[0] = (byte)'X';

        store.Get("k")!.Value.ToArray().Should().Equal(Bytes("original"), "the caller may reuse its buffer after Put returns");
    }

    [KataFact]
    public void Concurrent_writers_lose_no_write()
    {
        var store = new KvStore();
        const int Writers = 4;
        const int WritesEach = 2_000;

        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, _ =>
        {
            for (int i = 0; i < WritesEach; i++)
            {
                store.Put("shared", Bytes("x"));
            }
        });

        store.Get("shared")!.Version.Should().Be(Writers * WritesEach, "every one of the writes must count once: read the version and write the entry in one step");
    }
}
