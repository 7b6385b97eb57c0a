namespace Katas.CompileTime.Tests;

[Exercise("3.4", "Generic math and static abstract members", Points = 15, StudentFiles = "GenericMath.cs Fixed16.cs Shapes.cs", Hint = """
    An interface can require static members, operators included: int, double and decimal all say, through
    interfaces, that they have a + and a zero. A generic method constrained on those interfaces can call
    T's operator as if it knew T, and the JIT compiles a separate copy per value type, so nothing is boxed.
    Where does a sum start, how do you ask for the overflow-checking version of +, and how can Mean count
    in T without converting an int to T? For Fixed16: how many fractional bits does the product of two
    raw values have, and does it fit in an int?
    """, MoreHint = """
    System.Numerics has one interface per operator: IAdditionOperators<TSelf, TOther, TResult> (with an
    "operator checked +" that checked(a + b) calls), IAdditiveIdentity (T.AdditiveIdentity is zero),
    IMultiplicativeIdentity (one), IDivisionOperators. Mean: add T.MultiplicativeIdentity once per value
    for the count, and divide once, at the end. Fixed16: widen to long before multiplying and shift right
    by 16; for division shift the widened dividend left by 16 first. For shapes, a static abstract member
    is read through the type parameter itself (TShape.Name).
    Docs: https://learn.microsoft.com/dotnet/standard/generics/math
    """, Recap = """
    Static abstract interface members are C#'s traits with associated functions and constants: generic code
    calls T's own operators, and the JIT specialises it per value type as Rust monomorphises. Summing in T
    keeps decimal exact; a detour through double or object loses digits or allocates.
    """, Benchmark = "dotnet run -c Release --project exercises/03-compile-time/Benchmarks -- --filter '*GenericMath*' --job short")]
public sealed class GenericMathTests
{
    [KataFact]
    public void Sum_adds_ints_doubles_and_decimals_in_their_own_type()
    {
        GenericMath.Sum<int>(Enumerable.Range(1, 100).ToArray()).Should().Be(5050, "1 + 2 + ... + 100");
        GenericMath.Sum<double>([0.5, 0.25, 0.125]).Should().Be(0.875, "powers of two add exactly in double");
        GenericMath.Sum<decimal>([1_000_000_000.000_000_001m, 2m]).Should().Be(1_000_000_002.000_000_001m,
            "decimal keeps all 19 digits; a sum that goes through double keeps about 15 and loses the last 1");
        GenericMath.Sum<int>([]).Should().Be(0, "the sum of no values is zero, T.AdditiveIdentity");
    }

    [KataFact]
    public void Sum_checks_for_overflow()
    {
        Action intOverflow = () => GenericMath.Sum<int>([int.MaxValue, 1]);
        intOverflow.Should().Throw<OverflowException>("Sum adds with checked(...), so an int sum out of range throws instead of wrapping to int.MinValue");
        Action decimalOverflow = () => GenericMath.Sum<decimal>([decimal.MaxValue, 1m]);
        decimalOverflow.Should().Throw<OverflowException>("decimal addition always throws when it leaves its range");
        GenericMath.Sum<double>([double.MaxValue, double.MaxValue]).Should().Be(double.PositiveInfinity,
            "double follows IEEE 754: too large becomes infinity, checked or not");
    }

    [KataFact]
    public void Mean_divides_the_sum_once_in_the_number_type()
    {
        GenericMath.Mean<int>([1, 1, 1]).Should().Be(1, "(1 + 1 + 1) / 3; dividing each value by 3 first gives 0 + 0 + 0");
        GenericMath.Mean<int>([1, 2]).Should().Be(1, "the mean of ints is an int: 3 / 2 truncates to 1");
        GenericMath.Mean<int>([-1, -2]).Should().Be(-1, "int division truncates toward zero: -3 / 2 is -1");
        GenericMath.Mean<double>([1, 2]).Should().Be(1.5, "double keeps the fraction");
        GenericMath.Mean<decimal>([1_234_567_890.123_456_789m, 1_234_567_890.123_456_791m]).Should().Be(1_234_567_890.123_456_790m,
            "decimal keeps every digit; through double the mean would be 1234567890.12346");
    }

    [KataFact]
    public void Mean_of_no_values_is_an_error()
    {
        Action empty = () => GenericMath.Mean<double>([]);
        empty.Should().Throw<ArgumentException>("the mean of nothing is undefined, and a NaN or a zero would hide the caller's bug")
            .Which.ParamName.Should().Be("values", "the argument at fault is the values");
    }

    [KataFact]
    public void Fixed16_adds_multiplies_and_divides_exactly()
    {
        Fixed16 oneAndAHalf = Fixed16.FromDouble(1.5);

        Fixed16.AdditiveIdentity.Raw.Should().Be(0, "zero is raw 0");
        Fixed16.MultiplicativeIdentity.Raw.Should().Be(65536, "one is 2^16 in Q15.16");
        checked(oneAndAHalf + Fixed16.FromDouble(2.25)).Should().Be(Fixed16.FromDouble(3.75), "checked + adds the raw values");
        (oneAndAHalf * Fixed16.FromInt32(2)).Should().Be(Fixed16.FromInt32(3), "1.5 * 2 is 3: the product of the raw values has 32 fractional bits, shift 16 of them away");
        (Fixed16.FromDouble(-2.5) * Fixed16.FromInt32(4)).Should().Be(Fixed16.FromInt32(-10), "the sign survives the shift");
        (Fixed16.FromInt32(100) * Fixed16.FromInt32(300)).Should().Be(Fixed16.FromInt32(30000),
            "100 * 300 is in range, but the raw product 6553600 * 19660800 needs 64 bits before the shift");
        (Fixed16.FromInt32(1) / Fixed16.FromInt32(4)).Should().Be(Fixed16.FromDouble(0.25), "1 / 4 keeps its fractional bits");
        (Fixed16.FromInt32(3) / Fixed16.FromInt32(-4)).Should().Be(Fixed16.FromDouble(-0.75), "3 / -4 is -0.75");
    }

    [KataFact]
    public void Sum_and_Mean_work_for_the_fixed_point_type()
    {
        GenericMath.Sum<Fixed16>([Fixed16.FromDouble(1.5), Fixed16.FromDouble(2.25), Fixed16.FromDouble(-0.75)]).Should().Be(Fixed16.FromInt32(3),
            "Sum<Fixed16> uses Fixed16's own + and zero");
        GenericMath.Mean<Fixed16>([Fixed16.FromInt32(1), Fixed16.FromInt32(2)]).Should().Be(Fixed16.FromDouble(1.5), "Mean<Fixed16> divides with Fixed16's /");
        GenericMath.Mean<Fixed16>([Fixed16.FromInt32(1), Fixed16.FromInt32(2), Fixed16.FromInt32(4)]).Raw.Should().Be(152917,
            "7 / 3 in Q15.16 is 458752 / 3 = 152917 (truncated)");
        Action overflow = () => GenericMath.Sum<Fixed16>([Fixed16.FromInt32(32767), Fixed16.FromInt32(1)]);
        overflow.Should().Throw<OverflowException>("32767 + 1 is out of Fixed16's range: Sum calls the checked +, which must throw");
    }

    [KataFact]
    public void Sum_and_Mean_allocate_nothing()
    {
        int[] ints = Enumerable.Range(0, 1000).ToArray();
        decimal[] decimals = [.. ints.Select(i => i / 8m)];
        Fixed16[] fixeds = [.. ints.Select(i => Fixed16.FromRaw(i))];
        Exercise(ints, decimals, fixeds); // once first, so that the JIT is not counted

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Exercise(ints, decimals, fixeds);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, "generic math calls T's operators directly; boxing a value, dynamic or Convert allocates on every addition");

        static void Exercise(int[] ints, decimal[] decimals, Fixed16[] fixeds)
        {
            _ = GenericMath.Sum<int>(ints);
            _ = GenericMath.Mean<decimal>(decimals);
            _ = GenericMath.Mean<Fixed16>(fixeds);
        }
    }

    [KataFact]
    public void Shapes_are_described_by_their_static_members()
    {
        Shapes.Describe<Square>().Should().Be("square: 4 corners", "Describe reads Square.Name and Square.Corners through the type parameter");
        Shapes.Describe<Circle>().Should().Be("circle: 0 corners", "a circle has no corners");
        Shapes.TotalCorners<Square>([new Square(1), new Square(2), new Square(3)]).Should().Be(12, "three squares, four corners each");
        Shapes.TotalArea<Square>([new Square(2), new Square(3)]).Should().Be(13, "4 + 9");
        Shapes.TotalArea<Circle>([new Circle(1)]).Should().BeApproximately(Math.PI, 1e-12, "a unit circle has area pi");
    }

    [KataFact]
    public void A_shape_written_after_the_library_works_too()
    {
        Shapes.Describe<Triangle>().Should().Be("triangle: 3 corners",
            "static abstract members are resolved per type argument, so a shape the library has never seen needs no change to it");
        Shapes.TotalCorners<Triangle>([new Triangle(), new Triangle()]).Should().Be(6, "two triangles");
    }

    private readonly struct Triangle : IShape
    {
        public static string Name => "triangle";

        public static int Corners => 3;

        public double Area => 0.5;
    }
}
