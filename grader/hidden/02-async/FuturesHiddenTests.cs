namespace Katas.Async.HiddenTests;

[HiddenTests("2.1")]
public sealed class FuturesHiddenTests
{
    [KataFact]
    public void A_countdown_of_zero_is_ready_at_once_without_waking()
    {
        var waker = new CountingWaker();

        var poll = new CountdownFuture(0).Poll(waker.Context);

        poll.IsReady.Should().BeTrue();
        poll.Value.Should().Be(1, "one poll");
        waker.Wakes.Should().Be(0, "a ready answer needs no wake");
    }

    [KataFact]
    public void A_negative_count_is_rejected_by_name()
    {
        FluentActions.Invoking(() => new CountdownFuture(-1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("count", "a countdown cannot be pending a negative number of times");
    }

    [KataFact]
    public void Null_children_are_rejected()
    {
        FluentActions.Invoking(() => Futures.Join<int, int>(null!, new CountdownFuture(1))).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Futures.Join<int, int>(new CountdownFuture(1), null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Futures.Select<int>(null!, new CountdownFuture(1))).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Futures.Select<int>(new CountdownFuture(1), null!)).Should().Throw<ArgumentNullException>();
    }

    [KataFact]
    public void Join_hands_its_own_context_to_both_children()
    {
        var first = new ScriptedFuture<int>(pendingPolls: 1, value: 1);
        var second = new ScriptedFuture<int>(pendingPolls: 1, value: 2);
        var context = new Context(Waker.Noop);

        Futures.Join(first, second).Poll(context);

        first.LastContext.Should().BeSameAs(context, "a child that waits must wake the task that polls the join: give it the join's context");
        second.LastContext.Should().BeSameAs(context, "a child that waits must wake the task that polls the join: give it the join's context");
    }

    [KataFact]
    public void Join_of_two_countdowns_finishes_after_the_longer_one_and_wakes_for_each_pending_child()
    {
        var join = Futures.Join(new CountdownFuture(2), new CountdownFuture(6));
        var waker = new CountingWaker();
        int polls = 0;
        Poll<(int, int)> poll;
        do
        {
            poll = join.Poll(waker.Context);
            polls++;
        }
        while (!poll.IsReady && polls < 100);

        poll.Value.Should().Be((3, 7), "each countdown reports its own number of polls");
        polls.Should().Be(7, "the join is ready on the poll that finishes the longer child");
        waker.Wakes.Should().Be(8, "every pending poll of each child wakes once: 2 + 6");
        FluentActions.Invoking(() => join.Poll(waker.Context)).Should().Throw<InvalidOperationException>("a finished join must not be polled again");
    }

    [KataFact]
    public void Select_with_the_first_child_winning_later_still_reports_index_zero()
    {
        var first = new ScriptedFuture<string>(pendingPolls: 2, value: "a");
        var second = new ScriptedFuture<string>(pendingPolls: 10, value: "b");
        var select = Futures.Select(first, second);
        var context = new Context(Waker.Noop);

        select.Poll(context);
        select.Poll(context);
        var ready = select.Poll(context);

        ready.Value.Should().Be((0, "a"));
        second.Polls.Should().Be(2, "on the poll the first child wins, the second is not polled");
    }

    [KataFact]
    public void Every_future_refuses_a_null_context_before_polling_anything()
    {
        var first = new ScriptedFuture<int>(pendingPolls: 1, value: 1);
        var second = new ScriptedFuture<int>(pendingPolls: 1, value: 2);

        FluentActions.Invoking(() => new CountdownFuture(1).Poll(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
        FluentActions.Invoking(() => Futures.Join(first, second).Poll(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
        FluentActions.Invoking(() => Futures.Select(first, second).Poll(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
        (first.Polls + second.Polls).Should().Be(0, "a combinator checks its own argument before it hands it to a child");
    }

    [KataFact]
    public void A_finished_future_polled_again_names_itself_and_polls_no_child()
    {
        var context = new Context(Waker.Noop);
        var countdown = new CountdownFuture(0);
        countdown.Poll(context);
        var join = Futures.Join(new ScriptedFuture<int>(0, 1), new ScriptedFuture<int>(0, 2));
        join.Poll(context);
        var firstWins = new ScriptedFuture<int>(pendingPolls: 0, value: 1);
        var firstLoses = new ScriptedFuture<int>(pendingPolls: 5, value: 2);
        var wonByFirst = Futures.Select(firstWins, firstLoses);
        wonByFirst.Poll(context);
        var secondLoses = new ScriptedFuture<int>(pendingPolls: 5, value: 1);
        var secondWins = new ScriptedFuture<int>(pendingPolls: 0, value: 2);
        var wonBySecond = Futures.Select(secondLoses, secondWins);
        wonBySecond.Poll(context);

        FluentActions.Invoking(() => countdown.Poll(context)).Should().Throw<InvalidOperationException>().WithMessage("*CountdownFuture*");
        FluentActions.Invoking(() => join.Poll(context)).Should().Throw<InvalidOperationException>().WithMessage("*Join*");
        FluentActions.Invoking(() => wonByFirst.Poll(context)).Should().Throw<InvalidOperationException>().WithMessage("*Select*");
        FluentActions.Invoking(() => wonBySecond.Poll(context)).Should().Throw<InvalidOperationException>().WithMessage("*Select*");
        (firstLoses.Polls, secondLoses.Polls).Should().Be((0, 1), "a finished select leaves both children alone for good");
    }

    // The given types of Future.cs, which every exercise builds on: they must keep behaving as their comments say.
    [KataFact]
    public void The_given_poll_shows_what_it_holds_and_a_pending_one_has_no_value()
    {
        Poll<int>.Ready(3).ToString().Should().Be("Ready(3)");
        Poll<int>.Pending.ToString().Should().Be("Pending");
        FluentActions.Invoking(() => Poll<int>.Pending.Value).Should().Throw<InvalidOperationException>().WithMessage("*poll the future again*");
    }

    [KataFact]
    public void The_given_waker_calls_its_action_or_its_target_on_every_wake_and_refuses_null()
    {
        var target = new WakeTarget();
        var fromTarget = new Waker(target);
        int actionWakes = 0;
        var fromAction = new Waker(() => actionWakes++);

        fromTarget.Wake();
        fromTarget.Wake();
        fromAction.Wake();

        (target.Wakes, actionWakes).Should().Be((2, 1), "a waker passes every wake on");
        FluentActions.Invoking(() => new Waker((Action)null!)).Should().Throw<ArgumentNullException>().WithParameterName("wake");
        FluentActions.Invoking(() => new Waker((IWake)null!)).Should().Throw<ArgumentNullException>().WithParameterName("target");
        FluentActions.Invoking(() => new Context(null!)).Should().Throw<ArgumentNullException>().WithParameterName("waker");
    }

    private sealed class WakeTarget : IWake
    {
        public int Wakes { get; private set; }

        public void Wake() => Wakes++;
    }
}
