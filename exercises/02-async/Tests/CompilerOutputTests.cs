using System.Runtime.CompilerServices;

namespace Katas.Async.Tests;

[Exercise("2.5", "What the compiler writes: a hand-made IAsyncStateMachine and a lazy task type", Points = 15, Hint = """
    An async method is compiled into a struct with a MoveNext method: its locals become fields, each await
    becomes "get the awaiter; if it is not completed, save where I am, ask to be called back, return", and
    the code after the await is where MoveNext jumps when called again. Which state numbers does the
    compiler use, and what happens at an await whose task has already completed?
    The second part turns it around: the builder decides what Start does. What if it does nothing?
    """, MoreHint = """
    SumStateMachine: State -1 while running, 0 while suspended at the await, -2 when done. Keep the awaiter in a
    field, call Builder.AwaitUnsafeOnCompleted(ref awaiter, ref this) and return; when resumed (State == 0) take
    it back and continue the loop. Wrap the body in try/catch and end with Builder.SetResult or SetException.
    Compare with the real thing: build an async method and open it in a decompiler (ILSpy, sharplab.io).
    LazyTask: the builder's Start keeps the (boxed) state machine instead of calling MoveNext; GetAwaiter
    calls MoveNext the first time; completion can go through a TaskCompletionSource.
    Reading: https://devblogs.microsoft.com/dotnet/how-async-await-really-works/ ("Async methods compiled").
    """, Recap = """
    async/await is a compiler rewrite into a state machine plus a builder; nothing in the runtime knows about
    "async methods". The builder is a pattern you can supply, which is how ValueTask, IAsyncEnumerable and
    lazy, Rust-style tasks exist.
    """, StudentFiles = "CompilerOutput.cs")]
public sealed class CompilerOutputTests
{
    [KataFact]
    public async Task SumAsync_gives_the_same_result_as_the_real_async_method_when_parts_finish_out_of_order()
    {
        var sources = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource<int>()).ToArray();
        Task<int>[] parts = sources.Select(s => s.Task).ToArray();

        Task<int> handWritten = CompilerOutput.SumAsync(parts);
        Task<int> real = RealSumAsync(parts);
        handWritten.IsCompleted.Should().BeFalse("the first part is still running, so the method is suspended at its first await");

        foreach (int i in new[] { 3, 1, 0, 2 })
        {
            sources[i].SetResult((i + 1) * 10);
        }

        (await handWritten).Should().Be(await real, "both are the same method: the sum of the parts, awaited in order");
    }

    [KataFact]
    public void SumAsync_over_completed_parts_finishes_synchronously()
    {
        Task<int>[] parts = [Task.FromResult(1), Task.FromResult(2), Task.FromResult(3)];

        Task<int> sum = CompilerOutput.SumAsync(parts);

        sum.IsCompletedSuccessfully.Should().BeTrue(
            "an await whose awaiter IsCompleted does not suspend: the real async method returns a finished task here, and so must the state machine (check IsCompleted before AwaitUnsafeOnCompleted)");
        sum.Result.Should().Be(6);
    }

    [KataFact]
    public void The_state_machine_suspends_in_state_0_and_hands_its_continuation_to_the_builder()
    {
        var pending = new TaskCompletionSource<int>();
        var machine = new SumStateMachine
        {
            Builder = AsyncTaskMethodBuilder<int>.Create(),
            Parts = [Task.FromResult(5), pending.Task],
            State = -1,
        };

        machine.Builder.Start(ref machine);

        machine.State.Should().Be(0, "suspended at the method's one await: the compiler numbers await sites from 0, not loop iterations");
        Task<int> task = machine.Builder.Task;
        task.IsCompleted.Should().BeFalse();
        pending.SetResult(7);
        task.Result.Should().Be(12, "completing the awaited part resumes the boxed copy of the machine, which finishes the sum");
    }

    [KataFact]
    public async Task SumAsync_fails_like_the_real_method_at_the_first_faulted_part()
    {
        var first = new TaskCompletionSource<int>();
        Task<int>[] parts = [first.Task, Task.FromException<int>(new InvalidOperationException("part 1 failed")), Task.FromResult(3)];

        Task<int> handWritten = CompilerOutput.SumAsync(parts);
        first.SetResult(1);

        await FluentActions.Awaiting(() => handWritten).Should().ThrowAsync<InvalidOperationException>().WithMessage("part 1 failed",
            "await rethrows the part's exception inside MoveNext; the catch around the body hands it to Builder.SetException");
    }

    [KataFact]
    public void Calling_a_LazyTask_method_runs_nothing_until_it_is_awaited()
    {
        int runs = 0;

        LazyTask<int> task = Body();

        runs.Should().Be(0, "a LazyTask is like a Rust future: calling the method only builds it (the builder's Start must not call MoveNext)");
        task.IsStarted.Should().BeFalse();
        task.AsTask().Result.Should().Be(42, "awaiting (or AsTask) starts the body");
        runs.Should().Be(1);
        task.IsStarted.Should().BeTrue();

        async LazyTask<int> Body()
        {
            runs++;
            await Task.Yield();
            return 42;
        }
    }

    [KataFact]
    public async Task A_LazyTask_awaited_twice_runs_its_body_once_and_gives_the_same_result()
    {
        int runs = 0;
        LazyTask<string> task = Body();

        string first = await task;
        string second = await task;

        (first, second).Should().Be(("done", "done"));
        runs.Should().Be(1, "the body runs once; a second await gets the same result");

        async LazyTask<string> Body()
        {
            runs++;
            await Task.Delay(1);
            return "done";
        }
    }

    private static async Task<int> RealSumAsync(Task<int>[] parts)
    {
        int total = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            total += await parts[i];
        }

        return total;
    }
}
