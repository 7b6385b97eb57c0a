// Mistake: a state machine that suspends at every await, even a completed one, never finishes synchronously.
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
        var machine = new SumStateMachine
        {
            Builder = AsyncTaskMethodBuilder<int>.Create(),
            Parts = parts,
            State = -1,
        };
        // Start runs MoveNext on this very local (no copy, no allocation) up to the first await that has to wait.
        machine.Builder.Start(ref machine);
        return machine.Builder.Task;
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

    /// <summary>The locals that live across the await become fields.</summary>
    private int _total;
    private int _index;

    /// <summary>The awaiter of the await in progress, kept while suspended.</summary>
    private TaskAwaiter<int> _awaiter;

    public void MoveNext()
    {
        int result;
        try
        {
            TaskAwaiter<int> awaiter;
            if (State == 0)
            {
                // Resumed: take the awaiter back and go to where we left off, the end of the await.
                awaiter = _awaiter;
                _awaiter = default;
                State = -1;
            }
            else
            {
                _total = 0;
                _index = 0;
                if (_index >= Parts.Count)
                {
                    result = _total;
                    goto Done;
                }

                awaiter = Parts[_index].GetAwaiter();
                goto Suspend; // bug: no IsCompleted fast path
            }

            while (true)
            {
                // The end of "total += await parts[i]".
                _total += awaiter.GetResult();
                _index++;
                if (_index >= Parts.Count)
                {
                    result = _total;
                    goto Done;
                }

                awaiter = Parts[_index].GetAwaiter();
                if (!awaiter.IsCompleted)
                {
                    goto Suspend;
                }

                // Completed already: the fast path, no suspension, go round on this thread.
            }

        Suspend:
            State = 0;
            _awaiter = awaiter;
            // Boxes this struct (first time only) and registers its MoveNext as the awaiter's continuation.
            Builder.AwaitUnsafeOnCompleted(ref awaiter, ref this);
            return;
        }
        catch (Exception ex)
        {
            State = -2;
            Builder.SetException(ex);
            return;
        }

    Done:
        State = -2;
        Builder.SetResult(result);
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
    private readonly TaskCompletionSource<T> _completion = new();
    private IAsyncStateMachine? _machine;
    private int _started;

    internal LazyTask()
    {
    }

    /// <summary>True once the body has started running.</summary>
    public bool IsStarted => Volatile.Read(ref _started) != 0;

    /// <summary>Starts the body (the first call only) and returns the awaiter of its result.</summary>
    public TaskAwaiter<T> GetAwaiter() => AsTask().GetAwaiter();

    /// <summary>Starts the body (the first call only) and returns a task of its result.</summary>
    public Task<T> AsTask()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            // The synchronous part of the body runs here, on the thread that first awaits.
            _machine!.MoveNext();
        }

        return _completion.Task;
    }

    internal IAsyncStateMachine Machine => _machine!;

    internal void SetMachine(IAsyncStateMachine machine) => _machine = machine;

    internal void SetResult(T result) => _completion.SetResult(result);

    internal void SetException(Exception exception)
    {
        if (exception is OperationCanceledException canceled)
        {
            _completion.SetCanceled(canceled.CancellationToken);
        }
        else
        {
            _completion.SetException(exception);
        }
    }
}

/// <summary>The builder the compiler uses for <c>async LazyTask&lt;T&gt;</c> methods: the methods are the pattern, no interface.</summary>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types",
    Justification = "A builder is never compared.")]
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "The compiler calls the static Create of the builder.")]
public struct LazyTaskMethodBuilder<T>
{
    private LazyTask<T> _task;

    public static LazyTaskMethodBuilder<T> Create() => new() { _task = new LazyTask<T>() };

    public readonly LazyTask<T> Task => _task;

    /// <summary>Called by the method itself: a Task's builder would run MoveNext now; we keep the machine for later.</summary>
    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        // Box it once, now: its builder field shares our _task, so the box completes the same LazyTask.
        _task.SetMachine(stateMachine);
    }

    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
        // Only used by the old (.NET Framework) boxing protocol; the machine is already boxed in Start.
    }

    public readonly void SetResult(T result) => _task.SetResult(result);

    public readonly void SetException(Exception exception) => _task.SetException(exception);

    public readonly void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(_task.Machine.MoveNext);

    public readonly void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine
    {
        // The builder flows the ExecutionContext itself, for the whole method, as the real builders do.
        IAsyncStateMachine machine = _task.Machine;
        ExecutionContext? context = ExecutionContext.Capture();
        awaiter.UnsafeOnCompleted(context is null
            ? machine.MoveNext
            : () => ExecutionContext.Run(context, static state => ((IAsyncStateMachine)state!).MoveNext(), machine));
    }
}
