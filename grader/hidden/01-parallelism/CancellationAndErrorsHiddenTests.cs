namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.7")]
public sealed class CancellationAndErrorsHiddenTests
{
    [KataTheory]
    [InlineData(0, -1, -1)] // empty list
    [InlineData(1, -1, -1)] // one item, no match
    [InlineData(1, 0, 0)] // one item that matches
    [InlineData(10_000, -1, -1)] // no match anywhere
    [InlineData(10_000, 0, 0)] // the very first item
    [InlineData(10_000, 9_999, 9_999)] // only the last item
    public void FindFirstIndex_at_the_edges(int count, int matchingIndex, int expected)
    {
        int[] items = new int[count];
        if (matchingIndex >= 0)
        {
            items[matchingIndex] = 1;
        }

        CancellationAndErrors.FindFirstIndex(items, item => item == 1).Should().Be(expected,
            "the answer is the index that called Break, or -1 when LowestBreakIteration is null because nothing matched");
    }

    [KataFact]
    public void FindFirstIndex_keeps_the_lower_match_even_when_the_higher_one_is_found_first()
    {
        // The lower match waits until the higher one has matched (or, if the two never run at the same
        // time, until the patience runs out). Break at 7000 must still let iteration 42 finish and win;
        // code that records "the last index that matched" or stops everything at the first match does not.
        int[] items = Enumerable.Range(0, 10_000).ToArray();
        using var higherMatched = new ManualResetEventSlim(initialState: false);

        int index = CancellationAndErrors.FindFirstIndex(items, item =>
        {
            if (item == 7_000)
            {
                higherMatched.Set();
                return true;
            }

            if (item == 42)
            {
                higherMatched.Wait(TimeSpan.FromSeconds(2));
                return true;
            }

            return false;
        });

        index.Should().Be(42, "Break guarantees every iteration below a break still completes, and the lowest break wins");
    }

    [KataFact]
    public void FindFirstIndex_keeps_the_lower_match_even_when_the_higher_one_matches_last()
    {
        // The mirror image: 42 matches only once 7000 is being tested, and 7000 is held until 42 has matched,
        // so 7000 is the last to match. The answer is still 42: "the last index that matched" is not "the
        // lowest index that matched".
        int[] items = Enumerable.Range(0, 10_000).ToArray();
        using var higherStarted = new ManualResetEventSlim(initialState: false);
        using var lowerMatched = new ManualResetEventSlim(initialState: false);

        int index = CancellationAndErrors.FindFirstIndex(items, item =>
        {
            if (item == 42)
            {
                higherStarted.Wait(TimeSpan.FromSeconds(2));
                lowerMatched.Set();
                return true;
            }

            if (item == 7_000)
            {
                higherStarted.Set();
                lowerMatched.Wait(TimeSpan.FromSeconds(2));
                return true;
            }

            return false;
        });

        index.Should().Be(42, "the lowest break wins whichever match finishes last: read it from the ParallelLoopResult");
    }

    [KataFact]
    public void MapWithCancellation_keeps_the_input_order_and_the_cancelled_token_is_named_in_the_exception()
    {
        // Not an array: PLINQ reads it in chunks, and the probe makes the workers overlap, so a query that does
        // not keep the order returns the chunks in the order the workers finish them.
        var words = new ReadOnlyListOnly<string>(Enumerable.Range(0, 100_000).Select(i => $"w{i}").ToArray());
        using var probe = new ConcurrencyProbe();
        CancellationAndErrors.MapWithCancellation(words, w =>
        {
            probe.Arrive();
            return w;
        }, CancellationToken.None).Should().Equal(words, "an uncancelled map returns every result, in input order");
        probe.SawConcurrency.Should().BeTrue("the map runs on several workers at once");

        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Exception? thrown = Record.Exception(() => CancellationAndErrors.MapWithCancellation(words, w => w.Length, cancellation.Token));

        thrown.Should().BeAssignableTo<OperationCanceledException>()
            .Which.CancellationToken.Should().Be(cancellation.Token, "the exception says which token cancelled the map");
    }

    [KataFact]
    public void ValidateAll_validates_every_item_once_even_when_half_of_them_fail()
    {
        int[] items = Enumerable.Range(0, 10_000).ToArray();
        int[] calls = new int[items.Length];

        Exception? thrown = Record.Exception(() => CancellationAndErrors.ValidateAll(items, item =>
        {
            Interlocked.Increment(ref calls[item]);
            if (item % 2 == 1)
            {
                throw new FormatException($"odd {item}");
            }
        }));

        thrown.Should().BeOfType<AggregateException>("5,000 items failed; instead it threw {0}", thrown)
            .Which.InnerExceptions.Should().HaveCount(5_000).And.AllBeOfType<FormatException>(
                "each of the 5,000 odd items threw one FormatException, reported as thrown, not wrapped again");
        calls.Should().OnlyContain(c => c == 1, "every item is validated exactly once, failures or not");
    }

    [KataFact]
    public void ValidateAll_returns_normally_when_nothing_fails_and_wraps_even_a_single_failure()
    {
        FluentActions.Invoking(() => CancellationAndErrors.ValidateAll(Enumerable.Range(0, 1_000).ToArray(), _ => { }))
            .Should().NotThrow("no validation failed");
        FluentActions.Invoking(() => CancellationAndErrors.ValidateAll(Array.Empty<string>(), _ => throw new InvalidOperationException()))
            .Should().NotThrow("an empty list has nothing to validate");

        Exception? thrown = Record.Exception(() =>
            CancellationAndErrors.ValidateAll(["only"], item => throw new InvalidOperationException($"{item} failed")));

        thrown.Should().BeOfType<AggregateException>("the caller catches one type however many items failed")
            .Which.InnerExceptions.Should().ContainSingle().Which.Message.Should().Be("only failed");
    }

    [KataFact]
    public void Null_arguments_are_rejected_with_their_names()
    {
        FluentActions.Invoking(() => CancellationAndErrors.FindFirstIndex<int>(null!, _ => true))
            .Should().Throw<ArgumentNullException>().WithParameterName("items");
        FluentActions.Invoking(() => CancellationAndErrors.FindFirstIndex<int>([1], null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("predicate");
        FluentActions.Invoking(() => CancellationAndErrors.MapWithCancellation<int, int>(null!, i => i, CancellationToken.None))
            .Should().Throw<ArgumentNullException>().WithParameterName("items");
        FluentActions.Invoking(() => CancellationAndErrors.MapWithCancellation<int, int>([1], null!, CancellationToken.None))
            .Should().Throw<ArgumentNullException>().WithParameterName("selector");
        FluentActions.Invoking(() => CancellationAndErrors.ValidateAll<int>(null!, _ => { }))
            .Should().Throw<ArgumentNullException>().WithParameterName("items");
        FluentActions.Invoking(() => CancellationAndErrors.ValidateAll<int>([1], null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("validate");
    }
}
