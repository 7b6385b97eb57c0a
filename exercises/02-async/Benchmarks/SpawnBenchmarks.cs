using BenchmarkDotNet.Attributes;

namespace Katas.Async.Benchmarks;

/// <summary>
/// Exercise 2.3: the cost of a spawned task on your single-threaded executor against Task.Run on the thread pool.
/// One thread, no contention and no thread hand-off should win (goal: Ratio at most 1.0).
/// </summary>
[MemoryDiagnoser]
public class SpawnBenchmarks
{
    /// <summary>Stateless, so one instance serves every task, as Task.Run's static lambda is one delegate.</summary>
    private static readonly ReadyFuture One = new();

    /// <summary>One executor for every run, as the thread pool is one pool: its queues are warm too.</summary>
    private readonly LocalExecutor _executor = new();

    [Params(1_000)]
    public int Tasks { get; set; }

    [Benchmark(Baseline = true)]
    public int TaskRun()
    {
        var tasks = new Task<int>[Tasks];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(static () => 1);
        }

        Task.WaitAll(tasks);
        int sum = 0;
        foreach (Task<int> task in tasks)
        {
            sum += task.Result;
        }

        return sum;
    }

    [Benchmark]
    public int LocalExecutorSpawn()
    {
        var handles = new JoinHandle<int>[Tasks];
        for (int i = 0; i < handles.Length; i++)
        {
            handles[i] = _executor.Spawn(One);
        }

        return _executor.BlockOn(new SumOf(handles));
    }

    private sealed class ReadyFuture : IFuture<int>
    {
        public Poll<int> Poll(Context context) => Poll<int>.Ready(1);
    }

    /// <summary>Ready with the sum once every handle is ready; polls each pending handle once per wake.</summary>
    private sealed class SumOf(JoinHandle<int>[] handles) : IFuture<int>
    {
        private int _next;
        private int _sum;

        public Poll<int> Poll(Context context)
        {
            while (_next < handles.Length)
            {
                Poll<int> poll = handles[_next].Poll(context);
                if (!poll.IsReady)
                {
                    return Poll<int>.Pending;
                }

                _sum += poll.Value;
                _next++;
            }

            return Poll<int>.Ready(_sum);
        }
    }
}
