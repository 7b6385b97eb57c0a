namespace Katas.Parallelism.Tests;

[Exercise("1.7", "Stop early, cancel, and report every error", Points = 15, Hint = """
    A parallel loop can end early for three reasons: the answer is found, the caller cancels, or some work fails.
    Think about it: when item 7000 matches first, which items must still be tested to be sure that no lower
    item matches? When the caller cancels, who should notice: your code, or the query? And when an item
    throws, what happens to the items that have not started?
    """, MoreHint = """
    FindFirstIndex: Parallel.For with a ParallelLoopState; compare Break with Stop, and read
    ParallelLoopResult.LowestBreakIteration. MapWithCancellation: PLINQ's WithCancellation. ValidateAll: catch
    inside the loop body, keep one slot per item, then throw new AggregateException with the exceptions.
    Docs: https://learn.microsoft.com/dotnet/standard/parallel-programming/how-to-stop-or-break-from-a-parallel-for-loop
    and https://learn.microsoft.com/dotnet/standard/parallel-programming/how-to-cancel-a-plinq-query
    """, Recap = """
    Break finds the first match (every lower item still runs), Stop finds any; cancellation belongs to the
    query, which throws the token's OperationCanceledException; errors are collected, not lost
    (rayon's find_first and find_any, and a panic that reaches the caller).
    """)]
public sealed class CancellationAndErrorsTests
{
    [KataFact]
    public void FindFirstIndex_returns_the_lowest_matching_index_when_several_match()
    {
        int[] items = new int[10_000];
        items[7_000] = 1;
        items[42] = 1;

        int index = CancellationAndErrors.FindFirstIndex(items, item => item == 1);

        index.Should().Be(42,
            "items 42 and 7000 both match and the lowest wins; with Stop, a match found first at 7000 can hide 42, Break cannot");
    }

    [KataFact]
    public void FindFirstIndex_still_tests_the_lower_items_that_had_not_started_when_a_higher_one_matched()
    {
        // Item 10 is held until item 5010 has matched on another worker; item 4990 matches too. Break at 5010
        // promises that every iteration below 5010 still runs, 4990 included; Stop ends the loop as soon as it
        // can, so 4990 never runs and the answer would be 5010. A round proves that only if 4990 started after
        // 5010 had matched. A worker that starts in the second half reaches 5010 within a few items, while one
        // in the first half needs thousands to reach 4990, so it nearly always does; but a correct loop may
        // reach 4990 first (and then rightly never run 5010): such a round releases item 10 and is repeated.
        const int Held = 10, Lower = 4_990, Higher = 5_010, MaxRounds = 50;
        int[] items = Enumerable.Range(0, 10_000).ToArray();
        for (int round = 1; round <= MaxRounds; round++)
        {
            using var released = new ManualResetEventSlim(initialState: false);
            int higherMatched = 0;
            int lowerStartedFirst = 0;
            bool heldUntilReleased = false;

            int index = CancellationAndErrors.FindFirstIndex(items, item =>
            {
                switch (item)
                {
                    case Held:
                        heldUntilReleased = released.Wait(ConcurrencyProbe.DefaultPatience);
                        return false;
                    case Higher:
                        Volatile.Write(ref higherMatched, 1);
                        released.Set();
                        return true;
                    case Lower:
                        if (Volatile.Read(ref higherMatched) == 0)
                        {
                            Volatile.Write(ref lowerStartedFirst, 1);
                            released.Set();
                        }

                        return true;
                    default:
                        return false;
                }
            });

            heldUntilReleased.Should().BeTrue(
                "the items must be tested in parallel: item 5010 should have matched on another worker while item 10 was held");
            index.Should().Be(Lower, "4990 is the lowest match; the loop must still test the items below a match (Break, not Stop)");
            if (Volatile.Read(ref lowerStartedFirst) == 0)
            {
                return; // 4990 started after 5010 had matched, and still won: this round proved it.
            }
        }

        Assert.Fail($"In {MaxRounds} rounds item 4990 was always tested before item 5010 matched, so no round could tell Break from Stop.");
    }

    [KataFact]
    public void MapWithCancellation_throws_OperationCanceledException_when_cancelled_during_the_map()
    {
        int[] items = Enumerable.Range(0, 10_000).ToArray();
        using var cancellation = new CancellationTokenSource();

        Exception? thrown = Record.Exception(() => CancellationAndErrors.MapWithCancellation(items, item =>
        {
            if (item == 500)
            {
                cancellation.Cancel();
            }

            return item;
        }, cancellation.Token));

        thrown.Should().BeAssignableTo<OperationCanceledException>(
            "the token was cancelled while the query ran; PLINQ's WithCancellation ends the query with the token's " +
            "OperationCanceledException itself, not an AggregateException and not a normal return; instead it threw {0}", thrown);
    }

    [KataFact]
    public void MapWithCancellation_with_an_already_cancelled_token_does_not_map_everything()
    {
        int[] items = Enumerable.Range(0, 10_000).ToArray();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        int calls = 0;

        Exception? thrown = Record.Exception(() => CancellationAndErrors.MapWithCancellation(items, item =>
        {
            Interlocked.Increment(ref calls);
            return item;
        }, cancellation.Token));

        thrown.Should().BeAssignableTo<OperationCanceledException>("the token was cancelled before the call; instead it threw {0}", thrown);
        calls.Should().BeLessThan(items.Length, "a cancelled query must stop its workers, not map every item and throw afterwards");
    }

    [KataFact]
    public void ValidateAll_reports_every_failure_in_item_order()
    {
        // Item 0 is held until item 999 has been validated, so item 0 fails after most of the others: the
        // failures happen in another order than the items, and the report must still be in item order.
        int[] items = Enumerable.Range(0, 1_000).ToArray();
        using var lastValidated = new ManualResetEventSlim(initialState: false);
        bool heldUntilTheLast = false;

        Exception? thrown = Record.Exception(() => CancellationAndErrors.ValidateAll(items, item =>
        {
            if (item == 0)
            {
                heldUntilTheLast = lastValidated.Wait(ConcurrencyProbe.DefaultPatience);
            }
            else if (item == 999)
            {
                lastValidated.Set();
            }

            if (item % 10 == 0)
            {
                throw new ArgumentException($"item {item} is a multiple of 10");
            }
        }));

        heldUntilTheLast.Should().BeTrue("the items must be validated in parallel: item 999 on another worker while item 0 was held");
        thrown.Should().BeOfType<AggregateException>("one AggregateException carries all the failures; instead it threw {0}", thrown);
        ((AggregateException)thrown!).InnerExceptions.Select(e => e.Message).Should().Equal(
            items.Where(item => item % 10 == 0).Select(item => $"item {item} is a multiple of 10"),
            "all 100 failing items must be reported, each exception as thrown, in item order (not in the order they " +
            "failed); a bare Parallel.For stops after the first exception and reports only a few");
    }
}
