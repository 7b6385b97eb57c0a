using System.Buffers;
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
        FluentActions.Invoking(() => new PinnedBufferPool(65_536, 65_537)).Should().Throw<OverflowException>(
            "64 KiB times 65,537 buffers does not fit in an int: the size of the memory must not wrap around to a small one");
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

    [KataFact]
    public async Task Each_buffer_is_its_own_part_of_the_pinned_memory_and_a_pin_of_a_slice_points_at_the_slice()
    {
        using var pool = new PinnedBufferPool(bufferSize: 16, bufferCount: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Both buffers lent at once, so the second one (not at the start of the pool's memory) is checked too.
        Task<string?>[] checks = Enumerable.Range(0, 2).Select(i => pool.UseAsync(async (buffer, _) =>
        {
            byte mark = (byte)(i + 10);
            buffer.Memory.Span[5] = mark;
            string? wrong = Check(buffer, mark);
            await gate.Task;
            return wrong;
        })).ToArray();
        gate.SetResult();

        (await Task.WhenAll(checks)).Should().AllSatisfy(wrong => wrong.Should().BeNull());
    }

    /// <summary>Null when the buffer's address, a slice's pin and the array behind it all see <paramref name="mark"/> at index 5.</summary>
    private static string? Check(PinnedBuffer buffer, byte mark)
    {
        if (Marshal.ReadByte(buffer.Address + 5) != mark)
        {
            return "Address must point at this buffer's own first byte";
        }

        if (AddressOfPin(buffer.Memory[5..]) != buffer.Address + 5)
        {
            return "a pin of Memory[5..] must point 5 bytes past the buffer's first byte (MemoryManager.Pin(elementIndex))";
        }

        if (!MemoryMarshal.TryGetArray<byte>(buffer.Memory, out ArraySegment<byte> segment) || segment.Count != 16 || segment[5] != mark)
        {
            return "the buffer's memory must expose the array behind it (MemoryManager.TryGetArray), exactly its 16 bytes";
        }

        if (!MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(buffer.Memory, out MemoryManager<byte>? manager) || manager is null)
        {
            return "the buffer's memory must come from a MemoryManager that counts its pins";
        }

        try
        {
            manager.Pin(17).Dispose();
            return "a pin past the end of the buffer must be refused";
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        try
        {
            manager.Pin(-1).Dispose();
            return "a pin before the start of the buffer must be refused";
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static unsafe nint AddressOfPin(Memory<byte> memory)
    {
        using MemoryHandle pin = memory.Pin();
        return (nint)pin.Pointer;
    }
}
