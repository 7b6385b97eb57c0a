namespace Katas.Async;

// The poll model of Rust's std::future, in C#. Given, the same in exercises/ and solutions/: every exercise
// of this module builds on these four types. Read them first; they are short on purpose.

/// <summary>
/// What <see cref="IFuture{T}.Poll"/> answers: <see cref="Pending"/> (not yet: I have arranged to be woken)
/// or ready with a value. Rust: <c>std::task::Poll&lt;T&gt;</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "Poll<T>.Ready(x) and Poll<T>.Pending read like Rust's Poll::Ready(x) and Poll::Pending.")]
public readonly struct Poll<T>
{
    private readonly T _value;

    private Poll(T value)
    {
        _value = value;
        IsReady = true;
    }

    /// <summary>Not ready yet. The future has stored the context's waker and will call it when it can make progress.</summary>
    public static Poll<T> Pending => default;

    /// <summary>True when the future has finished and <see cref="Value"/> holds its result.</summary>
    public bool IsReady { get; }

    /// <summary>The result of a ready poll.</summary>
    /// <exception cref="InvalidOperationException">The poll was <see cref="Pending"/>.</exception>
    public T Value => IsReady ? _value : throw new InvalidOperationException("A pending poll has no value: poll the future again after its waker is called.");

    /// <summary>The future has finished with <paramref name="value"/>.</summary>
    public static Poll<T> Ready(T value) => new(value);

    public override string ToString() => IsReady ? $"Ready({_value})" : "Pending";
}

/// <summary>
/// A computation that makes progress only when polled. Rust: <c>std::future::Future</c>.
/// </summary>
/// <remarks>
/// The contract, as in Rust: <see cref="Poll"/> never blocks. It returns ready, or it returns pending after
/// arranging for <c>context.Waker</c> (the waker of this poll: always the newest one) to be called once
/// the future can make progress. Once it has returned ready it must not be polled again: doing so is a bug
/// in the caller, and the futures of this module throw <see cref="InvalidOperationException"/>.
/// </remarks>
public interface IFuture<T>
{
    public Poll<T> Poll(Context context);
}

/// <summary>
/// A handle that tells whoever polls a future (an executor) "poll this future again". Rust: <c>std::task::Waker</c>.
/// </summary>
/// <remarks>
/// <see cref="Wake"/> may be called from any thread, any number of times; what a wake does is the
/// executor's business (exercise 2.3 makes many wakes re-queue a task once).
/// </remarks>
public sealed class Waker
{
    private readonly IWake _target;

    /// <summary>A waker that runs <paramref name="wake"/> each time it is woken.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="wake"/> is null.</exception>
    public Waker(Action wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        _target = new ActionWake(wake);
    }

    /// <summary>
    /// A waker that calls <paramref name="target"/>'s <see cref="IWake.Wake"/>: an executor's task can be its own
    /// waker's target, with no delegate to allocate per task. Rust: <c>Waker::from(Arc&lt;impl Wake&gt;)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public Waker(IWake target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <summary>A waker that does nothing (Rust: <c>Waker::noop</c>), for polling by hand.</summary>
    public static Waker Noop { get; } = new(static () => { });

    /// <summary>Asks for the future to be polled again.</summary>
    public void Wake() => _target.Wake();

    private sealed class ActionWake(Action wake) : IWake
    {
        public void Wake() => wake();
    }
}

/// <summary>What a <see cref="Waker"/> wakes: a task, say. Rust: the <c>std::task::Wake</c> trait.</summary>
public interface IWake
{
    /// <summary>Asks for the future behind the waker to be polled again; called from any thread, any number of times.</summary>
    public void Wake();
}

/// <summary>What a future gets on each poll: the waker to call when it can make progress. Rust: <c>std::task::Context</c>.</summary>
public sealed class Context
{
    /// <exception cref="ArgumentNullException"><paramref name="waker"/> is null.</exception>
    public Context(Waker waker)
    {
        ArgumentNullException.ThrowIfNull(waker);
        Waker = waker;
    }

    /// <summary>The waker of this poll. A future that returns pending must keep this one, not an older one.</summary>
    public Waker Waker { get; }
}

/// <summary>The result of a future that has no value to return (Rust: <c>()</c>).</summary>
public readonly record struct Unit;
