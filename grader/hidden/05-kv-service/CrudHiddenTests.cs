using System.Text;

namespace Katas.KvService.HiddenTests;

[HiddenTests("5.1")]
public sealed class CrudHiddenTests
{
    [KataFact]
    public void Null_keys_are_the_callers_mistake()
    {
        var store = new KvStore();

        FluentActions.Invoking(() => store.Put(null!, [])).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("key");
        FluentActions.Invoking(() => store.Get(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("key");
        FluentActions.Invoking(() => store.Delete(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("key");
    }

    [KataFact]
    public void Keys_are_independent_ordinal_and_an_empty_value_is_a_value()
    {
        var store = new KvStore();

        store.Put("a", []);
        store.Put("A", Encoding.UTF8.GetBytes("upper"));
        store.Put("a", Encoding.UTF8.GetBytes("lower"));

        store.Get("A")!.Version.Should().Be(1, "'A' and 'a' are different keys (ordinal)");
        store.Get("a")!.Version.Should().Be(2, "'a' was written twice, the first time with an empty value");
        store.Delete("a").Should().BeTrue();
        store.Get("A").Should().NotBeNull("deleting 'a' leaves 'A' alone");
    }

    [KataFact]
    public void Concurrent_writers_of_different_keys_each_count_their_own_versions()
    {
        var store = new KvStore();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            for (int i = 0; i < 500; i++)
            {
                store.Put($"key{k % 2}", [(byte)k]);
                store.Put($"own{k}", [(byte)i]);
            }
        });

        store.Get("key0")!.Version.Should().Be(2_000, "four writers times 500 writes to key0");
        store.Get("key1")!.Version.Should().Be(2_000, "four writers times 500 writes to key1");
        Enumerable.Range(0, 8).Select(k => store.Get($"own{k}")!.Version).Should().AllBeEquivalentTo(500L, "each writer's own key has 500 versions");
    }
}
