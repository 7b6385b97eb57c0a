// Mistake: Quicksort is the recursion; without Join, the halves are sorted one after the other on one worker.
namespace Katas.Parallelism;

/// <summary>Exercise 1.9: a parallel quicksort on the <see cref="ForkJoinPool"/>.</summary>
public static class ParallelSort
{
    /// <summary>Ranges this short are sorted with <see cref="Array.Sort{T}(T[], int, int)"/>: forking them would cost more than it saves.</summary>
    public const int SequentialThreshold = 4_096;

    /// <summary>
    /// Sorts <paramref name="data"/> in ascending order (<see cref="IComparable{T}.CompareTo"/>), using the workers
    /// of <paramref name="pool"/>. For <see cref="int"/> the JIT compiles a copy of this method with the comparisons
    /// inlined, as fast as a method written for int alone.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="pool"/> is null.</exception>
    public static void QuickSort<T>(T[] data, ForkJoinPool pool)
        where T : IComparable<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pool);

        // Run puts the root of the recursion on a worker, where Join can offer halves to the other workers.
        pool.Run(() => SortRange(data, 0, data.Length, pool));
    }

    /// <summary>
    /// Rearranges <paramref name="data"/>[<paramref name="start"/>..<paramref name="end"/>) around a pivot (Hoare's
    /// scheme, median-of-three pivot) and returns a split index: every element before it is less than or equal
    /// to every element from it on, and both sides are non-empty. Equal keys end up on both sides, so a range of
    /// equal values is split in the middle rather than peeled one element at a time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the array or shorter than two elements.</exception>
    public static int Partition<T>(T[] data, int start, int end)
        where T : IComparable<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, data.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start + 2);

        // Order the first, middle and last elements; their median, now in the middle, is the pivot. The middle
        // is rounded down, so the pivot is never the last element: that keeps both sides non-empty.
        int last = end - 1;
        int middle = start + (last - start) / 2;
        SortPair(data, start, middle);
        SortPair(data, start, last);
        SortPair(data, middle, last);
        T pivot = data[middle];

        int left = start - 1;
        int right = end;
        while (true)
        {
            do
            {
                left++;
            }
            while (data[left].CompareTo(pivot) < 0);

            do
            {
                right--;
            }
            while (data[right].CompareTo(pivot) > 0);

            if (left >= right)
            {
                return right + 1;
            }

            (data[left], data[right]) = (data[right], data[left]);
        }
    }

    private static void SortRange<T>(T[] data, int start, int end, ForkJoinPool pool)
        where T : IComparable<T>
    {
        if (end - start <= SequentialThreshold)
        {
            Array.Sort(data, start, end - start);
            return;
        }

        int split = Partition(data, start, end);

        SortRange(data, start, split, pool); // bug: sequential recursion, the pool's other workers stay idle
        SortRange(data, split, end, pool);
    }

    private static void SortPair<T>(T[] data, int i, int j)
        where T : IComparable<T>
    {
        if (data[j].CompareTo(data[i]) < 0)
        {
            (data[i], data[j]) = (data[j], data[i]);
        }
    }
}
