using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.5")]
public sealed class JitFoldingHiddenTests
{
    [KataFact]
    public void A_switch_set_before_the_class_starts_turns_the_fast_paths_off()
    {
        // The first test of this class, and no other class touches FastPaths: the class has not started yet.
        AppContext.SetSwitch(FastPaths.DisableSwitch, true);

        FastPaths.Enabled.Should().BeFalse($"{FastPaths.DisableSwitch} was true when the class started");
        FastPaths.UsesFastPath<int>().Should().BeFalse("disabled, Sum<int> takes the generic path");
        FastPaths.Sum<int>([1, 2, 3, int.MaxValue]).Should().Be(unchecked(6 + int.MaxValue), "the generic path gives the same answer");
        FastPaths.Sum<long>([long.MaxValue, 2]).Should().Be(long.MinValue + 1, "the generic path wraps too");
    }

    [KataFact]
    public void The_specialised_sums_are_right_for_every_length()
    {
        var random = new Random(7);
        int[] ints = [.. Enumerable.Range(0, 70).Select(_ => random.Next())];
        long[] longs = [.. Enumerable.Range(0, 70).Select(_ => long.MaxValue - random.Next())];
        for (int length = 0; length <= 70; length++)
        {
            FastPaths.SumInt32(ints.AsSpan(0, length)).Should().Be(FastPaths.SumGeneric<int>(ints.AsSpan(0, length)), $"SumInt32 of {length} values is the generic sum");
            FastPaths.SumInt64(longs.AsSpan(0, length)).Should().Be(FastPaths.SumGeneric<long>(longs.AsSpan(0, length)), $"SumInt64 of {length} values is the generic sum, wrapping");
        }

        FastPaths.SumGeneric<double>([]).Should().Be(0, "no values add up to zero");
        FastPaths.SumGeneric<ulong>([ulong.MaxValue, 2]).Should().Be(1UL, "unsigned sums wrap as well");
    }

    [KataFact]
    public void RotateLeft_asks_for_a_constant_count_and_rejects_others()
    {
        ParameterInfo count = typeof(FastPaths).GetMethod(nameof(FastPaths.RotateLeft))!.GetParameters()[1];
        ConstantExpectedAttribute? expected = count.GetCustomAttribute<ConstantExpectedAttribute>();
        expected.Should().NotBeNull("count is marked [ConstantExpected], so the analyzer warns callers that pass a variable");
        expected!.Min.Should().Be(0, "the smallest rotation is 0");
        expected.Max.Should().Be(31, "the largest rotation of 32 bits is 31");

        FastPaths.RotateLeft(0x8000_0001u, 1).Should().Be(3u, "the top bit comes round to the bottom");
        FastPaths.RotateLeft(0x1234_5678u, 0).Should().Be(0x1234_5678u, "0 leaves the value as it is");
        FastPaths.RotateLeft(0x0000_0001u, 31).Should().Be(0x8000_0000u, "31 is the largest count");
        // Out of range on purpose: CA1857 is the analyzer [ConstantExpected] enables, and it rightly objects.
#pragma warning disable CA1857
        Action tooFar = () => FastPaths.RotateLeft(1, 32);
        tooFar.Should().Throw<ArgumentOutOfRangeException>("32 is outside 0 to 31").Which.ParamName.Should().Be("count");
        Action negative = () => FastPaths.RotateLeft(1, -1);
#pragma warning restore CA1857
        negative.Should().Throw<ArgumentOutOfRangeException>("a negative count is rejected").Which.ParamName.Should().Be("count");
    }
}
