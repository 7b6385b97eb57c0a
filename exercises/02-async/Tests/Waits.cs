namespace Katas.Async.Tests;

/// <summary>Bounded waits for the tests: a broken executor, primitive or server fails a test, never hangs it.</summary>
internal static class Waits
{
    /// <summary>Long enough for any thread-pool hand-off or loopback round trip on a loaded machine; only broken code waits it out.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    /// <summary>Runs <paramref name="action"/> on a new thread (never a pool thread) and returns that thread's id once it is done.</summary>
    public static int RunOnNewThread(Action action)
    {
        int id = 0;
        var thread = new Thread(() =>
        {
            id = Environment.CurrentManagedThreadId;
            action();
        })
        { IsBackground = true };
        thread.Start();
        thread.Join(Patience).Should().BeTrue("the completing call returns: it must not wait for the code it releases");
        return id;
    }

    /// <summary>
    /// True once <paramref name="thread"/> is seen blocked (WaitSleepJoin) 25 samples in a row, within a generous bound
    /// of attempts: a parked thread is in WaitSleepJoin, a spinning one is Running. Sampled, never timed.
    /// </summary>
    public static bool UntilParked(Thread thread)
    {
        int consecutive = 0;
        for (int attempt = 0; attempt < 2_000 && consecutive < 25; attempt++)
        {
            consecutive = (thread.ThreadState & ThreadState.WaitSleepJoin) != 0 ? consecutive + 1 : 0;
            Thread.Sleep(1);
        }

        return consecutive >= 25;
    }

    /// <summary>True if <paramref name="task"/> completes within the patience period (broken code never completes it).</summary>
    public static async Task<bool> Completes(Task task, TimeSpan? patience = null)
    {
        Task winner = await Task.WhenAny(task, Task.Delay(patience ?? Patience));
        return winner == task;
    }
}
