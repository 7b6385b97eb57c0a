using Katas.Macros.Generators;

namespace Katas.Macros.Tests;

[Exercise("4.3", "Attribute-like: [Memoize] on a partial method", Points = 20, StudentFiles = "Generators/MemoizeGenerator.cs", Hint = """
    An attribute macro rewrites the item it sits on. A generator cannot rewrite, but C# lets a partial
    method be declared in your code and implemented in generated code: the implementation is the wrapper,
    and the body lives in a method next to it (here NameCore). Questions: what is the cache's key when
    the method has three parameters, one of them null? And what happens when two threads ask for the same
    key at once, if the cache only stores results?
    """, MoreHint = """
    ForAttributeWithMetadataName on methods; IMethodSymbol gives the parameters and return type
    (ToDisplayString with the nullable modifier, so both halves of the partial method agree), the
    declaration's Modifiers give "public static partial". Generate a ConcurrentDictionary keyed by a
    ValueTuple of the parameters whose values are Lazy<TResult> with LazyThreadSafetyMode.ExecutionAndPublication:
    GetOrAdd may create two Lazy objects in a race, but it stores and returns one.
    """, Recap = """
    An attribute macro in C# is a partial member filled in by a generator. Memoizing correctly under
    concurrency takes a Lazy per key: a dictionary of results alone computes twice in a race.
    """)]
public sealed class MemoizeTests
{
    private const string Calculator = """
        using System.Collections.Generic;
        using System.Threading;
        using Katas.Macros;

        namespace Demo;

        public partial class Calculator
        {
            public int Calls;

            [Memoize]
            public partial long Fibonacci(int n);

            [Memoize]
            public partial string Join(string? left, int count, string right);

            private long FibonacciCore(int n)
            {
                Interlocked.Increment(ref Calls);
                return n < 2 ? n : Fibonacci(n - 1) + Fibonacci(n - 2);
            }

            private string JoinCore(string? left, int count, string right)
            {
                Interlocked.Increment(ref Calls);
                return (left ?? "null") + count + right;
            }
        }

        public static class Checks
        {
            public static IEnumerable<(string Fact, bool Holds)> All()
            {
                var calculator = new Calculator();
                yield return ("Fibonacci(40) is computed", calculator.Fibonacci(40) == 102334155);
                yield return ("the body ran once per distinct n (41 values, 0 to 40)", calculator.Calls == 41);
                calculator.Fibonacci(40);
                calculator.Fibonacci(7);
                yield return ("known inputs are not computed again", calculator.Calls == 41);

                var joins = new Calculator();
                bool results = joins.Join("a", 1, "b") == "a1b" && joins.Join("a", 2, "b") == "a2b" && joins.Join("a", 1, "c") == "a1c" && joins.Join(null, 1, "b") == "null1b";
                yield return ("each argument list has its own result", results);
                joins.Join("a", 1, "b");
                joins.Join(null, 1, "b");
                yield return ("the key is every argument: four distinct lists, four calls, null included", joins.Calls == 4);
            }
        }
        """;

    [KataFact]
    public void The_body_runs_once_per_distinct_argument_list()
    {
        GeneratorRun run = Compiler.Generate(new MemoizeGenerator(), TestSources.Attributes, Calculator);

        run.FailedFacts().Should().BeEmpty("these facts must hold for the generated [Memoize] methods");
    }

    [KataFact]
    public void Threads_asking_for_the_same_argument_at_once_run_the_body_once()
    {
        // The body waits (up to a second) for a second thread to enter it: a cache that only stores
        // results lets every racing thread in; one Lazy per key lets exactly one in, the others wait for it.
        GeneratorRun run = Compiler.Generate(new MemoizeGenerator(), TestSources.Attributes, """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using Katas.Macros;

            public partial class Slow
            {
                public int Calls;

                private readonly ManualResetEventSlim _second = new();

                [Memoize]
                public partial int Square(int x);

                private int SquareCore(int x)
                {
                    if (Interlocked.Increment(ref Calls) == 1)
                    {
                        _second.Wait(TimeSpan.FromSeconds(1));
                    }
                    else
                    {
                        _second.Set();
                    }

                    return x * x;
                }
            }

            public static class Checks
            {
                public static IEnumerable<(string Fact, bool Holds)> All()
                {
                    var slow = new Slow();
                    var results = new int[4];
                    Thread[] threads = Enumerable.Range(0, 4).Select(i => new Thread(() => results[i] = slow.Square(9))).ToArray();
                    foreach (Thread thread in threads)
                    {
                        thread.Start();
                    }

                    foreach (Thread thread in threads)
                    {
                        thread.Join();
                    }

                    yield return ("four racing threads ran the body once", slow.Calls == 1);
                    yield return ("every thread got the result", results.All(r => r == 81));
                }
            }
            """);

        run.FailedFacts().Should().BeEmpty("the memoized method must be thread-safe: one computation per key, whoever asks");
    }

    [KataFact]
    public void One_file_per_method_implements_the_partial_declaration()
    {
        GeneratorRun run = Compiler.Generate(new MemoizeGenerator(), TestSources.Attributes, Calculator);

        run.Sources.Keys.Should().BeEquivalentTo(["Demo.Calculator.Fibonacci_1.Memoize.g.cs", "Demo.Calculator.Join_3.Memoize.g.cs"],
            "one file per memoized method, named <Namespace>.<Type>.<Method>_<parameter count>.Memoize.g.cs");
        run.Generated("Fibonacci_1.Memoize.g.cs").Should().Contain("public partial long Fibonacci(int n)", "the implementation repeats the declaration's modifiers and signature");
    }
}
