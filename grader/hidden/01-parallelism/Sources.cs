using System.Collections;

namespace Katas.Parallelism.HiddenTests;

/// <summary>
/// A list that is not an array and not an <see cref="IList{T}"/>. PLINQ cannot split it into index ranges,
/// so it hands the elements out in chunks as the workers ask for them, and an unordered query returns them
/// interleaved. An array would hide a missing AsOrdered: each worker gets one contiguous range, and the
/// ranges happen to be merged in order.
/// </summary>
internal sealed class ReadOnlyListOnly<T>(IReadOnlyList<T> items) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < items.Count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A read-only <see cref="IList{T}"/> that reports every read of an element. PLINQ and Parallel.ForEach read
/// an IList by index, from every worker at once, without a lock; a sequential loop reads it on one thread.
/// So a <see cref="ConcurrencyProbe"/> called from <c>onRead</c> sees whether the elements were read in parallel.
/// </summary>
internal sealed class WatchedList<T>(IReadOnlyList<T> items, Action onRead) : IList<T>, IReadOnlyList<T>
{
    public int Count => items.Count;

    public bool IsReadOnly => true;

    public T this[int index]
    {
        get
        {
            onRead();
            return items[index];
        }

        set => throw new NotSupportedException("The list is read-only.");
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < items.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(T item)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(this[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    public void CopyTo(T[] array, int arrayIndex)
    {
        for (int i = 0; i < items.Count; i++)
        {
            array[arrayIndex + i] = this[i];
        }
    }

    public void Add(T item) => throw new NotSupportedException("The list is read-only.");

    public void Insert(int index, T item) => throw new NotSupportedException("The list is read-only.");

    public bool Remove(T item) => throw new NotSupportedException("The list is read-only.");

    public void RemoveAt(int index) => throw new NotSupportedException("The list is read-only.");

    public void Clear() => throw new NotSupportedException("The list is read-only.");
}
