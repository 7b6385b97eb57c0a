using System.Runtime.CompilerServices;

namespace Katas.Async.HiddenTests;

[HiddenTests("2.5")]
public sealed class CompilerOutputHiddenTests
{
    [KataFact]
    public void SumAsync_of_no_parts_is_zero_and_null_is_rejected()
    {
        CompilerOutput.SumAsync([]).Result.Should().Be(0, "the loop runs zero times");
        FluentActions.Invoking(() => { _ = CompilerOutput.SumAsync(null!); }).Should().Throw<ArgumentNullException>("SumAsync checks its argument before it starts the machine, so the exception comes from the call");
    }

    [KataFact]
    public void A_cancelled_part_cancels_the_sum_like_the_real_method()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Task<int>[] parts = [Task.FromResult(1), Task.FromCanceled<int>(cts.Token)];

        Task<int> handWritten = CompilerOutput.SumAsync(parts);

        handWritten.IsCanceled.Should().BeTrue("awaiting a cancelled task throws OperationCanceledException, and the builder turns that into a cancelled task");
    }

    [KataFact]
    public void A_thousand_pending_parts_resume_the_same_machine_a_thousand_times()
    {
        var sources = Enumerable.Range(0, 1_000).Select(_ => new TaskCompletionSource<int>()).ToArray();

        Task<int> sum = CompilerOutput.SumAsync(sources.Select(s => s.Task).ToArray());
        for (int i = 0; i < sources.Length; i++)
        {
            sum.IsCompleted.Should().BeFalse();
            sources[i].SetResult(i);
        }

        sum.Result.Should().Be(499_500, "the total and the index live in the machine's fields across every suspension");
    }

    [KataFact]
    public void The_state_is_minus_1_while_running_a_synchronous_sum_and_the_local_machine_finishes_in_minus_2()
    {
        var machine = new SumStateMachine
        {
            Builder = AsyncTaskMethodBuilder<int>.Create(),
            Parts = [Task.FromResult(2), Task.FromResult(3)],
            State = -1,
        };

        machine.Builder.Start(ref machine);

        machine.State.Should().Be(-2, "with no suspension the local itself runs to the end, which the compiler marks -2");
        machine.Builder.Task.Result.Should().Be(5);
    }

    [KataFact]
    public async Task An_exception_before_the_first_await_of_a_LazyTask_comes_out_of_the_await_not_the_call()
    {
        LazyTask<int> task = Throws();

        task.IsStarted.Should().BeFalse("nothing ran yet, so nothing threw yet");
        await FluentActions.Awaiting(async () => await task).Should().ThrowAsync<FormatException>().WithMessage("lazy failure");

        static async LazyTask<int> Throws()
        {
            await Task.CompletedTask;
            throw new FormatException("lazy failure");
        }
    }

    [KataFact]
    public async Task A_LazyTask_never_awaited_never_runs_and_nested_LazyTasks_compose()
    {
        int runs = 0;
        _ = Leaf(1);
        runs.Should().Be(0);

        (await Outer()).Should().Be(3, "a LazyTask can await other LazyTasks");
        runs.Should().Be(2, "only the two leaves the outer task awaited ran");

        async LazyTask<int> Leaf(int value)
        {
            runs++;
            await Task.Yield();
            return value;
        }

        async LazyTask<int> Outer() => await Leaf(1) + await Leaf(2);
    }

    [KataFact]
    public void A_part_that_failed_already_finishes_the_local_machine_in_minus_2_with_the_exception()
    {
        var machine = new SumStateMachine
        {
            Builder = AsyncTaskMethodBuilder<int>.Create(),
            Parts = [Task.FromResult(2), Task.FromException<int>(new FormatException("bad part"))],
            State = -1,
        };

        machine.Builder.Start(ref machine);

        machine.State.Should().Be(-2, "a method that throws is finished too: the compiler's catch sets -2 before SetException");
        machine.Builder.Task.Exception!.InnerException.Should().BeOfType<FormatException>();
    }

    [KataFact]
    public void A_LazyTask_whose_body_is_cancelled_is_cancelled_not_faulted()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Task<int> task = Cancelled(cancel.Token).AsTask();

        task.IsCanceled.Should().BeTrue("an OperationCanceledException out of the body cancels the task, as it does an async Task method's");

        static async LazyTask<int> Cancelled(CancellationToken token)
        {
            await Task.CompletedTask;
            token.ThrowIfCancellationRequested();
            return 1;
        }
    }

    [KataFact]
    public void A_LazyTask_resumes_in_the_execution_context_it_was_started_in()
    {
        var local = new AsyncLocal<string>();
        var gate = new TaskCompletionSource<int>();
        local.Value = "the starter's";
        Task<string> task = ReadAfterAwait().AsTask();
        local.Value = null!;

        // Completed by a thread started with no value: the continuation runs inline on it, inside SetResult.
        var completer = new Thread(() => gate.SetResult(1));
        completer.Start();
        completer.Join();

        task.Result.Should().Be("the starter's", "the builder flows the ExecutionContext across every await, as AsyncTaskMethodBuilder does");

        async LazyTask<string> ReadAfterAwait()
        {
            await gate.Task;
            return local.Value ?? "none";
        }
    }

    [KataFact]
    public void A_LazyTask_started_with_the_flow_suppressed_still_resumes()
    {
        var gate = new TaskCompletionSource<int>();
        Task<int> task;
        using (ExecutionContext.SuppressFlow())
        {
            task = AfterAwait().AsTask();
        }

        gate.SetResult(20);

        task.Result.Should().Be(21, "with no execution context to flow the continuation simply runs");

        async LazyTask<int> AfterAwait() => await gate.Task + 1;
    }
}
