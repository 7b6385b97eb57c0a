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
    // TODO: the name "square", its four corners, and its area.
    public static string Name => throw new NotImplementedException("Exercise 3.4 (Square.Name) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <inheritdoc />
    public static int Corners => throw new NotImplementedException("Exercise 3.4 (Square.Corners) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <inheritdoc />
    public double Area => throw new NotImplementedException("Exercise 3.4 (Square.Area) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");
}

/// <summary>A circle of radius <paramref name="Radius"/>.</summary>
public readonly record struct Circle(double Radius) : IShape
{
    /// <inheritdoc />
    // TODO: the name "circle", no corners, and its area (with Math.PI).
    public static string Name => throw new NotImplementedException("Exercise 3.4 (Circle.Name) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <inheritdoc />
    public static int Corners => throw new NotImplementedException("Exercise 3.4 (Circle.Corners) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <inheritdoc />
    public double Area => throw new NotImplementedException("Exercise 3.4 (Circle.Area) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");
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
        // TODO: from the type's static members alone: no instance, no reflection, no list of known shapes.
        throw new NotImplementedException("Exercise 3.4 (Shapes.Describe) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>The total number of corners of <paramref name="shapes"/>.</summary>
    /// <exception cref="OverflowException">The total does not fit in an int.</exception>
    public static int TotalCorners<TShape>(ReadOnlySpan<TShape> shapes)
        where TShape : IShape =>
        // TODO: every shape of TShape has TShape.Corners corners.
        throw new NotImplementedException("Exercise 3.4 (Shapes.TotalCorners) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");

    /// <summary>The total area of <paramref name="shapes"/>, added in order.</summary>
    public static double TotalArea<TShape>(ReadOnlySpan<TShape> shapes)
        where TShape : IShape
    {
        // TODO: add the areas in order, without boxing the shapes.
        throw new NotImplementedException("Exercise 3.4 (Shapes.TotalArea) is not solved yet. Hint: dotnet run --project grader -- hint 3.4");
    }
}
