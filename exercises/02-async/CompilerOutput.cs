using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Katas.Async;

/// <summary>
/// Exercise 2.5, part 1: what the C# compiler writes for an async method, by hand. The method is
/// <code>
/// static async Task&lt;int&gt; SumAsync(IReadOnlyList&lt;Task&lt;int&gt;&gt; parts)
/// {
///     int total = 0;
///     for (int i = 0; i &lt; parts.Count; i++)
///     {
///         total += await parts[i];
///     }
///
///     return total;
/// }
/// </code>
/// and <see cref="SumAsync"/> is what the compiler turns its body into: make the state machine, start it,
/// hand back the builder's task.
/// </summary>
public static class CompilerOutput
{
    /// <summary>The sum of the parts' results, awaited in order, exactly as the async method above.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    public static Task<int> SumAsync(IReadOnlyList<Task<int>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        // TODO: do what the compiler does with an async method's body: make the state machine, start it with
        // its builder, return the builder's task. Do not write an async method: SumStateMachine is the method.
        throw new NotImplementedException("Exercise 2.5 (CompilerOutput.SumAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");
    }
}

/// <summary>
/// The state machine of <see cref="CompilerOutput.SumAsync"/>, as the compiler would write it (with readable
/// names: the compiler's are <c>&lt;&gt;1__state</c>, <c>&lt;&gt;t__builder</c>, <c>&lt;total&gt;5__2</c> ...).
/// </summary>
/// <remarks>
/// <para><see cref="State"/>: -1 running (or not started), 0 suspended at the one <c>await</c> of the method
/// (an await site has one number however often a loop passes it), -2 finished.</para>
/// <para>A struct, like the compiler's in Release builds: if every await completes synchronously the method
/// allocates nothing but its task. The first await that must wait boxes the struct (the builder's
/// <c>AwaitUnsafeOnCompleted</c>), and from then on the box's copy is the one that runs.</para>
/// </remarks>
[SuppressMessage("Design", "CA1051:Do not declare visible instance fields",
    Justification = "The compiler's state machines are structs with fields; the builder must be a field, since a property would return a copy.")]
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types",
    Justification = "A state machine is never compared.")]
public struct SumStateMachine : IAsyncStateMachine
{
    /// <summary>-1 running, 0 suspended at the await, -2 done.</summary>
    public int State;

    /// <summary>Builds and completes the method's <see cref="Task{TResult}"/>.</summary>
    public AsyncTaskMethodBuilder<int> Builder;

    /// <summary>The method's parameter.</summary>
    public IReadOnlyList<Task<int>> Parts;

    // TODO: add the fields the method's locals and its awaiter need while the method is suspended.

    public void MoveNext()
    {
        // TODO: the method's body as a state machine: run until an await that has to wait (then record where,
        // keep the awaiter, and let the builder call MoveNext again when it completes), or until the end (then
        // complete the builder's task with the total, or with the exception). Keep the State numbers above.
        throw new NotImplementedException("Exercise 2.5 (SumStateMachine.MoveNext) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");
    }

    public void SetStateMachine(IAsyncStateMachine stateMachine) => Builder.SetStateMachine(stateMachine);
}

/// <summary>
/// Exercise 2.5, part 2: a task-like type whose async methods are lazy, like Rust futures: calling one
/// runs nothing; the body starts when the result is first awaited (or <see cref="AsTask"/> is called).
/// </summary>
/// <remarks>
/// <c>[AsyncMethodBuilder]</c> tells the compiler which builder to use for <c>async LazyTask&lt;T&gt;</c>
/// methods. A <see cref="Task"/>'s builder runs the body in <c>Start</c>; ours only keeps the state machine.
/// </remarks>
[AsyncMethodBuilder(typeof(LazyTaskMethodBuilder<>))]
public sealed class LazyTask<T>
{
    // TODO: the state of a lazy task: its state machine (kept, not run, by the builder's Start), whether it has
    // started, and its result once it has one. Add the internal members your builder needs.

    internal LazyTask()
    {
    }

    /// <summary>True once the body has started running.</summary>
    public bool IsStarted => throw new NotImplementedException("Exercise 2.5 (LazyTask.IsStarted) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    /// <summary>Starts the body (the first call only) and returns the awaiter of its result.</summary>
    public TaskAwaiter<T> GetAwaiter() => AsTask().GetAwaiter();

    /// <summary>Starts the body (the first call only) and returns a task of its result.</summary>
    public Task<T> AsTask() => throw new NotImplementedException("Exercise 2.5 (LazyTask.AsTask) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");
}

/// <summary>The builder the compiler uses for <c>async LazyTask&lt;T&gt;</c> methods: the methods are the pattern, no interface.</summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types",
    Justification = "A builder is never compared.")]
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "The compiler calls the static Create of the builder.")]
public struct LazyTaskMethodBuilder<T>
{
    // TODO: the builder's state (the LazyTask it builds) and the members below. Start must not run the body.

    public static LazyTaskMethodBuilder<T> Create() => throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.Create) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly LazyTask<T> Task => throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.Task) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine =>
        throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.Start) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly void SetStateMachine(IAsyncStateMachine stateMachine) =>
        throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.SetStateMachine) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly void SetResult(T result) => throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.SetResult) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly void SetException(Exception exception) => throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.SetException) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.AwaitOnCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");

    public readonly void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        throw new NotImplementedException("Exercise 2.5 (LazyTaskMethodBuilder.AwaitUnsafeOnCompleted) is not solved yet. Hint: dotnet run --project grader -- hint 2.5");
}
