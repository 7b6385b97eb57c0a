namespace Katas.Async.Tests;

[Exercise("2.2", "Poll, Context and the Waker: a one-shot channel and a timer reactor", Points = 15, Hint = """
    A future that waits on another thread must hand that thread a way to wake it, and the rules are strict:
    keep only the waker of the newest poll, wake it once when the event happens, and never lose a wake.
    Where exactly can a wake be lost? Picture the sender running between your "no value yet" and your
    "store the waker".
    The timer needs someone to watch the clock: a reactor, one thread that sleeps until the earliest
    deadline. What must happen when a sooner timer arrives while it sleeps?
    """, MoreHint = """
    OneShot: one lock around "is there a value? if not, store this waker" in Poll and around "store the value,
    take the waker" in Send; call Wake outside the lock (a waker may poll at once, and the poll takes the lock).
    TimerReactor: a PriorityQueue of pending timers keyed by deadline (Stopwatch.GetTimestamp ticks), a
    background thread that Monitor.Waits until the earliest deadline, and a Monitor.Pulse when a timer is
    registered. A timer's pending poll registers (or updates) its newest waker with the reactor, under the
    reactor's lock, and re-checks the deadline there.
    Reading: https://doc.rust-lang.org/std/task/struct.Waker.html and "Async Rust", chapter 2.
    """, Recap = """
    Wakers are how work on other threads (a timer, a socket, a sender) reaches the task that waits for it.
    The lost wake-up is the classic bug: check and register must be one step with respect to the waker.
    """)]
public sealed class WakersTests
{
    [KataFact]
    public void OneShot_sent_before_the_first_poll_is_ready_at_once()
    {
        var channel = new OneShot<string>();
        var waker = new CountingWaker();
        channel.Send("hello");

        var poll = channel.Poll(waker.Context);

        poll.IsReady.Should().BeTrue("the value is already there");
        poll.Value.Should().Be("hello");
        waker.Wakes.Should().Be(0, "nobody was waiting, so nobody is woken");
    }

    [KataFact]
    public void OneShot_send_from_another_thread_wakes_the_waiting_poll_exactly_once()
    {
        var channel = new OneShot<int>();
        var waker = new CountingWaker();
        channel.Poll(waker.Context).IsReady.Should().BeFalse("nothing has been sent yet");

        var sender = TestThread.Run(() => channel.Send(42));
        sender.Join();

        waker.Wakes.Should().Be(1, "Send must wake the waker stored by the pending poll, once");
        waker.LastThread.Should().Be(sender.ManagedThreadId, "the wake comes from the sending thread, the way a real event source wakes a task");
        var poll = channel.Poll(waker.Context);
        poll.IsReady.Should().BeTrue();
        poll.Value.Should().Be(42);
    }

    [KataFact]
    public void OneShot_wakes_only_the_waker_of_the_newest_poll()
    {
        var channel = new OneShot<int>();
        var stale = new CountingWaker();
        var newest = new CountingWaker();
        channel.Poll(stale.Context);
        channel.Poll(newest.Context);

        channel.Send(7);

        newest.Wakes.Should().Be(1, "the newest poll's waker is the one that will poll again");
        stale.Wakes.Should().Be(0, "a waker from an older poll may belong to a task that no longer waits here: replace it, don't keep a list");
    }

    [KataFact]
    public void OneShot_never_loses_a_wake_up_when_the_send_races_the_poll()
    {
        // 1,000 rounds of a poll on this thread racing a send on another, started at the same moment and
        // shifted by a seeded random spin. If the send can land between the poll's "no value yet" and its
        // "store the waker", the pending poll is never woken and its round waits out the bound: the lost wake-up.
        const int Rounds = 1_000;
        OneShot<int>? current = null;
        int sent = 0;
        bool stop = false;
        var sender = new TestThread(() =>
        {
            var random = new Random(22);
            OneShot<int>? previous = null;
            for (int i = 0; i < Rounds; i++)
            {
                OneShot<int>? channel;
                var spinner = default(SpinWait);
                while ((channel = Volatile.Read(ref current)) == previous && !Volatile.Read(ref stop))
                {
                    spinner.SpinOnce();
                }

                if (Volatile.Read(ref stop))
                {
                    return;
                }

                Thread.SpinWait(random.Next(64));
                channel!.Send(i);
                previous = channel;
                Volatile.Write(ref sent, i + 1);
            }
        });
        sender.Thread.Start();

        try
        {
            RunRounds();
        }
        finally
        {
            Volatile.Write(ref stop, true);
        }

        sender.Join();

        void RunRounds()
        {
            for (int i = 0; i < Rounds; i++)
            {
                var channel = new OneShot<int>();
                var waker = new CountingWaker();
                Volatile.Write(ref current, channel);
                if (!channel.Poll(waker.Context).IsReady)
                {
                    waker.Woken.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue(
                        $"round {i}: the poll said Pending, so the send must wake its waker; a send that slipped between the check and the store was lost");
                    channel.Poll(waker.Context).Value.Should().Be(i);
                }

                var spinner = default(SpinWait);
                while (Volatile.Read(ref sent) <= i && sender.Thread.IsAlive)
                {
                    spinner.SpinOnce();
                }
            }
        }
    }

    [KataFact]
    public void Timer_is_pending_and_is_woken_once_by_the_reactor_thread()
    {
        using var reactor = new TimerReactor();
        var timer = reactor.Delay(TimeSpan.FromMilliseconds(20));
        var waker = new CountingWaker();

        timer.Poll(waker.Context).IsReady.Should().BeFalse("the deadline has not passed yet");
        waker.Woken.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the reactor must wake the timer's waker when its deadline passes");

        timer.Poll(waker.Context).IsReady.Should().BeTrue("after the reactor's wake, the deadline has passed");
        waker.Wakes.Should().Be(1, "one pending poll, one wake");
        waker.LastThread.Should().Be(reactor.ThreadId, "the wake comes from the reactor's own thread, not from the poll");
    }

    [KataFact]
    public void Timers_registered_later_but_due_sooner_are_woken_first()
    {
        using var reactor = new TimerReactor();
        var order = new List<string>();
        var done = new CountdownEvent(2);
        var slow = reactor.Delay(TimeSpan.FromMinutes(10));
        var fast = reactor.Delay(TimeSpan.FromMilliseconds(10));
        var fastWaker = new Waker(() =>
        {
            lock (order)
            {
                order.Add("fast");
            }

            done.Signal();
        });

        slow.Poll(new Context(new Waker(() => order.Add("slow")))).IsReady.Should().BeFalse();
        fast.Poll(new Context(fastWaker)).IsReady.Should().BeFalse();
        done.Signal();

        done.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue(
            "the reactor sleeps until the earliest deadline it knows; a sooner timer registered while it sleeps must wake it up to recompute, or the 10 ms timer waits 10 minutes");
        order.Should().Equal(["fast"], "only the due timer is woken");
    }
}
