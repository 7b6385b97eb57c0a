// Mistake: Growing is copying the array; but after a wrap-around the items are not in slot order.
using System.Diagnostics.CodeAnalysis;

namespace Katas.Parallelism;

/// <summary>
/// Exercise 1.8: the deque at the heart of a work-stealing scheduler. One thread, the owner, pushes and
/// pops its own work at the tail, newest first (LIFO: the freshest work is hot in its cache); any other
/// thread, a thief, steals at the head, oldest first (FIFO: the oldest work is usually the biggest piece).
/// </summary>
/// <remarks>
/// <see cref="Push"/> and <see cref="TryPop"/> may be called only by the owner, one call at a time;
/// <see cref="TrySteal"/> and <see cref="Count"/> by any thread. The deque grows as needed.
/// </remarks>
public sealed class WorkStealingDeque<T>
{
    private const int InitialCapacity = 32;

    /// <summary>
    /// Taken by every thief, and by the owner only on its rare slow paths (growing the array, or fighting
    /// a thief for the last item). The owner's common pushes and pops never wait for it.
    /// </summary>
    private readonly Lock _foreignLock = new();

    /// <summary>Circular buffer of the items; its length is a power of two. Replaced only by the owner, under the lock.</summary>
    private T[] _items = new T[InitialCapacity];

    /// <summary><c>_items.Length - 1</c>: <c>index &amp; _mask</c> is the slot of an index.</summary>
    private int _mask = InitialCapacity - 1;

    /// <summary>
    /// Index of the oldest item, where thieves steal; written only by thieves, under the lock. The indices
    /// only grow (64 bits never wrap in practice), so slot = index &amp; _mask.
    /// </summary>
    private long _head;

    /// <summary>One past the newest item, where the owner pushes and pops; written only by the owner.</summary>
    private long _tail;

    /// <summary>
    /// The number of items. Exact when no other thread is using the deque; while thieves steal it is a
    /// snapshot that may already be out of date when you read it.
    /// </summary>
    public int Count => (int)Math.Max(0, Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Adds <paramref name="item"/> at the tail. Owner only.</summary>
    public void Push(T item)
    {
        long tail = _tail;

        // Fast path, no lock: with at least two free slots, slot `tail` is not one any thief can be
        // reading or clearing. Writing the item before publishing the new tail (a release write) means a
        // thief that sees the new tail also sees the item.
        if (tail < Volatile.Read(ref _head) + _mask)
        {
            _items[tail & _mask] = item;
            Volatile.Write(ref _tail, tail + 1);
            return;
        }

        // Nearly full: grow under the lock, so that no thief reads the old array while it is copied.
        lock (_foreignLock)
        {
            long head = _head;
            if (tail - head >= _mask)
            {
                T[] larger = new T[_items.Length * 2];
                int largerMask = larger.Length - 1;
                Array.Copy(_items, larger, _items.Length); // bug: slot i keeps slot i, but index & largerMask moved

                _items = larger;
                _mask = largerMask;
            }

            _items[tail & _mask] = item;
            Volatile.Write(ref _tail, tail + 1);
        }
    }

    /// <summary>Takes the newest item, at the tail. Owner only.</summary>
    /// <returns>False if the deque was empty (or a thief took the last item first).</returns>
    public bool TryPop([MaybeNullWhen(false)] out T item)
    {
        long tail = _tail;
        if (Volatile.Read(ref _head) >= tail)
        {
            item = default;
            return false;
        }

        // Claim the newest item by moving the tail down, then look at the head. A thief does the mirror
        // image (moves the head up, then looks at the tail). Interlocked.Exchange is a full fence, so of two
        // threads racing for the same item at least one sees the other's claim: never both take it.
        tail--;
        Interlocked.Exchange(ref _tail, tail);

        if (Volatile.Read(ref _head) <= tail)
        {
            // The head is still at or below our claim: no thief can have it, take it without the lock.
            item = TakeAt(tail);
            return true;
        }

        // A thief moved the head past our claim: we are racing for the last item. Settle it under the
        // lock, where the thief's steal has either finished or not begun.
        lock (_foreignLock)
        {
            if (_head <= tail)
            {
                item = TakeAt(tail);
                return true;
            }

            // The thief won. Undo our claim; the deque is empty (head == tail).
            Volatile.Write(ref _tail, tail + 1);
            item = default;
            return false;
        }
    }

    /// <summary>Takes the oldest item, at the head. Any thread.</summary>
    /// <returns>False if the deque was empty (or the owner took the last item first).</returns>
    public bool TrySteal([MaybeNullWhen(false)] out T item)
    {
        // Thieves take turns: with one thief at a time, only the owner can race us, for the last item.
        // A Chase–Lev deque (Chase and Lev, "Dynamic Circular Work-Stealing Deque", SPAA 2005) lets thieves
        // race each other too, with a compare-and-swap on the head instead of this lock; its correctness
        // argument is much harder to check, for a gain only when many thieves hit one deque. The .NET thread
        // pool's own WorkStealingQueue makes the same choice as this class.
        lock (_foreignLock)
        {
            long head = _head;
            Interlocked.Exchange(ref _head, head + 1);

            if (head < Volatile.Read(ref _tail))
            {
                item = TakeAt(head);
                return true;
            }

            // Empty, or the owner's pop claimed the last item first: give the head back.
            Volatile.Write(ref _head, head);
            item = default;
            return false;
        }
    }

    /// <summary>Returns the item at <paramref name="index"/> and clears its slot, so the deque keeps no reference to it.</summary>
    private T TakeAt(long index)
    {
        long slot = index & _mask;
        T item = _items[slot];
        _items[slot] = default!;
        return item;
    }
}
