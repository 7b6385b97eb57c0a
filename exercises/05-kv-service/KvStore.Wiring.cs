namespace Katas.KvService;

/// <summary>
/// Given code, the same in both trees: what the store is built from. The clock decides when a key with a time to
/// live expires (5.5); the tests pass a fake one, so no test ever waits for time to pass.
/// </summary>
public sealed partial class KvStore
{
    private readonly TimeProvider _time;

    /// <summary>A store on the system clock.</summary>
    public KvStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A store that reads the time from <paramref name="time"/>.</summary>
    public KvStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The clock the store reads: a key whose ExpiresAt is at or before its UTC now has expired.</summary>
    public TimeProvider Time => _time;
}
