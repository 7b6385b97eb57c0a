namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.8")]
public sealed class WorkStealingDequeHiddenTests
{
    [KataFact]
    public void Ten_thousand_items_grow_the_deque_and_keep_both_orders()
    {
        var deque = new WorkStealingDeque<int>();
        for (int i = 0; i < 10_000; i++)
        {
            deque.Push(i);
        }

        deque.Count.Should().Be(10_000, "the deque must grow past any initial capacity without losing items");
        var stolen = new List<int>();
        for (int i = 0; i < 5_000; i++)
        {
            deque.TrySteal(out int item).Should().BeTrue("5,000 items are still there");
            stolen.Add(item);
        }

        var popped = new List<int>();
        while (deque.TryPop(out int item))
        {
            popped.Add(item);
        }

        stolen.Should().Equal(Enumerable.Range(0, 5_000), "thieves take the oldest first, in push order");
        popped.Should().Equal(Enumerable.Range(5_000, 5_000).Reverse(), "the owner takes the newest first");
        deque.Count.Should().Be(0);
    }

    [KataFact]
    public void Growing_after_the_ring_has_wrapped_around_keeps_every_item_in_order()
    {
        // Twenty steals move the head away from slot 0, so the next pushes wrap around the end of the array
        // before it fills up. Growing must then copy the items in head-to-tail order, not slot 0 to the end.
        var deque = new WorkStealingDeque<int>();
        for (int i = 0; i < 20; i++)
        {
            deque.Push(i);
        }

        for (int i = 0; i < 20; i++)
        {
            deque.TrySteal(out _).Should().BeTrue("20 items were pushed");
        }

        for (int i = 20; i < 1_020; i++)
        {
            deque.Push(i);
        }

        deque.Count.Should().Be(1_000);
        var stolen = new List<int>();
        while (deque.TrySteal(out int item))
        {
            stolen.Add(item);
        }

        stolen.Should().Equal(Enumerable.Range(20, 1_000),
            "every item pushed after the wrap-around must survive the growing, oldest first");
    }

    [KataFact]
    public void Null_and_default_items_are_items_like_any_other()
    {
        var deque = new WorkStealingDeque<string?>();
        deque.Push(null);
        deque.Push("middle");
        deque.Push(null);

        deque.Count.Should().Be(3, "null is a value that was pushed, not an empty slot");
        deque.TrySteal(out string? oldest).Should().BeTrue("a null item can be stolen");
        oldest.Should().BeNull();
        deque.TryPop(out string? newest).Should().BeTrue("a null item can be popped");
        newest.Should().BeNull();
        deque.TryPop(out string? last).Should().BeTrue();
        last.Should().Be("middle");
        deque.TrySteal(out _).Should().BeFalse("all three items were taken");
    }

    [KataFact]
    public void A_long_random_mix_of_operations_matches_a_simple_model()
    {
        // 20,000 seeded pushes, pops and steals on one thread: the indices travel far past the capacity,
        // so the ring wraps around many times and grows and shrinks in between.
        var deque = new WorkStealingDeque<int>();
        var model = new LinkedList<int>();
        var random = new Random(18);
        string? firstMismatch = null;
        for (int step = 0; step < 20_000 && firstMismatch is null; step++)
        {
            int choice = random.Next(10);
            if (choice < 5)
            {
                deque.Push(step);
                model.AddLast(step);
            }
            else if (choice < 8)
            {
                bool popped = deque.TryPop(out int item);
                int? expected = model.Count > 0 ? model.Last!.Value : null;
                if (popped != expected.HasValue || (popped && item != expected))
                {
                    firstMismatch = $"step {step}: TryPop gave ({popped}, {item}), expected the newest item {Show(expected)}";
                }
                else if (popped)
                {
                    model.RemoveLast();
                }
            }
            else
            {
                bool stole = deque.TrySteal(out int item);
                int? expected = model.Count > 0 ? model.First!.Value : null;
                if (stole != expected.HasValue || (stole && item != expected))
                {
                    firstMismatch = $"step {step}: TrySteal gave ({stole}, {item}), expected the oldest item {Show(expected)}";
                }
                else if (stole)
                {
                    model.RemoveFirst();
                }
            }

            if (firstMismatch is null && deque.Count != model.Count)
            {
                firstMismatch = $"step {step}: Count is {deque.Count}, expected {model.Count}";
            }
        }

        firstMismatch.Should().BeNull("a deque used by one thread behaves exactly like a double-ended list, at every step");
    }

    [KataFact]
    public void The_owner_and_two_thieves_racing_for_a_single_item_never_both_get_it()
    {
        // 200,000 times, the owner pushes one item and soon tries to pop it back while two thieves try to
        // steal it: many pops race a steal for the last item, the hardest case.
        const int ItemCount = 200_000;
        RaceUntilCaught(() => RunOwnerAndThieves(ItemCount, thiefCount: 2, prefill: false, (deque, taken) =>
        {
            for (int i = 0; i < ItemCount; i++)
            {
                deque.Push(i);
                Thread.SpinWait(i % 16); // a window of varying length for a thief to reach the item
                if (deque.TryPop(out int item))
                {
                    taken.Add(item);
                }
            }
        }));
    }

    [KataFact]
    public void Bursts_that_grow_the_deque_while_thieves_steal_lose_nothing()
    {
        // Bursts of 2,000 pushes make the deque grow while thieves are stealing from it; then the owner
        // pops half of what is left.
        const int ItemCount = 60_000;
        int[] timesTaken = RunOwnerAndThieves(ItemCount, thiefCount: 3, prefill: false, (deque, taken) =>
        {
            for (int burst = 0; burst < ItemCount / 2_000; burst++)
            {
                for (int i = burst * 2_000; i < (burst + 1) * 2_000; i++)
                {
                    deque.Push(i);
                }

                for (int i = 0; i < 1_000 && deque.TryPop(out int item); i++)
                {
                    taken.Add(item);
                }
            }
        });

        AssertEachTakenOnce(timesTaken);
    }

    [KataFact]
    public void Three_thieves_emptying_a_full_deque_never_take_the_same_item()
    {
        // The deque is filled first; then the owner pops slowly while three thieves race each other for the
        // oldest items. Thieves that don't take turns (or don't claim the head atomically) take an item twice.
        const int ItemCount = 100_000;
        RaceUntilCaught(() => RunOwnerAndThieves(ItemCount, thiefCount: 3, prefill: true, (deque, taken) =>
        {
            while (deque.TryPop(out int item))
            {
                taken.Add(item);
                Thread.SpinWait(200);
            }
        }));
    }

    private static string Show(int? item) => item is int value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(none: empty)";

    /// <summary>
    /// Runs <paramref name="owner"/> on one thread and <paramref name="thiefCount"/> thieves on others, all
    /// started together; when the owner is done it pops what is left. With <paramref name="prefill"/>, items
    /// 0..itemCount-1 are pushed before anyone starts. Returns how often each item was taken.
    /// </summary>
    private static int[] RunOwnerAndThieves(int itemCount, int thiefCount, bool prefill, Action<WorkStealingDeque<int>, List<int>> owner)
    {
        var deque = new WorkStealingDeque<int>();
        for (int i = 0; prefill && i < itemCount; i++)
        {
            deque.Push(i);
        }

        using var start = new Barrier(thiefCount + 1);
        int ownerDone = 0;
        var takenBy = new List<int>[thiefCount + 1];
        for (int i = 0; i < takenBy.Length; i++)
        {
            takenBy[i] = [];
        }

        Task ownerTask = Task.Factory.StartNew(() =>
        {
            try
            {
                WaitForEveryone(start);
                owner(deque, takenBy[0]);
                while (deque.TryPop(out int rest))
                {
                    takenBy[0].Add(rest);
                }
            }
            finally
            {
                Volatile.Write(ref ownerDone, 1);
            }
        }, TaskCreationOptions.LongRunning);

        Task[] thieves = Enumerable.Range(1, thiefCount).Select(thief => Task.Factory.StartNew(() =>
        {
            WaitForEveryone(start);
            while (true)
            {
                if (deque.TrySteal(out int stolen))
                {
                    takenBy[thief].Add(stolen);
                }
                else if (Volatile.Read(ref ownerDone) == 1)
                {
                    break;
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        Task.WaitAll([ownerTask, .. thieves], TimeSpan.FromSeconds(8)).Should().BeTrue("the owner and the thieves must finish; a deadlock would not");

        int[] timesTaken = new int[itemCount];
        foreach (int item in takenBy.SelectMany(list => list))
        {
            timesTaken[item]++;
        }

        return timesTaken;
    }

    /// <summary>
    /// Runs <paramref name="round"/> again and again for about two seconds (at least once, at most 40 times),
    /// checking each round. A race needs two threads inside a window of a few instructions at once: on a
    /// quiet machine with free cores one round shows it; on a loaded one the threads share a core and meet
    /// in the window only when one is preempted there, so it takes many rounds. A correct deque passes every
    /// round, so the verdict does not depend on the machine; only how long a wrong one takes to be caught does.
    /// </summary>
    private static void RaceUntilCaught(Func<int[]> round)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (int rounds = 0; rounds < 40 && (rounds == 0 || elapsed.Elapsed < TimeSpan.FromSeconds(2)); rounds++)
        {
            AssertEachTakenOnce(round());
        }
    }

    private static void AssertEachTakenOnce(int[] timesTaken)
    {
        Enumerable.Range(0, timesTaken.Length).Where(i => timesTaken[i] == 0).Take(10).Should().BeEmpty(
            "every pushed item must be taken by the owner or a thief; these were lost (first 10 shown)");
        Enumerable.Range(0, timesTaken.Length).Where(i => timesTaken[i] > 1).Take(10).Should().BeEmpty(
            "no item may be taken twice; these were (first 10 shown): look at the race for the last item");
    }

    private static void WaitForEveryone(Barrier start)
    {
        if (!start.SignalAndWait(TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException("The owner and the thieves did not all start.");
        }
    }
}
