using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace Katas.Async.Benchmarks;

/// <summary>
/// Exercise 2.8: your bounded queue against <see cref="Channel.CreateBounded{T}(int)"/>, one producer and one consumer
/// through a small capacity, so both the fast paths (room, an item there) and the waits (full, empty) are measured.
/// Time and Allocated are per item. Goal: within a small factor of Channels, and no bytes per item on the fast path.
/// </summary>
[MemoryDiagnoser]
public class BoundedQueueBenchmarks
{
    private const int Items = 10_000;

    [Params(16)]
    public int Capacity { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public async Task<long> ChannelBounded()
    {
        Channel<int> channel = Channel.CreateBounded<int>(Capacity);
        Task<long> consumer = Task.Run(async () =>
        {
            long sum = 0;
            for (int i = 0; i < Items; i++)
            {
                sum += await channel.Reader.ReadAsync();
            }

            return sum;
        });

        for (int i = 0; i < Items; i++)
        {
            await channel.Writer.WriteAsync(i);
        }

        return await consumer;
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public async Task<long> BoundedAsyncQueue()
    {
        var queue = new BoundedAsyncQueue<int>(Capacity);
        Task<long> consumer = Task.Run(async () =>
        {
            long sum = 0;
            for (int i = 0; i < Items; i++)
            {
                sum += await queue.DequeueAsync();
            }

            return sum;
        });

        for (int i = 0; i < Items; i++)
        {
            await queue.EnqueueAsync(i);
        }

        return await consumer;
    }
}
