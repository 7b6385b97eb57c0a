namespace Katas.Parallelism.Tests;

[Exercise("1.8", "A work-stealing deque", Points = 15, Hint = """
    Every worker of a work-stealing scheduler owns a deque: it pushes and pops its own work at one end, newest
    first, and idle workers steal from the other end, oldest first.
    Think about it: picture an array with a head and a tail index. What does empty look like, what does full
    look like, and what happens when the owner and a thief both reach for the last item?
    """, MoreHint = """
    A circular array (slot = index modulo capacity) that doubles when full, copied in head-to-tail order, and one
    lock object with a lock statement in every member: correct, and good enough. For a lock-free owner, read about
    the Chase–Lev deque and the .NET thread pool's WorkStealingQueue (ThreadPoolWorkQueue.cs in dotnet/runtime).
    Docs: https://learn.microsoft.com/dotnet/csharp/language-reference/statements/lock
    """, Recap = """
    Work stealing: the owner works LIFO on its own end (hot in cache), thieves take the oldest, biggest piece
    from the other end (crossbeam-deque's Worker and Stealer). The one hard case is the last item.
    """)]
public sealed class WorkStealingDequeTests
{
    [KataFact]
    public void The_owner_pops_the_newest_item_and_a_thief_steals_the_oldest()
    {
        var deque = new WorkStealingDeque<int>();
        foreach (int item in new[] { 1, 2, 3, 4, 5 })
        {
            deque.Push(item);
        }

        deque.Count.Should().Be(5, "five items were pushed");
        Take(deque.TryPop).Should().Be(5, "TryPop takes the newest item, like a stack (LIFO)");
        Take(deque.TrySteal).Should().Be(1, "TrySteal takes the oldest item, like a queue (FIFO)");
        Take(deque.TryPop).Should().Be(4, "TryPop keeps taking from the tail");
        Take(deque.TrySteal).Should().Be(2, "TrySteal keeps taking from the head");
        Take(deque.TrySteal).Should().Be(3, "the last item can be stolen too");
        deque.Count.Should().Be(0, "all five items were taken");
    }

    [KataFact]
    public void An_empty_deque_has_nothing_to_pop_or_steal()
    {
        var deque = new WorkStealingDeque<string>();

        deque.TryPop(out string? popped).Should().BeFalse("a new deque is empty");
        popped.Should().BeNull("a failed TryPop sets the out value to default");
        deque.TrySteal(out string? stolen).Should().BeFalse("a new deque is empty");
        stolen.Should().BeNull("a failed TrySteal sets the out value to default");

        deque.Push("once");
        deque.TryPop(out _).Should().BeTrue("the item just pushed is there");
        deque.TryPop(out _).Should().BeFalse("after taking the only item the deque is empty again");
        deque.TrySteal(out _).Should().BeFalse("after taking the only item the deque is empty again");
    }

    [KataFact]
    public void Under_stress_every_item_is_taken_exactly_once()
    {
        // The owner pushes 100,000 numbers and pops now and then while three thieves steal, all starting
        // together. A deque whose owner and thief can both take the last item reports duplicates; one that
        // loses an item while growing or while a pop and a steal race reports it as lost.
        const int ItemCount = 100_000;
        const int ThiefCount = 3;
        var deque = new WorkStealingDeque<int>();
        using var start = new Barrier(ThiefCount + 1);
        int ownerDone = 0;
        var takenBy = new List<int>[ThiefCount + 1];

        Task owner = Task.Factory.StartNew(() =>
        {
            List<int> mine = takenBy[0] = [];
            try
            {
                WaitForEveryone(start);
                for (int i = 0; i < ItemCount; i++)
                {
                    deque.Push(i);
                    if (i % 3 == 0 && deque.TryPop(out int popped))
                    {
                        mine.Add(popped);
                    }
                }

                while (deque.TryPop(out int rest))
                {
                    mine.Add(rest);
                }
            }
            finally
            {
                Volatile.Write(ref ownerDone, 1);
            }
        }, TaskCreationOptions.LongRunning);

        Task[] thieves = Enumerable.Range(1, ThiefCount).Select(thief => Task.Factory.StartNew(() =>
        {
            List<int> mine = takenBy[thief] = [];
            WaitForEveryone(start);
            while (true)
            {
                if (deque.TrySteal(out int stolen))
                {
                    mine.Add(stolen);
                }
                else if (Volatile.Read(ref ownerDone) == 1)
                {
                    // The owner has emptied the deque and pushes no more: nothing is left to steal.
                    break;
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        Task.WaitAll([owner, .. thieves], TimeSpan.FromSeconds(8)).Should().BeTrue("the owner and the thieves must finish; a deadlock would not");

        int[] timesTaken = new int[ItemCount];
        foreach (int item in takenBy.SelectMany(list => list))
        {
            timesTaken[item]++;
        }

        Enumerable.Range(0, ItemCount).Where(i => timesTaken[i] == 0).Take(10).Should().BeEmpty(
            "every pushed item must be taken by the owner or a thief; these were lost (first 10 shown)");
        Enumerable.Range(0, ItemCount).Where(i => timesTaken[i] > 1).Take(10).Should().BeEmpty(
            "no item may be taken twice; these were (first 10 shown): look at the race for the last item");
    }

    private delegate bool TryTake(out int item);

    private static int Take(TryTake take)
    {
        take(out int item).Should().BeTrue("the deque is not empty here");
        return item;
    }

    private static void WaitForEveryone(Barrier start)
    {
        if (!start.SignalAndWait(TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException("The owner and the thieves did not all start.");
        }
    }
}
