using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Katas.Async;

/// <summary>Exercise 2.4: makes every <see cref="IFuture{T}"/> awaitable, so <c>await future</c> compiles.</summary>
public static class FutureExtensions
{
    /// <summary>The awaiter <c>await</c> asks for: the compiler looks for an instance or extension method of this name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static FutureAwaiter<T> GetAwaiter<T>(this IFuture<T> future) => new(future);
}

/// <summary>
/// Exercise 2.4: the awaiter pattern, bridging a poll future to <c>await</c>. The awaiter is its own tiny
/// executor: it polls the future once when asked <see cref="IsCompleted"/>, and again on the thread of every
/// wake, until it is ready; then it runs the continuation that <c>await</c> registered, exactly once.
/// </summary>
/// <remarks>
/// <para>What <c>await x</c> compiles to (simplified): <c>var a = x.GetAwaiter(); if (!a.IsCompleted) {
/// save the state; builder.AwaitUnsafeOnCompleted(ref a, ref this); return; } resume: a.GetResult();</c>.</para>
/// <para>A wake may come during a poll (the future wakes itself, or another thread is quick). The future must
/// not be polled twice at once, so such a wake only marks "poll again", and the poll in progress loops.</para>
/// <para><see cref="OnCompleted"/> captures the <see cref="ExecutionContext"/> (the <see cref="AsyncLocal{T}"/>
/// values) of the thread that registers and runs the continuation in it; <see cref="UnsafeOnCompleted"/> does
/// not, and the continuation sees whatever context the waking thread has. The async method builders call
/// <see cref="UnsafeOnCompleted"/> because they flow the context themselves, once for the whole method.</para>
/// </remarks>
public sealed class FutureAwaiter<T> : ICriticalNotifyCompletion
{
    /// <summary>Guards the state fields; never held while the future is polled or the continuation runs.</summary>
    private readonly Lock _lock = new();
    private readonly IFuture<T> _future;
    private readonly Context _context;

    private bool _started;
    private bool _polling;
    private bool _wokenWhilePolling;
    private bool _done;
    private T? _result;
    private ExceptionDispatchInfo? _failure;

    private bool _registered;
    private Action? _continuation;
    private ExecutionContext? _executionContext;

    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public FutureAwaiter(IFuture<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        _future = future;
        _context = new Context(new Waker(RunPolls));
    }

    /// <summary>True when the future is done. The first call polls it.</summary>
    public bool IsCompleted
    {
        get
        {
            bool start;
            lock (_lock)
            {
                start = !_started;
                _started = true;
            }

            if (start)
            {
                RunPolls();
            }

            lock (_lock)
            {
                return _done;
            }
        }
    }

    /// <summary>The future's value, or its exception rethrown as it was thrown.</summary>
    /// <exception cref="InvalidOperationException">The future is not done yet.</exception>
    public T GetResult()
    {
        lock (_lock)
        {
            if (!_done)
            {
                throw new InvalidOperationException("GetResult was called before the future completed: check IsCompleted, or wait for the continuation.");
            }
        }

        _failure?.Throw();
        return _result!;
    }

    /// <summary>Runs <paramref name="continuation"/> once the future is done, in the execution context of the caller.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="continuation"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A continuation was already registered.</exception>
    public void OnCompleted(Action continuation) => Register(continuation, ExecutionContext.Capture());

    /// <summary>Runs <paramref name="continuation"/> once the future is done, without flowing the execution context.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="continuation"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A continuation was already registered.</exception>
    public void UnsafeOnCompleted(Action continuation) => Register(continuation, executionContext: null);

    private void Register(Action continuation, ExecutionContext? executionContext)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        bool start;
        bool runNow;
        lock (_lock)
        {
            if (_registered)
            {
                throw new InvalidOperationException("A continuation was already registered: an awaiter is awaited once.");
            }

            _registered = true;
            start = !_started;
            _started = true;
            // Done already (a wake finished the future between IsCompleted and this call): run it ourselves.
            // Otherwise store it, and the poll that finishes the future runs it: one or the other, never both.
            runNow = _done;
            if (!runNow)
            {
                _continuation = continuation;
                _executionContext = executionContext;
            }
        }

        if (runNow)
        {
            Invoke(continuation, executionContext);
        }
        else if (start)
        {
            // Registered without asking IsCompleted first: start polling now.
            RunPolls();
        }
    }

    /// <summary>The waker: poll until the future is pending with no wake in between, or done.</summary>
    private void RunPolls()
    {
        lock (_lock)
        {
            if (_done)
            {
                // A stale wake after completion: the continuation has run or will run; never poll again.
                return;
            }

            if (_polling)
            {
                // Don't poll the future from inside its own poll: ask the poll in progress to go round again.
                _wokenWhilePolling = true;
                return;
            }

            _polling = true;
        }

        while (true)
        {
            bool ready = false;
            try
            {
                Poll<T> poll = _future.Poll(_context);
                if (poll.IsReady)
                {
                    _result = poll.Value;
                    ready = true;
                }
            }
            catch (Exception ex)
            {
                // The exception belongs to whoever awaits (GetResult), not to whoever happened to wake us.
                _failure = ExceptionDispatchInfo.Capture(ex);
                ready = true;
            }

            Action? continuation;
            ExecutionContext? executionContext;
            lock (_lock)
            {
                if (!ready)
                {
                    if (_wokenWhilePolling)
                    {
                        _wokenWhilePolling = false;
                        continue;
                    }

                    _polling = false;
                    return;
                }

                _done = true;
                _polling = false;
                continuation = _continuation;
                executionContext = _executionContext;
                _continuation = null;
                _executionContext = null;
            }

            if (continuation is not null)
            {
                Invoke(continuation, executionContext);
            }

            return;
        }
    }

    private static void Invoke(Action continuation, ExecutionContext? executionContext)
    {
        if (executionContext is null)
        {
            continuation();
        }
        else
        {
            ExecutionContext.Run(executionContext, static state => ((Action)state!)(), continuation);
        }
    }
}
