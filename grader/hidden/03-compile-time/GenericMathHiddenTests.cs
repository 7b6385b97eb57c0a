namespace Katas.CompileTime.HiddenTests;

[HiddenTests("3.4")]
public sealed class GenericMathHiddenTests
{
    [KataFact]
    public void The_sum_of_no_values_is_zero_and_the_mean_of_one_is_that_value()
    {
        GenericMath.Sum<decimal>([]).Should().Be(0m, "no values add up to zero");
        GenericMath.Sum<Fixed16>([]).Should().Be(Fixed16.AdditiveIdentity, "no values add up to zero");
        GenericMath.Mean<int>([-7]).Should().Be(-7, "the mean of one value is that value");
        GenericMath.Mean<Fixed16>([Fixed16.FromDouble(-3.25)]).Should().Be(Fixed16.FromDouble(-3.25), "the mean of one value is that value");
        Action empty = () => GenericMath.Mean<Fixed16>([]);
        empty.Should().Throw<ArgumentException>("no values have no mean, for every T").Which.ParamName.Should().Be("values");
    }

    [KataFact]
    public void Decimal_means_keep_all_28_digits()
    {
        GenericMath.Mean<decimal>([1.000_000_000_000_000_000_000_000_1m, 1.000_000_000_000_000_000_000_000_3m])
            .Should().Be(1.000_000_000_000_000_000_000_000_2m, "decimal arithmetic is exact to 28 digits; double has about 15");
        GenericMath.Mean<decimal>([0.1m, 0.2m]).Should().Be(0.15m, "0.1 and 0.2 are exact in decimal");
    }

    [KataFact]
    public void Integer_means_truncate_toward_zero_and_overflow_like_the_sum()
    {
        GenericMath.Mean<int>([-3, -4]).Should().Be(-3, "-7 / 2 truncates toward zero");
        GenericMath.Mean<int>([2, 3, 3, 3]).Should().Be(2, "11 / 4 truncates to 2; rounding each term first would give 3");
        GenericMath.Mean<long>([(long.MaxValue / 2) - 2, long.MaxValue / 2]).Should().Be((long.MaxValue / 2) - 1, "any INumber type works, long included, when the sum fits");
        Action overflow = () => GenericMath.Mean<int>([int.MaxValue, int.MaxValue]);
        overflow.Should().Throw<OverflowException>("the mean is the checked sum divided by the count, so a sum out of range throws");
    }

    [KataFact]
    public void Double_sums_follow_ieee_754_in_order()
    {
        GenericMath.Sum<double>([1e308, 1e308, -1e308]).Should().Be(double.PositiveInfinity, "once infinite, a double sum stays infinite");
        GenericMath.Sum<double>([double.NaN, 1]).Should().Be(double.NaN, "NaN is not an error in double");
        GenericMath.Mean<double>([0.1, 0.2, 0.3]).Should().Be((0.1 + 0.2 + 0.3) / 3, "the sum in order, then one division");
    }

    [KataFact]
    public void Fixed16_edges_of_its_range()
    {
        Fixed16 largest = Fixed16.FromRaw(int.MaxValue);
        (largest * Fixed16.MultiplicativeIdentity).Should().Be(largest, "the largest value times one is itself: the raw product needs 47 bits");
        (Fixed16.FromInt32(-32768) * Fixed16.MultiplicativeIdentity).Should().Be(Fixed16.FromInt32(-32768), "the smallest value times one is itself");
        (Fixed16.FromInt32(-181) * Fixed16.FromInt32(181)).Should().Be(Fixed16.FromInt32(-32761), "a negative product near the end of the range");
        (Fixed16.FromInt32(1) / Fixed16.FromInt32(3)).Raw.Should().Be(21845, "65536 / 3 truncated");
        (Fixed16.FromInt32(30000) / Fixed16.FromInt32(2)).Should().Be(Fixed16.FromInt32(15000), "the shifted dividend needs 64 bits");
        Action byZero = () => _ = Fixed16.FromInt32(1) / Fixed16.AdditiveIdentity;
        byZero.Should().Throw<DivideByZeroException>("a fixed-point division by zero is an integer division by zero");
        Action negativeOverflow = () => GenericMath.Sum<Fixed16>([Fixed16.FromInt32(-32768), Fixed16.FromRaw(-1)]);
        negativeOverflow.Should().Throw<OverflowException>("the checked + throws below the range too");
        unchecked(largest + Fixed16.FromRaw(1)).Should().Be(Fixed16.FromRaw(int.MinValue), "outside checked(...) the plain + wraps, like int's");
    }

    [KataFact]
    public void A_shape_is_described_by_its_static_name_not_its_type_name()
    {
        Shapes.Describe<OddlyNamedHexagon>().Should().Be("hexagon: 6 corners",
            "Describe reads TShape.Name; the type's own name (from reflection) is not the shape's name");
        Shapes.TotalCorners<OddlyNamedHexagon>([]).Should().Be(0, "no shapes have no corners");
        Shapes.TotalArea<Circle>([]).Should().Be(0, "no shapes have no area");
        Shapes.TotalArea<OddlyNamedHexagon>([new OddlyNamedHexagon(1.5), new OddlyNamedHexagon(2.5)]).Should().Be(4, "the areas of the values");
    }

    [KataFact]
    public void Total_area_does_not_box_the_shapes()
    {
        Square[] squares = [.. Enumerable.Range(1, 100).Select(i => new Square(i))];
        _ = Shapes.TotalArea<Square>(squares);

        long before = GC.GetAllocatedBytesForCurrentThread();
        double area = 0;
        for (int i = 0; i < 100; i++)
        {
            area = Shapes.TotalArea<Square>(squares);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "a constrained call on a struct does not box it; a cast to IShape does");
        area.Should().Be(338350, "1 + 4 + ... + 10000");
    }

    [KataFact]
    public void Counts_and_corners_overflow_instead_of_wrapping()
    {
        Action count = () => GenericMath.Mean<sbyte>(new sbyte[128]);
        count.Should().Throw<OverflowException>("the count is counted in T: 128 values of sbyte are one more than sbyte holds, even though their sum (0) fits");
        GenericMath.Mean<sbyte>(new sbyte[127]).Should().Be(0, "127 values still fit");

        Action corners = () => Shapes.TotalCorners<Myriagon>([new Myriagon(), new Myriagon()]);
        corners.Should().Throw<OverflowException>("2 * 2^30 corners do not fit in an int: a total that wraps would be negative");
    }

    [KataFact]
    public void Circles_and_the_given_conversions_of_Fixed16()
    {
        new Circle(2).Area.Should().BeApproximately(4 * Math.PI, 1e-12, "a circle of radius r has area pi r squared");
        Shapes.TotalArea<Circle>([new Circle(1), new Circle(3)]).Should().BeApproximately(10 * Math.PI, 1e-12, "pi (1 + 9)");

        Fixed16.FromRaw(98304).ToDouble().Should().Be(1.5, "raw 98304 is 1.5 * 65536");
        (Fixed16.FromDouble(-1.5) * Fixed16.FromInt32(2)).Should().Be(Fixed16.FromInt32(-3), "the product of a negative and a positive number keeps its sign through the shift");
        (Fixed16.FromInt32(2) == Fixed16.FromRaw(131072)).Should().BeTrue("== compares the raw values");
        (Fixed16.FromInt32(2) != Fixed16.FromRaw(131072)).Should().BeFalse("!= is the opposite of ==");
        Action tooLarge = () => Fixed16.FromInt32(32768);
        tooLarge.Should().Throw<OverflowException>("32768 is one past the largest whole Fixed16");
        Action notANumber = () => Fixed16.FromDouble(double.NaN);
        notANumber.Should().Throw<OverflowException>("NaN has no fixed-point value");
    }

    private readonly struct Myriagon : IShape
    {
        public static string Name => "myriagon";

        public static int Corners => 1 << 30;

        public double Area => 1;
    }

    private readonly struct OddlyNamedHexagon(double area) : IShape
    {
        public static string Name => "hexagon";

        public static int Corners => 6;

        public double Area => area;
    }
}
