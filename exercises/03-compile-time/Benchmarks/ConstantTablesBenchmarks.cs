using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Katas.CompileTime.Benchmarks;

/// <summary>
/// Exercise 3.3: counting bits with the table baked into the image, against a table in a static readonly
/// array (the hand-written classic), against computing each count on demand.
/// </summary>
[MemoryDiagnoser]
public class ConstantTablesBenchmarks
{
    private static readonly byte[] s_arrayTable = BuildTable();
    private byte[] _data = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[64 * 1024];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public int ArrayTable()
    {
        byte[] table = s_arrayTable;
        int total = 0;
        foreach (byte b in _data)
        {
            total += table[b];
        }

        return total;
    }

    [Benchmark]
    public int ConstantTable() => ConstantTables.CountBits(_data);

    [Benchmark]
    public int ComputedOnDemand()
    {
        int total = 0;
        foreach (byte b in _data)
        {
            total += CountSlowly(b);
        }

        return total;
    }

    /// <summary>Kernighan's loop: one iteration per set bit, what a table saves.</summary>
    private static int CountSlowly(byte value)
    {
        int count = 0;
        for (uint v = value; v != 0; v &= v - 1)
        {
            count++;
        }

        return count;
    }

    private static byte[] BuildTable()
    {
        byte[] table = new byte[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (byte)BitOperations.PopCount((uint)i);
        }

        return table;
    }
}
