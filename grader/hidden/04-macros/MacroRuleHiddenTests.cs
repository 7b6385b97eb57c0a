namespace Katas.Macros.HiddenTests;

[HiddenTests("4.1")]
public sealed class MacroRuleHiddenTests
{
    private static readonly MacroRule s_list = new("$( $x:ident ),*", "[$( $x ),*]");

    [KataFact]
    public void Zero_one_and_many_items_of_a_star_repetition()
    {
        s_list.Expand("").Should().Be("[]", "* allows zero items");
        s_list.Expand("a").Should().Be("[a]", "one item has no separator");
        s_list.Expand("a, b,c").Should().Be("[a, b, c]", "the separator is written between items, never after the last");
    }

    [KataFact]
    public void Items_must_be_separated_and_a_trailing_separator_is_an_error()
    {
        Action missing = () => s_list.Expand("a b");
        Action trailing = () => s_list.Expand("a, b,");

        missing.Should().Throw<MacroException>("without the ',' separator the repetition ends after a, and b is left over")
            .Which.Should().Match<MacroException>(e => e.Part == MacroPart.Input && e.Offset == 2, "b at offset 2 is unexpected");
        trailing.Should().Throw<MacroException>("after a separator another item must follow")
            .Which.Should().Match<MacroException>(e => e.Part == MacroPart.Input && e.Offset == 5, "the end of the input (offset 5) is where an identifier was expected");
    }

    [KataFact]
    public void Plus_needs_one_item_and_question_mark_takes_at_most_one()
    {
        var plus = new MacroRule("sum ( $( $x:literal )+ )", "$( $x )+");
        var optional = new MacroRule("let $name:ident $( = $value:expr )?", "var $name = Make($( $value )?);");

        Action none = () => plus.Expand("sum()");
        none.Should().Throw<MacroException>("+ needs at least one item").Which.Offset.Should().Be(4, "the ')' at offset 4 is not a literal");
        plus.Expand("sum(1 2 3)").Should().Be("123", "a repetition without a separator takes items while they match");
        optional.Expand("let x").Should().Be("var x = Make();", "? allows none");
        optional.Expand("let x = f(1, 2) * 3").Should().Be("var x = Make(f(1, 2) * 3);", "an expression's commas inside brackets belong to it");
    }

    [KataFact]
    public void Types_literals_and_token_trees_match_whole()
    {
        var rule = new MacroRule("$t:ty , $l:literal , $tt:tt , $n:literal", "$t|$l|$tt|$n");

        rule.Expand("System.Collections.Generic.Dictionary<string, List<int[]>>?[] , \"a, b\" , { x, (y) } , -1.5")
            .Should().Be("System.Collections.Generic.Dictionary<string, List<int[]>>?[]|\"a, b\"|{ x, (y) }|-1.5", "each fragment takes its whole syntax, spacing as written");
        new MacroRule("$t:ty", "$t").Expand("(int, string)").Should().Be("(int, string)", "a tuple type is a type");
    }

    [KataFact]
    public void A_fragment_bound_outside_a_repetition_repeats_with_it()
    {
        var rule = new MacroRule("$class:ident { $( $field:ident : $type:ty );* }", "$( $class.$field is $type );*");

        rule.Expand("Point { X : int; Y : double }").Should().Be("Point.X is int; Point.Y is double", "$class is written in every item; ';' is followed by a space");
    }

    [KataFact]
    public void Other_separators_are_written_as_they_are()
    {
        var rule = new MacroRule("$( $x:ident ),+", "$( $x )=>+");

        rule.Expand("a, b, c").Should().Be("a=>b=>c", "a separator other than ',' or ';' gets no space");
    }

    [KataFact]
    public void Repetitions_that_disagree_on_their_count_are_an_error()
    {
        var rule = new MacroRule("( $( $a:ident ),* ) ( $( $b:ident ),* )", "$( $a = $b ),*");

        rule.Expand("(x, y) (w, z)").Should().Be("x = w, y = z", "two lists of two zip");
        Action uneven = () => rule.Expand("(x, y) (z)");
        uneven.Should().Throw<MacroException>("$a repeats twice but $b once").Which.Part.Should().Be(MacroPart.Transcriber, "the transcriber cannot zip them");
    }

    [KataFact]
    public void Leftover_or_missing_input_is_reported_where_it_happens()
    {
        var rule = new MacroRule("pair ( $a:expr , $b:expr )", "($a, $b)");

        Action leftover = () => rule.Expand("pair(1, 2) extra");
        Action missing = () => rule.Expand("pair(1, 2");

        leftover.Should().Throw<MacroException>("the pattern ends before 'extra'").Which.Offset.Should().Be(11, "'extra' starts at offset 11");
        missing.Should().Throw<MacroException>("the input ends before ')'").Which.Offset.Should().Be(9, "the end of the input is its length");
    }

    [KataFact]
    public void Malformed_rules_are_rejected_with_the_position()
    {
        AssertMalformed("$( $x:ident ", "$x", MacroPart.Pattern, 0, "an unclosed $( in the pattern");
        AssertMalformed("$( $x:ident )", "$x", MacroPart.Pattern, 13, "a repetition without *, + or ?");
        AssertMalformed("$x:ident $x:ident", "$x", MacroPart.Pattern, 9, "a name bound twice");
        AssertMalformed("$x", "$x", MacroPart.Pattern, 1, "a fragment without a kind");
        AssertMalformed("$( $x:ident ),*", "$x", MacroPart.Transcriber, 0, "a repeating fragment used outside a repetition");
        AssertMalformed("$x:ident", "$( $x ),*", MacroPart.Transcriber, 0, "a repetition in the transcriber with nothing repeating in it");
        AssertMalformed("$( $x:ident ),*", "a $( $x ", MacroPart.Transcriber, 2, "an unclosed $( in the transcriber");
        AssertMalformed("$( $x:ident ),*", "$( $x ),* $ y", MacroPart.Transcriber, 10, "a lone $");
    }

    [KataFact]
    public void Nested_repetitions_keep_each_group_apart()
    {
        var rule = new MacroRule("$( $m:ident ( $( $p:ident ),* ) );*", "$( void $m($( int $p ),*) { } )*");

        rule.Expand("f(a, b); g(); h(c)").Should().Be("void f(int a, int b) { }void g() { }void h(int c) { }", "each method gets its own parameters");
    }

    [KataFact]
    public void Null_arguments_are_rejected()
    {
        Action nullPattern = () => _ = new MacroRule(null!, "");
        Action nullInput = () => s_list.Expand(null!);

        nullPattern.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("pattern", "the pattern is required");
        nullInput.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("input", "the input is required");
    }

    private static void AssertMalformed(string pattern, string transcriber, MacroPart part, int offset, string what)
    {
        Action create = () => _ = new MacroRule(pattern, transcriber);
        create.Should().Throw<MacroException>($"{what} is malformed")
            .Which.Should().Match<MacroException>(e => e.Part == part && e.Offset == offset, $"{what} is reported in the {part} at offset {offset}");
    }
}
