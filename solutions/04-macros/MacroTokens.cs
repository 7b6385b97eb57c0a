namespace Katas.Macros;

// Given for exercise 4.1 (the same file in exercises/ and solutions/): the tokenizer, so your work is the
// matching and the expansion. Rust's macro_rules! works on tokens too, never on characters.

/// <summary>Which text a <see cref="MacroException"/> is about.</summary>
public enum MacroPart
{
    /// <summary>The pattern (the matcher, the left side of a macro_rules! arm).</summary>
    Pattern,

    /// <summary>The transcriber (the template, the right side of the arm).</summary>
    Transcriber,

    /// <summary>The input the macro is invoked with.</summary>
    Input,
}

/// <summary>A malformed pattern or transcriber, or an input the pattern does not match.</summary>
public sealed class MacroException : Exception
{
    public MacroException()
    {
    }

    public MacroException(string message)
        : base(message)
    {
    }

    public MacroException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception; its message reads "input at offset 7: expected ...".</summary>
    public MacroException(MacroPart part, int offset, string detail)
        : base($"{part.ToString().ToLowerInvariant()} at offset {offset}: {detail}")
    {
        Part = part;
        Offset = offset;
        Detail = detail;
    }

    /// <summary>The text the problem is in.</summary>
    public MacroPart Part { get; }

    /// <summary>The position of the problem: a character offset into that text (its length for "end of input").</summary>
    public int Offset { get; }

    /// <summary>The message without the position.</summary>
    public string Detail { get; } = "";
}

/// <summary>The kinds of token <see cref="MacroTokens.Tokenize"/> produces.</summary>
public enum MacroTokenKind
{
    /// <summary>A name: <c>Item1</c>, <c>class</c>, <c>@string</c>.</summary>
    Identifier,

    /// <summary>A number, string or character literal: <c>42</c>, <c>1.5e3</c>, <c>"a\"b"</c>, <c>'x'</c>.</summary>
    Literal,

    /// <summary>Anything else: one character, or one of the two-character operators such as <c>=&gt;</c>.</summary>
    Punctuation,
}

/// <summary>One token: its kind, its exact text and where it starts.</summary>
public readonly record struct MacroToken(MacroTokenKind Kind, string Text, int Offset)
{
    /// <summary>The offset just after the token.</summary>
    public int End => Offset + Text.Length;

    /// <summary>True for a punctuation token with exactly this text.</summary>
    public bool Is(string punctuation) => Kind == MacroTokenKind.Punctuation && Text == punctuation;
}

/// <summary>Splits text into tokens; white space only separates them.</summary>
public static class MacroTokens
{
    // Two-character operators kept whole. '>' '>' is never joined, so List<List<int>> closes twice.
    private static readonly string[] s_pairs = ["=>", "::", "==", "!=", "<=", ">=", "&&", "||", "??", "->"];

    /// <summary>The tokens of <paramref name="text"/>; <paramref name="part"/> names the text in errors.</summary>
    /// <exception cref="MacroException">An unterminated string or character literal.</exception>
    public static IReadOnlyList<MacroToken> Tokenize(string text, MacroPart part)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<MacroToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetter(c) || c == '_' || (c == '@' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_')))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new MacroToken(MacroTokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add(new MacroToken(MacroTokenKind.Literal, text[start..i], start));
            }
            else if (c is '"' or '\'')
            {
                i++;
                while (i < text.Length && text[i] != c)
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i >= text.Length)
                {
                    throw new MacroException(part, start, $"unterminated {(c == '"' ? "string" : "character")} literal");
                }

                i++;
                tokens.Add(new MacroToken(MacroTokenKind.Literal, text[start..i], start));
            }
            else
            {
                int length = i + 1 < text.Length && Array.IndexOf(s_pairs, text.Substring(i, 2)) >= 0 ? 2 : 1;
                i += length;
                tokens.Add(new MacroToken(MacroTokenKind.Punctuation, text[start..i], start));
            }
        }

        return tokens;
    }
}
