using Katas.Macros.Generators;

namespace Katas.Macros.HiddenTests;

[HiddenTests("4.2")]
public sealed class AutoEquatableHiddenTests
{
    [KataFact]
    public void Generic_nested_and_global_types_get_equality_in_the_right_place()
    {
        GeneratorRun run = Compiler.Generate(new AutoEquatableGenerator(), """
            using System.Collections.Generic;
            using Katas.Macros;

            [AutoEquatable]
            public partial struct Global
            {
                public string? @class;
            }

            namespace Demo.Deep
            {
                public static partial class Outer<TKey>
                {
                    [AutoEquatable]
                    public sealed partial class Pair<T>
                    {
                        public T? First { get; set; }

                        public TKey? Key { get; set; }

                        public static int Shared;

                        public const int Answer = 42;
                    }
                }

                public static class Checks
                {
                    public static IEnumerable<(string Fact, bool Holds)> All()
                    {
                        var a = new Outer<int>.Pair<string> { First = "x", Key = 1 };
                        var b = new Outer<int>.Pair<string> { First = "x", Key = 1 };
                        Outer<int>.Pair<string>.Shared++;
                        yield return ("a generic nested type compares its members", a == b && a.GetHashCode() == b.GetHashCode());
                        yield return ("a type argument's value counts", a != new Outer<int>.Pair<string> { First = "x", Key = 2 });
                        yield return ("a keyword-named field compares", new Global { @class = "a" } == new Global { @class = "a" } && new Global { @class = "a" } != new Global());
                        yield return ("a struct's default values are equal", new Global().Equals(new Global()) && new Global().Equals((object)new Global()));
                        yield return ("a struct is not equal to a boxed other type", !new Global().Equals((object)42));
                    }
                }
            }
            """);

        run.Sources.Keys.Should().Contain(["Global.AutoEquatable.g.cs", "Demo.Deep.Outer_1.Pair_1.AutoEquatable.g.cs"], "one file per type, named after its namespace, enclosing types and arity");
        run.FailedFacts().Should().BeEmpty("these facts must hold for the generated equality");
    }

    [KataFact]
    public void A_derived_class_is_never_equal_to_its_base()
    {
        GeneratorRun run = Compiler.Generate(new AutoEquatableGenerator(), """
            using System.Collections.Generic;
            using Katas.Macros;

            [AutoEquatable]
            public partial class Animal
            {
                public string Name = "";
            }

            public sealed class Dog : Animal
            {
            }

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    Animal animal = new Animal { Name = "Rex" };
                    Animal dog = new Dog { Name = "Rex" };
                    yield return ("a base instance does not equal a derived one (records' EqualityContract rule)", !animal.Equals(dog) && !dog.Equals(animal) && animal != dog);
                    yield return ("two derived instances with equal fields are equal", dog == new Dog { Name = "Rex" });
                    yield return ("the same instance is equal to itself", animal.Equals(animal));
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("records' rules: equality needs the same runtime type");
    }

    [KataFact]
    public void Hashes_agree_with_equality_on_many_seeded_values()
    {
        GeneratorRun run = Compiler.Generate(new AutoEquatableGenerator(), """
            using System;
            using System.Collections.Generic;
            using Katas.Macros;

            [AutoEquatable]
            public partial class Sample
            {
                public int[]? Values;

                public string? Label { get; init; }

                public double Weight;
            }

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    var random = new Random(42);
                    bool consistent = true;
                    int equalPairs = 0;
                    for (int i = 0; i < 4000; i++)
                    {
                        Sample a = Make(random), b = Make(random);
                        if (a == b)
                        {
                            equalPairs++;
                            consistent &= a.GetHashCode() == b.GetHashCode();
                        }
                    }

                    yield return ("equal samples always have equal hashes", consistent);
                    yield return ("the sample has equal pairs to compare", equalPairs > 50);
                    yield return ("null and empty arrays differ", new Sample { Values = null } != new Sample { Values = [] });
                    yield return ("NaN equals NaN, as in records", new Sample { Weight = double.NaN } == new Sample { Weight = double.NaN });
                    yield return ("arrays of different lengths differ", new Sample { Values = [1] } != new Sample { Values = [1, 1] });
                }

                // Few distinct values, and a fresh array each time: equal samples rarely share an array.
                private static Sample Make(Random random) => new()
                {
                    Values = random.Next(3) == 0 ? null : [random.Next(2), random.Next(2)],
                    Label = random.Next(2) == 0 ? null : "l" + random.Next(2),
                    Weight = random.Next(2),
                };
            }
            """);

        run.FailedFacts().Should().BeEmpty("GetHashCode must agree with Equals, arrays included");
    }

    [KataFact]
    public void Types_that_are_not_partial_or_not_marked_get_nothing_and_nothing_breaks()
    {
        GeneratorRun run = Compiler.GenerateUnchecked(new AutoEquatableGenerator(), """
            using Katas.Macros;

            [AutoEquatable]
            public class NotPartial
            {
                public int X;
            }

            public static class Outer
            {
                [AutoEquatable]
                public partial struct InsideNonPartial
                {
                    public int Y;
                }
            }

            public partial class Unmarked
            {
            }
            """);

        run.Result.Results.Should().OnlyContain(r => r.Exception == null, "the generator must not throw on types it cannot extend");
        run.Sources.Keys.Should().Equal([AttributeSources.HintName], "nothing can be added to a type that is not partial (4.6's analyzer reports it), or whose enclosing type is not");
        Compiler.Errors(run.Output).Should().BeEmpty("the code must still compile");
    }
}
