namespace Katas.Async.HiddenTests;

[HiddenTests("2.4")]
public sealed class FutureAwaiterHiddenTests
{
    [KataFact]
    public void A_future_ready_on_its_first_poll_completes_synchronously()
    {
        var future = new ScriptedFuture<string>(pendingPolls: 0, value: "now");
        var awaiter = future.GetAwaiter();

        awaiter.IsCompleted.Should().BeTrue("await takes the fast path when the first poll is ready");
        awaiter.IsCompleted.Should().BeTrue("asking again does not poll again");
        awaiter.GetResult().Should().Be("now");
        future.Polls.Should().Be(1);
    }

    [KataFact]
    public void GetResult_before_completion_and_a_second_registration_are_clear_errors()
    {
        var awaiter = new ScriptedFuture<int>(pendingPolls: 5, value: 1).GetAwaiter();
        awaiter.IsCompleted.Should().BeFalse();

        FluentActions.Invoking(awaiter.GetResult).Should().Throw<InvalidOperationException>("there is no result yet");
        awaiter.UnsafeOnCompleted(() => { });
        FluentActions.Invoking(() => awaiter.OnCompleted(() => { })).Should().Throw<InvalidOperationException>("an awaiter is awaited once");
        FluentActions.Invoking(() => awaiter.UnsafeOnCompleted(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new FutureAwaiter<int>(null!)).Should().Throw<ArgumentNullException>();
    }

    [KataFact]
    public void Wakes_after_completion_never_poll_the_future_again_and_the_continuation_runs_once()
    {
        var future = new ScriptedFuture<int>(pendingPolls: 1, value: 3);
        var awaiter = future.GetAwaiter();
        awaiter.IsCompleted.Should().BeFalse();
        int runs = 0;
        awaiter.UnsafeOnCompleted(() => runs++);

        Waker waker = future.LastContext!.Waker;
        waker.Wake();
        waker.Wake();
        waker.Wake();

        runs.Should().Be(1, "the continuation runs exactly once");
        future.Polls.Should().Be(2, "the ScriptedFuture would throw if polled after it was ready");
        awaiter.GetResult().Should().Be(3);
    }

    [KataFact]
    public void A_wake_racing_the_registration_runs_the_continuation_exactly_once()
    {
        // 300 rounds: another thread wakes the future (which is then ready) while this thread registers
        // the continuation. Whichever comes second must run it; never both, never neither.
        for (int round = 0; round < 300; round++)
        {
            var future = new ScriptedFuture<int>(pendingPolls: 1, value: round);
            var awaiter = future.GetAwaiter();
            awaiter.IsCompleted.Should().BeFalse();
            int runs = 0;
            using var go = new ManualResetEventSlim();
            var waker = TestThread.Run(() =>
            {
                go.Wait();
                future.LastContext!.Waker.Wake();
            });

            go.Set();
            awaiter.OnCompleted(() => Interlocked.Increment(ref runs));
            waker.Join();

            Volatile.Read(ref runs).Should().Be(1, $"round {round}: the continuation must run exactly once whether the wake comes before or after the registration");
            awaiter.GetResult().Should().Be(round);
        }
    }

    [KataFact]
    public async Task Code_after_await_runs_on_the_thread_that_woke_the_future()
    {
        var future = new WokenElsewhere();
        Task<int> resumedOn = ResumeThreadAfter(future);
        resumedOn.IsCompleted.Should().BeFalse("the future is pending, so the method is suspended at its await");
        var waker = TestThread.Run(future.Wake);
        waker.Join();

        (await resumedOn).Should().Be(waker.ManagedThreadId,
            "a custom awaiter has no SynchronizationContext logic: the method resumes inside the wake, on the waking thread");
    }

    private static async Task<int> ResumeThreadAfter(IFuture<Unit> future)
    {
        await future;
        return Environment.CurrentManagedThreadId;
    }

    private sealed class WokenElsewhere : IFuture<Unit>
    {
        private Waker? _waker;
        private volatile bool _woken;

        public void Wake()
        {
            _woken = true;
            _waker!.Wake();
        }

        public Poll<Unit> Poll(Context context)
        {
            if (_woken)
            {
                return Poll<Unit>.Ready(default);
            }

            _waker = context.Waker;
            return Poll<Unit>.Pending;
        }
    }

    [KataFact]
    public void IsCompleted_asked_twice_of_a_pending_future_polls_it_once()
    {
        var future = new ScriptedFuture<int>(pendingPolls: 5, value: 1);
        var awaiter = future.GetAwaiter();

        awaiter.IsCompleted.Should().BeFalse();
        awaiter.IsCompleted.Should().BeFalse();

        future.Polls.Should().Be(1, "only the first IsCompleted starts the future; after that only a wake polls it");
    }

    [KataFact]
    public void A_registration_without_IsCompleted_first_starts_the_future_once()
    {
        var future = new ScriptedFuture<int>(pendingPolls: 5, value: 1);
        var awaiter = future.GetAwaiter();

        awaiter.UnsafeOnCompleted(() => { });
        future.Polls.Should().Be(1, "a continuation registered before anyone asked IsCompleted must start the future: nobody else will poll it");
        awaiter.IsCompleted.Should().BeFalse();
        future.Polls.Should().Be(1, "the registration started the future already: IsCompleted must not poll it again");
    }

    [KataFact]
    public void A_future_finished_by_a_wake_before_the_registration_runs_the_continuation_at_once()
    {
        var future = new ScriptedFuture<int>(pendingPolls: 1, value: 7);
        var awaiter = future.GetAwaiter();
        awaiter.IsCompleted.Should().BeFalse();

        future.LastContext!.Waker.Wake();
        int runs = 0;
        awaiter.UnsafeOnCompleted(() => runs++);

        runs.Should().Be(1, "the wake after a pending poll polls again, and the future was done before the registration: the registration runs the continuation itself");
        future.Polls.Should().Be(2);
        awaiter.GetResult().Should().Be(7);
    }

    [KataFact]
    public void A_wake_during_a_poll_polls_once_more_and_then_waits_for_the_next_wake()
    {
        var future = new WakesItselfInItsFirstPoll();
        var awaiter = future.GetAwaiter();

        awaiter.IsCompleted.Should().BeFalse("the second poll is pending and nothing woke the future during it");
        future.Polls.Should().Be(2, "the wake during the first poll asks for exactly one more poll");
        future.Wake();
        awaiter.IsCompleted.Should().BeTrue("the next wake polls again, and the third poll is ready");
        awaiter.GetResult().Should().Be(3);
    }

    /// <summary>Wakes itself inside its first poll, is pending on its second without a wake, ready on its third.</summary>
    private sealed class WakesItselfInItsFirstPoll : IFuture<int>
    {
        private Waker? _waker;

        public int Polls { get; private set; }

        public void Wake() => _waker!.Wake();

        public Poll<int> Poll(Context context)
        {
            Polls++;
            _waker = context.Waker;
            if (Polls == 1)
            {
                context.Waker.Wake();
            }

            return Polls >= 3 ? Poll<int>.Ready(Polls) : Poll<int>.Pending;
        }
    }
}
