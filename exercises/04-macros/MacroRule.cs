namespace Katas.Macros;

/// <summary>
/// Exercise 4.1: one arm of a <c>macro_rules!</c> macro, in plain C#. The pattern says what an invocation
/// looks like, with fragments (<c>$name:ident</c>, <c>$t:ty</c>, <c>$e:expr</c>, <c>$l:literal</c>,
/// <c>$x:tt</c>) and repetitions (<c>$( ... ),*</c>, <c>$( ... )+</c>, <c>$( ... )?</c>); the transcriber
/// is the code to write, with <c>$name</c> for what a fragment matched and <c>$( ... ),*</c> to repeat.
/// </summary>
public sealed class MacroRule
{
    /// <summary>Parses and checks both sides, so a malformed rule fails here and not at its first use.</summary>
    /// <exception cref="MacroException">The pattern or the transcriber is malformed.</exception>
    public MacroRule(string pattern, string transcriber)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(transcriber);
        // TODO: parse the pattern (use MacroTokens.Tokenize) into literal tokens, fragments $name:kind
        // (kinds: ident, ty, expr, literal, tt) and repetitions $( ... ) sep? op (op: *, + or ?; the
        // separator, if any, is one token). Parse the transcriber (text, $name, $( ... ) sep? op) and check
        // it against the pattern. Throw a MacroException with the part and the offset of the problem for a
        // malformed side, an unknown kind, a name bound twice, a $name the pattern does not bind or uses
        // outside the repetitions it repeats in, and a transcriber repetition with no repeating fragment.
        throw new NotImplementedException("Exercise 4.1 (MacroRule) is not solved yet. Hint: dotnet run --project grader -- hint 4.1");
    }

    /// <summary>Matches <paramref name="input"/> against the pattern and writes the transcriber with what matched.</summary>
    /// <exception cref="MacroException">The input does not match (Part = Input), or repetitions disagree (Part = Transcriber).</exception>
    public string Expand(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // TODO: match the input's tokens against the pattern, greedily and without backtracking, and bind
        // each fragment to the input's text from its first token to its last. Then write the transcriber:
        // text as is, $name replaced, each $( ... ) once per match of the fragments repeating in it (they
        // must agree on the count), its body without the white space just inside its parentheses and the
        // separator between items (',' and ';' followed by one space). A mismatch, leftover input or a
        // trailing separator is a MacroException at the offending token's offset (the input's length at
        // its end).
        throw new NotImplementedException("Exercise 4.1 (MacroRule.Expand) is not solved yet. Hint: dotnet run --project grader -- hint 4.1");
    }
}
