namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.3")]
public sealed class OrderedFilterHiddenTests
{
    [KataFact]
    public void A_negative_count_is_rejected_with_its_name()
    {
        FluentActions.Invoking(() => OrderedFilter.FirstMatches([1, 2, 3], n => true, count: -1))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count",
                "a negative count is a caller's mistake: ArgumentOutOfRangeException.ThrowIfNegative(count)");
    }

    [KataFact]
    public void Empty_sources_and_a_zero_count_give_empty_arrays()
    {
        OrderedFilter.Filter(Array.Empty<int>(), n => true).Should().BeEmpty();
        OrderedFilter.FirstMatches(Array.Empty<int>(), n => true, count: 3).Should().BeEmpty();
        OrderedFilter.FirstMatches([1, 2, 3], n => true, count: 0).Should().BeEmpty("zero matches were asked for");
    }

    [KataFact]
    public void Ten_thousand_strings_in_a_list_keep_their_order()
    {
        List<string> words = Enumerable.Range(0, 10_000).Select(i => $"w{i}").ToList();

        OrderedFilter.Filter(words, w => w.EndsWith('3')).Should().Equal(words.Where(w => w.EndsWith('3')));
        OrderedFilter.FirstMatches(words, w => w.EndsWith('3'), count: 1_000)
            .Should().Equal(words.Where(w => w.EndsWith('3')).Take(1_000));
    }

    [KataFact]
    public void FirstMatches_stops_reading_the_source_once_it_has_enough()
    {
        int read = 0;
        IEnumerable<int> numbers = CountingNumbers(10_000_000, () => Interlocked.Increment(ref read));

        int[] firsts = OrderedFilter.FirstMatches(numbers, n => n % 1_000 == 999, count: 3);

        firsts.Should().Equal([999, 1_999, 2_999]);
        read.Should().BeLessThan(1_000_000,
            "an ordered Take stops the workers soon after the first three matches are known; filtering all "
            + "ten million elements and taking three afterwards does far more work than needed");
    }

    [KataFact]
    public void An_exception_in_the_predicate_reaches_the_caller()
    {
        var act = () => OrderedFilter.Filter(Enumerable.Range(0, 1_000).ToArray(),
            n => n == 500 ? throw new InvalidOperationException("bad element 500") : true);

        act.Should().Throw<AggregateException>()
            .Which.Flatten().InnerExceptions.Should().ContainSingle(e => e.Message == "bad element 500",
                "PLINQ wraps the predicate's exception in an AggregateException");
    }

    [KataFact]
    public void Null_arguments_are_rejected()
    {
        FluentActions.Invoking(() => OrderedFilter.Filter<int>(null!, n => true))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => OrderedFilter.Filter([1], null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("predicate");
        FluentActions.Invoking(() => OrderedFilter.FirstMatches<int>(null!, n => true, 1))
            .Should().Throw<ArgumentNullException>().WithParameterName("source");
        FluentActions.Invoking(() => OrderedFilter.FirstMatches([1], null!, 1))
            .Should().Throw<ArgumentNullException>().WithParameterName("predicate");
    }

    private static IEnumerable<int> CountingNumbers(int count, Action onRead)
    {
        for (int i = 0; i < count; i++)
        {
            onRead();
            yield return i;
        }
    }
}
