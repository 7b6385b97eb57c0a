using System.Runtime.InteropServices;

namespace Katas.Async.HiddenTests;

[HiddenTests("2.6")]
public sealed class PinnedBufferPoolHiddenTests
{
    [KataFact]
    public void Sizes_and_counts_must_be_positive()
    {
        FluentActions.Invoking(() => new PinnedBufferPool(0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bufferSize");
        FluentActions.Invoking(() => new PinnedBufferPool(16, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bufferCount");
    }

    [KataFact]
    public async Task A_disposed_pool_refuses_new_operations_and_a_null_operation_is_rejected()
    {
        var pool = new PinnedBufferPool(16, 1);
        await FluentActions.Awaiting(() => pool.UseAsync<int>(null!)).Should().ThrowAsync<ArgumentNullException>();
        pool.Dispose();

        await FluentActions.Awaiting(() => pool.UseAsync((_, _) => Task.FromResult(1))).Should().ThrowAsync<ObjectDisposedException>();
    }

    [KataFact]
    public async Task Each_concurrent_operation_gets_its_own_buffer_and_a_returned_buffer_is_zeroed()
    {
        using var pool = new PinnedBufferPool(bufferSize: 32, bufferCount: 3);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var addresses = new List<nint>();

        Task<int>[] operations = Enumerable.Range(0, 3).Select(i => pool.UseAsync(async (buffer, _) =>
        {
            lock (addresses)
            {
                addresses.Add(buffer.Address);
            }

            buffer.Memory.Span.Fill((byte)(i + 1));
            await gate.Task;
            return i;
        })).ToArray();
        pool.LiveHandles.Should().Be(3, "three operations, three pins");
        gate.SetResult();
        await Task.WhenAll(operations);

        addresses.Distinct().Should().HaveCount(3, "buffers lent at the same time must not overlap");
        byte first = await pool.UseAsync((buffer, _) => Task.FromResult(Marshal.ReadByte(buffer.Address)));
        first.Should().Be(0, "a returned buffer is zeroed before it is lent again");
    }

    [KataFact]
    public async Task A_thousand_operations_on_two_buffers_leave_no_pin_behind()
    {
        using var pool = new PinnedBufferPool(bufferSize: 16, bufferCount: 2);
        var random = new Random(26);
        var tasks = new List<Task>();
        for (int i = 0; i < 1_000; i++)
        {
            int kind = random.Next(3);
            tasks.Add(pool.UseAsync(async (buffer, _) =>
            {
                buffer.Memory.Span[0].Should().Be(0, "a buffer comes back zeroed: the next borrower must not see the last one's data");
                buffer.Memory.Span[0] = 1;
                await Task.Yield();
                return kind == 1 ? throw new InvalidOperationException("fault") : kind;
            }).ContinueWith(static _ => { }, TaskScheduler.Default));
        }

        await Task.WhenAll(tasks);

        pool.LiveHandles.Should().Be(0);
        pool.AvailableBuffers.Should().Be(2);
    }
}
