using System.Runtime.InteropServices;

namespace Katas.Async.Tests;

[Exercise("2.6", "Pinning: a pool of pinned buffers for native I/O", Points = 10, Hint = """
    Rust needs Pin because a future may point into itself and a move would break it. A .NET async method
    never needs that: its state machine lives on the heap and the GC fixes up every reference when it moves
    objects. Where the GC cannot fix things up is a raw pointer given to native code, and async native I/O
    keeps that pointer after the call returns.
    So the buffer must not move, and every pin you take must be given back: what are the three ways an
    async operation can end, and does your code give everything back in all three?
    """, MoreHint = """
    Allocate the buffers with GC.AllocateArray(length, pinned: true) (the pinned object heap). To count pins,
    expose each buffer through a MemoryManager<byte> of your own: Memory<T>.Pin calls its Pin (return a
    MemoryHandle with the pointer and the manager as the pinnable) and disposing the handle calls its Unpin.
    A SemaphoreSlim counts free buffers (WaitAsync with the token); try/finally gives back the buffer, and a
    using gives back the pin, whether the operation returns, throws or is cancelled.
    Reading: https://learn.microsoft.com/dotnet/api/system.memory-1.pin and https://doc.rust-lang.org/std/pin/
    """, Recap = """
    .NET futures never need pinning: the GC moves objects and updates references, and ref structs cannot cross
    an await. Pin only memory you hand to native code, for exactly as long as it holds the pointer, and release
    the pin on every path: success, fault and cancellation.
    """)]
public sealed class PinnedBufferPoolTests
{
    [KataFact]
    public async Task A_buffer_is_pinned_while_the_operation_runs_and_released_when_it_completes()
    {
        using var pool = new PinnedBufferPool(bufferSize: 4096, bufferCount: 2);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int liveDuring = -1;

        Task<int> operation = pool.UseAsync(async (buffer, _) =>
        {
            liveDuring = pool.LiveHandles;
            buffer.Memory.Length.Should().Be(4096);
            return await release.Task;
        });
        pool.AvailableBuffers.Should().Be(1, "one buffer is lent out");
        release.SetResult(7);

        (await operation).Should().Be(7, "UseAsync returns what the operation returned");
        liveDuring.Should().Be(1, "the buffer is pinned (one MemoryHandle, from Memory<T>.Pin) while the operation runs");
        pool.LiveHandles.Should().Be(0, "the pin is released when the operation completes");
        pool.AvailableBuffers.Should().Be(2, "and the buffer goes back to the pool");
    }

    [KataFact]
    public async Task A_faulted_operation_releases_its_pin_and_its_buffer()
    {
        using var pool = new PinnedBufferPool(bufferSize: 64, bufferCount: 1);

        Func<Task> failing = () => pool.UseAsync<int>(async (_, _) =>
        {
            await Task.Yield();
            throw new IOException("device error");
        });

        await failing.Should().ThrowAsync<IOException>().WithMessage("device error", "the operation's exception reaches the caller");
        pool.LiveHandles.Should().Be(0, "a fault is one of the three ways an operation ends: release the pin in a finally (or a using)");
        pool.AvailableBuffers.Should().Be(1, "and return the buffer, or the pool shrinks with every failure");
    }

    [KataFact]
    public async Task A_cancelled_operation_releases_its_pin_and_a_cancelled_wait_takes_nothing()
    {
        using var pool = new PinnedBufferPool(bufferSize: 64, bufferCount: 1);
        using var cancelRunning = new CancellationTokenSource();
        using var cancelWaiting = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> running = pool.UseAsync(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }, cancelRunning.Token);
        await started.Task;
        Task<int> waiting = pool.UseAsync((_, _) => Task.FromResult(1), cancelWaiting.Token);
        waiting.IsCompleted.Should().BeFalse("the only buffer is lent, so the second call waits for it (back-pressure)");

        await cancelWaiting.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>("the token cancels the wait for a buffer");
        pool.LiveHandles.Should().Be(1, "a cancelled wait took nothing: only the running operation holds a pin");
        await cancelRunning.CancelAsync();

        await FluentActions.Awaiting(() => running).Should().ThrowAsync<OperationCanceledException>("the operation observed its token");
        pool.LiveHandles.Should().Be(0, "the cancelled operation's pin is released");
        pool.AvailableBuffers.Should().Be(1, "and its buffer is back");
    }

    [KataFact]
    public async Task The_address_given_to_native_code_stays_valid_across_a_compacting_garbage_collection()
    {
        using var pool = new PinnedBufferPool(bufferSize: 256, bufferCount: 4);

        bool same = await pool.UseAsync(async (buffer, _) =>
        {
            // Native code would write through the address while managed code reads the Memory.
            Marshal.WriteByte(buffer.Address, 0, 0xAB);
            GC.KeepAlive(Enumerable.Range(0, 10_000).Select(i => new byte[64]).ToList());
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            await Task.Yield();
            Marshal.WriteByte(buffer.Address, 1, 0xCD);
            return buffer.Memory.Span[0] == 0xAB && buffer.Memory.Span[1] == 0xCD;
        });

        same.Should().BeTrue("the buffer must not move while pinned: allocate it on the pinned object heap (GC.AllocateArray with pinned: true) or pin it for the whole operation");
    }
}
