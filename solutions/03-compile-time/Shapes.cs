namespace Katas.CompileTime;

/// <summary>
/// Exercise 3.4: a shape whose name and number of corners belong to its type, not to each value: static
/// abstract members, Rust's associated constants of a trait. Generic code reads them as <c>TShape.Name</c>,
/// with no instance, resolved when the JIT compiles that instantiation.
/// </summary>
public interface IShape
{
    /// <summary>The name of the kind of shape, e.g. "square". The same for every value of the type.</summary>
    public static abstract string Name { get; }

    /// <summary>The number of corners every shape of the type has.</summary>
    public static abstract int Corners { get; }

    /// <summary>The area of this shape.</summary>
    public double Area { get; }
}

/// <summary>A square with sides of <paramref name="Side"/>.</summary>
public readonly record struct Square(double Side) : IShape
{
    /// <inheritdoc />
    public static string Name => "square";

    /// <inheritdoc />
    public static int Corners => 4;

    /// <inheritdoc />
    public double Area => Side * Side;
}

/// <summary>A circle of radius <paramref name="Radius"/>.</summary>
public readonly record struct Circle(double Radius) : IShape
{
    /// <inheritdoc />
    public static string Name => "circle";

    /// <inheritdoc />
    public static int Corners => 0;

    /// <inheritdoc />
    public double Area => Math.PI * Radius * Radius;
}

/// <summary>Exercise 3.4: generic code over any <see cref="IShape"/>, dispatched at compile time.</summary>
public static class Shapes
{
    /// <summary>
    /// <c>"{Name}: {Corners} corners"</c> of <typeparamref name="TShape"/>, e.g. <c>"square: 4 corners"</c>,
    /// for any shape type, including ones written after this library.
    /// </summary>
    public static string Describe<TShape>()
        where TShape : IShape =>
        // No instance and no reflection: TShape.Name is a call to the type's own static member.
        $"{TShape.Name}: {TShape.Corners.ToString(System.Globalization.CultureInfo.InvariantCulture)} corners";

    /// <summary>The total number of corners of <paramref name="shapes"/>.</summary>
    /// <exception cref="OverflowException">The total does not fit in an int.</exception>
    public static int TotalCorners<TShape>(ReadOnlySpan<TShape> shapes)
        where TShape : IShape =>
        checked(shapes.Length * TShape.Corners);

    /// <summary>The total area of <paramref name="shapes"/>, added in order.</summary>
    public static double TotalArea<TShape>(ReadOnlySpan<TShape> shapes)
        where TShape : IShape
    {
        double total = 0;
        foreach (TShape shape in shapes)
        {
            // A constrained call on a struct: no boxing, and the JIT inlines the Area of that struct.
            total += shape.Area;
        }

        return total;
    }
}
