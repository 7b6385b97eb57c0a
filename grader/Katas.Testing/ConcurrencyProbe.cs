namespace Katas.Testing;

/// <summary>
/// Proves, without measuring time, that work items really ran at the same time.
/// </summary>
/// <remarks>
/// Call <see cref="Arrive"/> from inside each work item. The first callers wait (up to a patience
/// period) until <c>required</c> of them are inside at once; from then on nobody waits again. Code that
/// runs the items one after another never has two inside, so the first caller waits out its patience,
/// the probe gives up (later callers don't wait at all, so a sequential run costs one patience period,
/// not one per item) and <see cref="SawConcurrency"/> stays false.
/// The verdict does not depend on how fast the machine is: a parallel run on 2 cores or 64 opens the
/// probe as soon as a second worker starts, however long that takes within the patience period.
/// </remarks>
public sealed class ConcurrencyProbe : IDisposable
{
    /// <summary>Long enough for a thread-pool thread to be injected on a loaded 2-core machine.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(5);

    private readonly int _required;
    private readonly TimeSpan _patience;
    /// <summary>Set once <c>_required</c> callers have been inside at the same time.</summary>
    private readonly ManualResetEventSlim _opened = new(initialState: false);
    /// <summary>Callers inside <see cref="Arrive"/> right now.</summary>
    private int _inside;
    /// <summary>1 after a caller's wait ran out: stop making anyone else wait.</summary>
    private int _gaveUp;

    public ConcurrencyProbe(int required = 2, TimeSpan? patience = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(required, 2);
        _required = required;
        _patience = patience ?? DefaultPatience;
    }

    /// <summary>True once <c>required</c> work items were inside <see cref="Arrive"/> at the same time.</summary>
    public bool SawConcurrency => _opened.IsSet;

    /// <summary>Call from inside a work item.</summary>
    public void Arrive()
    {
        if (Interlocked.Increment(ref _inside) >= _required)
        {
            _opened.Set();
        }

        if (!_opened.IsSet && Volatile.Read(ref _gaveUp) == 0 && !_opened.Wait(_patience))
        {
            Volatile.Write(ref _gaveUp, 1);
        }

        Interlocked.Decrement(ref _inside);
    }

    public void Dispose() => _opened.Dispose();
}
