using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Katas.Async;

/// <summary>A buffer lent by <see cref="PinnedBufferPool"/>: its memory, and the address native code would get.</summary>
/// <param name="Memory">The buffer, for managed code.</param>
/// <param name="Address">The address of its first byte, valid (the memory cannot move) until the operation ends.</param>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "Compared by its fields, as a record struct.")]
public readonly record struct PinnedBuffer(Memory<byte> Memory, nint Address);

/// <summary>
/// Exercise 2.6: a pool of buffers that stay pinned while an asynchronous operation uses them, as native or
/// overlapped I/O needs (the OS writes into the buffer after the call has returned, so the GC must not move it).
/// </summary>
/// <remarks>
/// <para>The buffers are slices of one array on the pinned object heap (<see cref="GC.AllocateArray{T}(int, bool)"/>
/// with <c>pinned: true</c>): the GC never moves it, so pinning costs nothing, but a pin is still taken with
/// <see cref="Memory{T}.Pin"/> for every operation, and that <see cref="MemoryHandle"/> must be disposed however the
/// operation ends: completion, fault or cancellation. <see cref="LiveHandles"/> counts the pins not yet released.</para>
/// <para>Why Rust needs <c>Pin</c> and .NET does not, for futures: a Rust future is a value that may point into
/// itself and may be moved by a plain assignment, so <c>poll</c> takes <c>Pin&lt;&amp;mut Self&gt;</c>; a .NET state
/// machine is boxed on the heap at its first real suspension and referenced by the GC, which updates every reference
/// when it moves objects, and the compiler keeps <c>ref</c> locals and <c>Span&lt;T&gt;</c> from living across an
/// <c>await</c>. .NET pins only where memory leaves the GC's sight: pointers handed to native code.</para>
/// </remarks>
public sealed class PinnedBufferPool : IDisposable
{
    // TODO: the pool's state: memory the GC never moves, a way to count the pins taken on it, the free buffers,
    // and a way to wait for one when all are lent.

    /// <exception cref="ArgumentOutOfRangeException">A size or count is zero or negative.</exception>
    /// <exception cref="OverflowException">The buffers together are more bytes than an <see cref="int"/> counts.</exception>
    public PinnedBufferPool(int bufferSize, int bufferCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferCount);
        BufferSize = bufferSize;
        BufferCount = bufferCount;
        // TODO: allocate the buffers where the GC never moves them.
    }

    public int BufferSize { get; }

    public int BufferCount { get; }

    /// <summary>The pins (<see cref="MemoryHandle"/>s) taken on the pool's buffers and not yet disposed.</summary>
    public int LiveHandles => throw new NotImplementedException("Exercise 2.6 (PinnedBufferPool.LiveHandles) is not solved yet. Hint: dotnet run --project grader -- hint 2.6");

    /// <summary>The buffers not lent out right now.</summary>
    public int AvailableBuffers => throw new NotImplementedException("Exercise 2.6 (PinnedBufferPool.AvailableBuffers) is not solved yet. Hint: dotnet run --project grader -- hint 2.6");

    /// <summary>
    /// Lends a buffer to <paramref name="operation"/>, pinned for as long as the operation runs, waiting for one
    /// to be free if all are lent. The buffer is zeroed, unpinned and returned when the operation ends, however it ends.
    /// </summary>
    /// <returns>What <paramref name="operation"/> returned.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting for a buffer.</exception>
    public Task<TResult> UseAsync<TResult>(Func<PinnedBuffer, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken = default)
    {
        // TODO: validate the operation; wait for a free buffer, pin it with Memory<T>.Pin for the whole operation, hand the operation its
        // memory and address, and give everything back (the pin too) however the operation ends.
        throw new NotImplementedException("Exercise 2.6 (PinnedBufferPool.UseAsync) is not solved yet. Hint: dotnet run --project grader -- hint 2.6");
    }

    /// <summary>Refuses new operations. Buffers lent out stay valid until their operations end.</summary>
    public void Dispose()
    {
        // TODO: refuse new operations from now on (UseAsync throws ObjectDisposedException).
    }
}
