namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.1")]
public sealed class ParallelMapHiddenTests
{
    [KataFact]
    public void An_empty_list_maps_to_an_empty_array()
    {
        ParallelMap.Map(Array.Empty<int>(), n => n + 1).Should().BeEmpty();
    }

    [KataFact]
    public void Ten_thousand_strings_keep_their_order()
    {
        string[] words = Enumerable.Range(0, 10_000).Select(i => $"w{i}").ToArray();

        string[] upper = ParallelMap.Map(words, w => w.ToUpperInvariant());

        upper.Should().Equal(words.Select(w => w.ToUpperInvariant()), "AsOrdered must keep input order for any size");
    }

    [KataFact]
    public void A_list_of_strings_handed_out_in_chunks_keeps_its_order()
    {
        using var probe = new ConcurrencyProbe();
        var words = new ReadOnlyListOnly<string>(Enumerable.Range(0, 10_000).Select(i => $"w{i}").ToArray());

        string[] upper = ParallelMap.Map(words, w =>
        {
            probe.Arrive();
            return w.ToUpperInvariant();
        });

        upper.Should().Equal(words.Select(w => w.ToUpperInvariant()),
            "the order must hold for any IReadOnlyList, including one PLINQ reads in chunks");
    }

    [KataFact]
    public void The_selector_is_called_exactly_once_per_element()
    {
        int calls = 0;

        ParallelMap.Map(Enumerable.Range(0, 10_000).ToArray(), n => Interlocked.Increment(ref calls));

        calls.Should().Be(10_000, "each element is mapped once: no element skipped, none mapped twice");
    }

    [KataFact]
    public void An_exception_in_the_selector_reaches_the_caller()
    {
        var act = () => ParallelMap.Map(Enumerable.Range(0, 1_000).ToArray(),
            n => n == 500 ? throw new InvalidOperationException("bad element 500") : n);

        act.Should().Throw<AggregateException>()
            .Which.Flatten().InnerExceptions.Should().ContainSingle(e => e.Message == "bad element 500",
                "PLINQ wraps the selector's exception in an AggregateException");
    }

    [KataFact]
    public void Null_arguments_are_rejected()
    {
        FluentActions.Invoking(() => ParallelMap.Map<int, int>(null!, n => n))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => ParallelMap.Map<int, int>([1], null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("selector");
    }
}
