using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// <summary>All the buffers, end to end, never moved by the GC.</summary>
    private readonly byte[] _slab;

    /// <summary>One memory manager per buffer: it counts the pins taken on its memory.</summary>
    private readonly BufferManager[] _buffers;

    /// <summary>Indices of the buffers not lent out; guarded by itself.</summary>
    private readonly Stack<int> _free;

    /// <summary>Counts the free buffers: waiting on it is the back-pressure when all are lent.</summary>
    private readonly SemaphoreSlim _available;

    private int _liveHandles;
    private bool _disposed;

    /// <exception cref="ArgumentOutOfRangeException">A size or count is zero or negative.</exception>
    /// <exception cref="OverflowException">The buffers together are more bytes than an <see cref="int"/> counts.</exception>
    public PinnedBufferPool(int bufferSize, int bufferCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferCount);
        BufferSize = bufferSize;
        BufferCount = bufferCount;
        _slab = GC.AllocateArray<byte>(checked(bufferSize * bufferCount), pinned: true);
        _buffers = new BufferManager[bufferCount];
        _free = new Stack<int>(bufferCount);
        for (int i = bufferCount - 1; i >= 0; i--)
        {
            _buffers[i] = new BufferManager(this, i * bufferSize, bufferSize);
            _free.Push(i);
        }

        _available = new SemaphoreSlim(bufferCount, bufferCount);
    }

    public int BufferSize { get; }

    public int BufferCount { get; }

    /// <summary>The pins (<see cref="MemoryHandle"/>s) taken on the pool's buffers and not yet disposed.</summary>
    public int LiveHandles => Volatile.Read(ref _liveHandles);

    /// <summary>The buffers not lent out right now.</summary>
    public int AvailableBuffers => _available.CurrentCount;

    /// <summary>
    /// Lends a buffer to <paramref name="operation"/>, pinned for as long as the operation runs, waiting for one
    /// to be free if all are lent. The buffer is zeroed, unpinned and returned when the operation ends, however it ends.
    /// </summary>
    /// <returns>What <paramref name="operation"/> returned.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting for a buffer.</exception>
    public async Task<TResult> UseAsync<TResult>(Func<PinnedBuffer, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Cancelled while waiting: nothing is taken yet, so nothing to give back.
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        int index;
        lock (_free)
        {
            index = _free.Pop();
        }

        BufferManager buffer = _buffers[index];
        try
        {
            using MemoryHandle pin = buffer.Memory.Pin();
            nint address;
            unsafe
            {
                address = (nint)pin.Pointer;
            }

            // The pin is released by the using when this await ends, whether the operation returned, threw or was cancelled.
            return await operation(new PinnedBuffer(buffer.Memory, address), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The next borrower must not read this one's data.
            buffer.GetSpan().Clear();
            lock (_free)
            {
                _free.Push(index);
            }

            _available.Release();
        }
    }

    /// <summary>Refuses new operations. Buffers lent out stay valid until their operations end.</summary>
    public void Dispose() => _disposed = true;

    /// <summary>A slice of the slab as <see cref="Memory{T}"/>, counting the pins taken on it.</summary>
    private sealed class BufferManager(PinnedBufferPool pool, int offset, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => pool._slab.AsSpan(offset, length);

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, length);
            Interlocked.Increment(ref pool._liveHandles);
            // The slab is on the pinned object heap: its address is fixed, no GCHandle is needed. The handle
            // remembers this manager and calls Unpin when it is disposed.
            byte* first = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pool._slab));
            return new MemoryHandle(first + offset + elementIndex, handle: default, pinnable: this);
        }

        public override void Unpin() => Interlocked.Decrement(ref pool._liveHandles);

        protected override bool TryGetArray(out ArraySegment<byte> segment)
        {
            segment = new ArraySegment<byte>(pool._slab, offset, length);
            return true;
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
