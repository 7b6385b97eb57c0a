namespace Katas.Macros.Tests;

[Exercise("4.1", "Declarative macros: a macro_rules! arm in plain C#", Points = 20, StudentFiles = "MacroRule.cs", Hint = """
    A macro_rules! arm is two small languages: the pattern, matched against the invocation's tokens, and
    the transcriber, written out with what matched. Parse each side once into a tree (literal token,
    fragment, repetition with its body, separator and operator), then walk the trees. Question: when a
    fragment sits inside two repetitions, what shape must its binding have, and how does the transcriber
    know how many times to repeat a $( ... ) that contains it?
    """, MoreHint = """
    MacroTokens.Tokenize gives you the tokens with their offsets. A recursive parser that stops at the ')'
    closing its own $( handles nesting. Bind a fragment to either one text or a list of bindings, one per
    repetition; in the transcriber, the fragments inside a $( ... ) that are still lists decide the count.
    Return a failure (or throw a MacroException) with the offending token's Offset for every mismatch.
    The Rust reference: https://doc.rust-lang.org/reference/macros-by-example.html
    """, Recap = """
    Declarative macros are pattern matching on tokens plus a template with repetition: the matcher binds
    fragments at a repetition depth, the transcriber repeats by the bindings' lengths. C# has none, so
    code that repeats per arity is written by a generator (4.2 on) or by T4 templates.
    """)]
public sealed class MacroRuleTests
{
    // A "tuple-like" macro: one record struct and one factory overload per arity.
    private const string RowPattern = "$name:ident ( $( $t:ident $field:ident ),+ )";
    private const string RowTranscriber = """
        public readonly record struct $name<$( $t ),+>($( $t $field ),+);
        public static partial class $name { public static $name<$( $t ),+> Of<$( $t ),+>($( $t $field ),+) => new($( $field ),+); }

        """;

    [KataFact]
    public void A_fragment_is_replaced_by_the_input_text_it_matched()
    {
        var rule = new MacroRule("square ( $x:expr )", "(($x) * ($x))");

        rule.Expand("square(a + 1)").Should().Be("((a + 1) * (a + 1))", "$x stands for the input's text a + 1, spacing kept");
    }

    [KataFact]
    public void A_repetition_is_written_once_per_match_with_its_separator()
    {
        var rule = new MacroRule(RowPattern, RowTranscriber);

        string code = rule.Expand("Row(T1 Item1, T2 Item2)");

        code.Should().Be("""
            public readonly record struct Row<T1, T2>(T1 Item1, T2 Item2);
            public static partial class Row { public static Row<T1, T2> Of<T1, T2>(T1 Item1, T2 Item2) => new(Item1, Item2); }

            """.ReplaceLineEndings("\n"), "each $( ... ),+ is written once per T/field pair, items separated by ', '");
    }

    [KataFact]
    public void Overloads_for_arities_1_to_8_compile_and_run()
    {
        var rule = new MacroRule(RowPattern, RowTranscriber.ReplaceLineEndings("\n"));
        var code = new System.Text.StringBuilder("namespace Generated;\n");
        for (int arity = 1; arity <= 8; arity++)
        {
            IEnumerable<int> items = Enumerable.Range(1, arity);
            code.Append(rule.Expand($"Row({string.Join(", ", items.Select(i => $"T{i} Item{i}"))})"));
        }

        System.Reflection.Assembly assembly = Compiler.Load(Compiler.Compile(code.ToString()));
        Type factory = assembly.GetType("Generated.Row")!;
        factory.GetMethods().Where(m => m.Name == "Of").Should().HaveCount(8, "one Of overload per arity");
        System.Reflection.MethodInfo of3 = factory.GetMethods().Single(m => m.Name == "Of" && m.GetParameters().Length == 3)
            .MakeGenericMethod(typeof(int), typeof(string), typeof(bool));
        of3.Invoke(null, [1, "two", true])!.ToString().Should().Be("Row { Item1 = 1, Item2 = two, Item3 = True }", "the expansion is a record struct of three items");
    }

    [KataFact]
    public void Nested_repetitions_repeat_by_their_own_counts()
    {
        var rule = new MacroRule(
            "$( $name:ident = [ $( $value:literal ),* ] );*",
            "$( int[] $name = [$( $value ),*]; )*");

        rule.Expand("a = [1, 2, 3]; b = []; c = [4]").Should().Be(
            "int[] a = [1, 2, 3];int[] b = [];int[] c = [4];",
            "the outer repetition runs once per name, the inner once per value of that name");
    }

    [KataFact]
    public void A_fragment_that_does_not_match_is_reported_at_its_position()
    {
        var rule = new MacroRule(RowPattern, RowTranscriber);

        Action wrongKind = () => rule.Expand("Row(T1 Item1, 42 Item2)");

        MacroException error = wrongKind.Should().Throw<MacroException>("42 is not an identifier").Which;
        error.Part.Should().Be(MacroPart.Input, "the input is at fault");
        error.Offset.Should().Be(14, "42 starts at offset 14 of the input");
        error.Message.Should().Contain("$t", "the message names the fragment that did not match");
    }

    [KataFact]
    public void A_malformed_template_is_reported_at_its_position()
    {
        Action unknownKind = () => _ = new MacroRule("$x:number", "$x");
        Action unbound = () => _ = new MacroRule("$x:ident", "$x + $y");

        unknownKind.Should().Throw<MacroException>("number is not a fragment kind")
            .Which.Should().Match<MacroException>(e => e.Part == MacroPart.Pattern && e.Offset == 3, "the kind at offset 3 of the pattern is unknown");
        unbound.Should().Throw<MacroException>("$y is not in the pattern")
            .Which.Should().Match<MacroException>(e => e.Part == MacroPart.Transcriber && e.Offset == 5, "$y at offset 5 of the transcriber is not bound");
    }
}
