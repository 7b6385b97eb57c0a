using Katas.Macros.Generators;
using Microsoft.CodeAnalysis;

namespace Katas.Macros.HiddenTests;

[HiddenTests("4.3")]
public sealed class MemoizeHiddenTests
{
    [KataFact(Timeout = 30_000)]
    public void Instance_caches_are_per_instance_and_static_caches_per_type()
    {
        GeneratorRun run = Compiler.Generate(new MemoizeGenerator(), TestSources.Attributes, """
            using System.Collections.Generic;
            using Katas.Macros;

            public partial class Scaler(int factor)
            {
                public static int StaticCalls;

                [Memoize]
                public partial int Scale(int x);

                [Memoize]
                internal static partial long Cube(long x);

                private int ScaleCore(int x) => x * factor;

                private static long CubeCore(long x)
                {
                    StaticCalls++;
                    return x * x * x;
                }
            }

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    var two = new Scaler(2);
                    var three = new Scaler(3);
                    yield return ("each instance computes with its own state", two.Scale(5) == 10 && three.Scale(5) == 15 && two.Scale(5) == 10);
                    yield return ("a static method is memoized for the type", Scaler.Cube(3) == 27 && Scaler.Cube(3) == 27 && Scaler.StaticCalls == 1);
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("an instance method's cache belongs to the instance, a static method's to the type");
    }

    [KataFact]
    public void Nested_types_seven_parameters_and_nullable_types_compile_without_warnings()
    {
        GeneratorRun run = Compiler.Generate(new MemoizeGenerator(), TestSources.Attributes, """
            using System.Collections.Generic;
            using Katas.Macros;

            namespace Demo.Deep
            {
                public static partial class Outer
                {
                    public sealed partial class Inner
                    {
                        public int Calls;

                        [Memoize]
                        public partial string? Pick(string? a, int b, long c, char d, bool e, double f, object? g);

                        private string? PickCore(string? a, int b, long c, char d, bool e, double f, object? g)
                        {
                            Calls++;
                            return e ? a : g?.ToString();
                        }
                    }
                }

                public static class Checks
                {
                    public static IEnumerable<(string Fact, bool Holds)> All()
                    {
                        var inner = new Outer.Inner();
                        yield return ("seven parameters, null values", inner.Pick(null, 1, 2, 'x', true, 0.5, null) == null && inner.Pick("a", 1, 2, 'x', true, 0.5, null) == "a");
                        inner.Pick(null, 1, 2, 'x', true, 0.5, null);
                        yield return ("the seventh argument is part of the key", inner.Pick(null, 1, 2, 'x', false, 0.5, "g") == "g" && inner.Calls == 3);
                    }
                }
            }
            """);

        run.Sources.Keys.Should().Contain("Demo.Deep.Outer.Inner.Pick_7.Memoize.g.cs", "the file is named after the namespace and every enclosing type");
        run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning).Select(Compiler.Describe).Should().BeEmpty(
            "both halves of the partial method must agree, nullable annotations included (a build with warnings as errors would fail)");
        run.FailedFacts().Should().BeEmpty("these facts must hold for a nested memoized method");
    }

    [KataFact]
    public void Many_threads_and_many_keys_compute_each_key_once()
    {
        GeneratorRun run = Compiler.Generate(new MemoizeGenerator(), TestSources.Attributes, """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Katas.Macros;

            public partial class Counter
            {
                public int Calls;

                [Memoize]
                public partial int Id(string key);

                private int IdCore(string key)
                {
                    Interlocked.Increment(ref Calls);
                    return key.Length;
                }
            }

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    var counter = new Counter();
                    Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => counter.Id(new string('k', 1 + (i % 50))));
                    yield return ("50 distinct keys from 2,000 racing calls, 50 computations", counter.Calls == 50);
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("every key is computed exactly once however the calls interleave");
    }
}
