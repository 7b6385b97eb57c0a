namespace Katas.Async.Tests;

[Exercise("2.1", "The Future trait by hand: a countdown, Join and Select", Points = 10, Hint = """
    A future is a state machine that someone else drives: Poll either finishes (Ready) or says "not yet"
    (Pending), and a Pending answer is a promise that the waker in the context will be called later.
    Who will wake a countdown that has nothing to wait for?
    Join and Select own two futures and answer for both. Which children must a Join poll each time it is
    polled, and which must it leave alone?
    """, MoreHint = """
    CountdownFuture: keep the pending polls left; on a pending answer call context.Waker.Wake() first.
    Join: keep each child's result once it is ready (a Poll<T> field per child works), poll only the children
    that are not ready yet, with the same context, and answer Ready when both are.
    Select: poll the first child, then the second only if the first is pending; after answering Ready, the
    combinator is finished. Every future of this module throws InvalidOperationException when polled after Ready.
    Reading: https://doc.rust-lang.org/std/future/trait.Future.html and the book "Async Rust", chapter 2.
    """, Recap = """
    A future does nothing by itself: progress happens only inside Poll, and Pending is a promise to wake.
    Join and Select are plain state machines over their children's polls; async/await writes such machines for you.
    """)]
public sealed class FuturesTests
{
    [KataFact]
    public void Countdown_is_pending_count_times_then_ready_with_the_number_of_polls()
    {
        var future = new CountdownFuture(3);
        var waker = new CountingWaker();

        var polls = Enumerable.Range(0, 4).Select(_ => future.Poll(waker.Context)).ToList();

        polls.Select(p => p.IsReady).Should().Equal([false, false, false, true], "a countdown of 3 answers Pending three times, then Ready");
        polls[3].Value.Should().Be(4, "the countdown's value is the number of polls it took: 3 pending + 1 ready");
    }

    [KataFact]
    public void Countdown_wakes_its_waker_once_before_every_pending_answer()
    {
        var future = new CountdownFuture(5);
        var waker = new CountingWaker();

        for (int i = 1; i <= 5; i++)
        {
            future.Poll(waker.Context).IsReady.Should().BeFalse();
            waker.Wakes.Should().Be(i, "a future that answers Pending must have arranged to be woken; nothing else will wake a countdown, so it wakes itself, once per pending poll");
        }

        future.Poll(waker.Context).IsReady.Should().BeTrue();
        waker.Wakes.Should().Be(5, "the ready answer needs no wake");
    }

    [KataFact]
    public void Countdown_polled_after_ready_throws_a_clear_error()
    {
        var future = new CountdownFuture(0);
        future.Poll(new Context(Waker.Noop)).IsReady.Should().BeTrue("a countdown of 0 is ready on its first poll");

        FluentActions.Invoking(() => future.Poll(new Context(Waker.Noop))).Should().Throw<InvalidOperationException>(
            "polling a finished future is a bug in the caller; say so instead of answering again");
    }

    [KataFact]
    public void Join_polls_both_children_on_its_first_poll()
    {
        var first = new ScriptedFuture<int>(pendingPolls: 2, value: 1);
        var second = new ScriptedFuture<string>(pendingPolls: 0, value: "two");
        var join = Futures.Join(first, second);
        var waker = new CountingWaker();

        join.Poll(waker.Context).IsReady.Should().BeFalse("the first child is still pending");

        first.Polls.Should().Be(1);
        second.Polls.Should().Be(1, "a join makes progress on both children at once: it polls the second even while the first is pending (a sequential join would start the second only after the first finished)");
    }

    [KataFact]
    public void Join_keeps_a_ready_result_and_never_polls_that_child_again()
    {
        var first = new ScriptedFuture<int>(pendingPolls: 2, value: 1);
        var second = new ScriptedFuture<string>(pendingPolls: 0, value: "two");
        var join = Futures.Join(first, second);
        var context = new Context(Waker.Noop);

        join.Poll(context).IsReady.Should().BeFalse();
        join.Poll(context).IsReady.Should().BeFalse();
        var ready = join.Poll(context);

        ready.IsReady.Should().BeTrue("both children are ready after the third poll");
        ready.Value.Should().Be((1, "two"), "Join returns both results");
        second.Polls.Should().Be(1, "the second child was ready on the first poll: keep its result, don't poll it again (a finished future must not be polled)");
        first.Polls.Should().Be(3);
    }

    [KataFact]
    public void Select_answers_with_the_first_child_to_finish_and_abandons_the_other()
    {
        var slow = new ScriptedFuture<string>(pendingPolls: 5, value: "slow");
        var fast = new ScriptedFuture<string>(pendingPolls: 1, value: "fast");
        var select = Futures.Select(slow, fast);
        var context = new Context(Waker.Noop);

        select.Poll(context).IsReady.Should().BeFalse();
        var ready = select.Poll(context);

        ready.IsReady.Should().BeTrue("the second child is ready on its second poll");
        ready.Value.Should().Be((1, "fast"), "Select answers with the winner's index (0 or 1) and its value");
        slow.Polls.Should().Be(2, "until one child is ready, every poll of the select polls both");
        FluentActions.Invoking(() => select.Poll(context)).Should().Throw<InvalidOperationException>("the select is finished");
    }

    [KataFact]
    public void Select_gives_a_tie_to_the_first_child_without_polling_the_second()
    {
        var first = new ScriptedFuture<int>(pendingPolls: 0, value: 10);
        var second = new ScriptedFuture<int>(pendingPolls: 0, value: 20);

        var ready = Futures.Select(first, second).Poll(new Context(Waker.Noop));

        ready.Value.Should().Be((0, 10), "the select is biased: the first child is polled first and wins a tie");
        second.Polls.Should().Be(0, "once the first child has won, polling the second would do work only to throw it away");
    }
}
