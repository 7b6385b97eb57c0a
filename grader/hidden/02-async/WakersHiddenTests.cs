namespace Katas.Async.HiddenTests;

[HiddenTests("2.2")]
public sealed class WakersHiddenTests
{
    [KataFact]
    public void OneShot_rejects_a_second_send_and_a_poll_after_ready()
    {
        var channel = new OneShot<int>();
        channel.Send(1);

        FluentActions.Invoking(() => channel.Send(2)).Should().Throw<InvalidOperationException>("a one-shot channel carries one value");
        channel.Poll(new Context(Waker.Noop)).Value.Should().Be(1, "the first value stays");
        FluentActions.Invoking(() => channel.Poll(new Context(Waker.Noop))).Should().Throw<InvalidOperationException>("a finished future must not be polled again");
    }

    [KataFact]
    public void OneShot_a_waker_that_polls_at_once_does_not_deadlock()
    {
        // Executors may poll right inside Wake. If Send calls Wake while holding the lock Poll needs, this
        // nested poll deadlocks (or, with a re-entrant lock, sees a half-finished send).
        var channel = new OneShot<string>();
        Poll<string> nested = default;
        var waker = new Waker(() => nested = channel.Poll(new Context(Waker.Noop)));
        channel.Poll(new Context(waker));

        var sender = TestThread.Run(() => channel.Send("inline"));
        sender.Join(TimeSpan.FromSeconds(5)).Should().BeTrue("Send must call the waker outside its lock");

        nested.IsReady.Should().BeTrue();
        nested.Value.Should().Be("inline");
    }

    [KataFact]
    public void OneShot_polled_many_times_is_woken_once_per_send_not_once_per_poll()
    {
        var channel = new OneShot<int>();
        var waker = new CountingWaker();
        for (int i = 0; i < 10; i++)
        {
            channel.Poll(waker.Context).IsReady.Should().BeFalse();
        }

        channel.Send(3);

        waker.Wakes.Should().Be(1, "ten pending polls with the same waker, one event: one wake");
    }

    [KataFact]
    public void Timer_with_zero_delay_is_ready_at_once_and_a_negative_delay_is_rejected()
    {
        using var reactor = new TimerReactor();
        var waker = new CountingWaker();

        reactor.Delay(TimeSpan.Zero).Poll(waker.Context).IsReady.Should().BeTrue("a deadline that has passed is ready without waiting for the reactor");
        waker.Wakes.Should().Be(0);
        FluentActions.Invoking(() => reactor.Delay(TimeSpan.FromMilliseconds(-1))).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("delay");
    }

    [KataFact]
    public void Timer_wakes_only_the_waker_of_its_newest_poll()
    {
        using var reactor = new TimerReactor();
        var timer = reactor.Delay(TimeSpan.FromMilliseconds(30));
        var stale = new CountingWaker();
        var newest = new CountingWaker();

        timer.Poll(stale.Context).IsReady.Should().BeFalse();
        timer.Poll(newest.Context).IsReady.Should().BeFalse();

        newest.Woken.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the newest poll's waker must be woken");
        stale.Wakes.Should().Be(0, "the reactor must replace the timer's waker on every poll, not keep the first one");
        newest.Wakes.Should().Be(1, "a second pending poll of the same timer must not register it twice");
    }

    [KataFact]
    public void Every_one_of_100_timers_is_woken_exactly_once()
    {
        using var reactor = new TimerReactor();
        var random = new Random(2);
        var wakers = new List<CountingWaker>();
        var timers = new List<IFuture<Unit>>();
        for (int i = 0; i < 100; i++)
        {
            var timer = reactor.Delay(TimeSpan.FromMilliseconds(random.Next(1, 40)));
            var waker = new CountingWaker();
            if (!timer.Poll(waker.Context).IsReady)
            {
                wakers.Add(waker);
                timers.Add(timer);
            }
        }

        foreach (CountingWaker waker in wakers)
        {
            waker.Woken.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("every pending timer is woken when its deadline passes");
        }

        wakers.Should().OnlyContain(w => w.Wakes == 1, "each timer's waker is woken exactly once");
        timers.Should().OnlyContain(t => t.Poll(new Context(Waker.Noop)).IsReady, "a woken timer is ready");
    }

    [KataFact]
    public void A_timer_waker_that_polls_on_the_reactor_thread_does_not_deadlock()
    {
        using var reactor = new TimerReactor();
        var timer = reactor.Delay(TimeSpan.FromMilliseconds(5));
        using var polled = new ManualResetEventSlim();
        bool ready = false;
        timer.Poll(new Context(new Waker(() =>
        {
            ready = timer.Poll(new Context(Waker.Noop)).IsReady;
            polled.Set();
        })));

        polled.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the reactor must call wakers outside its lock: this waker polls the timer right away");
        ready.Should().BeTrue();
    }

    [KataFact]
    public void A_disposed_reactor_refuses_new_timers()
    {
        var reactor = new TimerReactor();
        reactor.Dispose();
        reactor.Dispose();

        FluentActions.Invoking(() => reactor.Delay(TimeSpan.FromSeconds(1))).Should().Throw<ObjectDisposedException>();
    }

    [KataFact]
    public void A_null_context_is_refused_by_the_channel_and_the_timer()
    {
        using var reactor = new TimerReactor();

        FluentActions.Invoking(() => new OneShot<int>().Poll(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
        FluentActions.Invoking(() => reactor.Delay(TimeSpan.FromSeconds(10)).Poll(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }

    [KataFact]
    public void A_timer_polled_after_ready_throws()
    {
        using var reactor = new TimerReactor();
        var timer = reactor.Delay(TimeSpan.Zero);

        timer.Poll(new Context(Waker.Noop)).IsReady.Should().BeTrue();
        FluentActions.Invoking(() => timer.Poll(new Context(Waker.Noop))).Should().Throw<InvalidOperationException>("a finished future must not be polled again");
    }

    [KataFact]
    public void The_reactor_thread_is_a_background_thread()
    {
        using var reactor = new TimerReactor();
        bool? background = null;
        using var woken = new ManualResetEventSlim();
        reactor.Delay(TimeSpan.FromMilliseconds(1)).Poll(new Context(new Waker(() =>
        {
            background = Thread.CurrentThread.IsBackground;
            woken.Set();
        })));

        woken.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the timer fires");
        background.Should().BeTrue("a foreground reactor thread would keep the process alive after Main returns");
    }

    [KataFact]
    public void Dispose_waits_for_a_wake_in_progress_to_finish()
    {
        var reactor = new TimerReactor();
        using var waking = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        reactor.Delay(TimeSpan.FromMilliseconds(1)).Poll(new Context(new Waker(() =>
        {
            waking.Set();
            release.Wait(TimeSpan.FromSeconds(10));
        })));
        waking.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the timer fires");

        Task disposing = Task.Run(reactor.Dispose);
        // Dispose cannot return while the reactor thread is inside Wake: it waits for the thread to exit.
        disposing.Wait(TimeSpan.FromMilliseconds(300)).Should().BeFalse("Dispose returns once the reactor thread has exited, and it is still waking a timer");
        release.Set();
        disposing.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue("once the wake returns, the thread sees the stop and exits");
    }
}
