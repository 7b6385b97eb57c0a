// Mistake: the separator is written after every item, so the list ends with a dangling ", ".
using System.Text;

namespace Katas.Macros;

/// <summary>
/// Exercise 4.1: one arm of a <c>macro_rules!</c> macro, in plain C#. The pattern says what an invocation
/// looks like, with fragments (<c>$name:ident</c>, <c>$t:ty</c>, <c>$e:expr</c>, <c>$l:literal</c>,
/// <c>$x:tt</c>) and repetitions (<c>$( ... ),*</c>, <c>$( ... )+</c>, <c>$( ... )?</c>); the transcriber
/// is the code to write, with <c>$name</c> for what a fragment matched and <c>$( ... ),*</c> to repeat.
/// </summary>
public sealed class MacroRule
{
    private readonly List<PatternNode> _pattern;
    private readonly List<TemplateNode> _transcriber;

    /// <summary>Parses and checks both sides, so a malformed rule fails here and not at its first use.</summary>
    /// <exception cref="MacroException">The pattern or the transcriber is malformed.</exception>
    public MacroRule(string pattern, string transcriber)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(transcriber);

        IReadOnlyList<MacroToken> tokens = MacroTokens.Tokenize(pattern, MacroPart.Pattern);
        int position = 0;
        _pattern = PatternParser.ParseSequence(tokens, ref position, pattern.Length, openedAt: null);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        PatternParser.CollectDepths(_pattern, 0, depths);

        int index = 0;
        _transcriber = TemplateParser.ParseSequence(transcriber, ref index, openedAt: null);
        TemplateParser.Check(_transcriber, depths, 0);
    }

    /// <summary>Matches <paramref name="input"/> against the pattern and writes the transcriber with what matched.</summary>
    /// <exception cref="MacroException">The input does not match (Part = Input), or repetitions disagree (Part = Transcriber).</exception>
    public string Expand(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<MacroToken> tokens = MacroTokens.Tokenize(input, MacroPart.Input);
        var matcher = new Matcher(input, tokens);
        var bindings = new Dictionary<string, Binding>(StringComparer.Ordinal);
        int position = 0;
        if (matcher.Match(_pattern, ref position, bindings) is { } failure)
        {
            throw failure;
        }

        if (position < tokens.Count)
        {
            throw new MacroException(MacroPart.Input, tokens[position].Offset, $"no rule expected '{tokens[position].Text}' after the end of the pattern");
        }

        var output = new StringBuilder();
        Transcribe(_transcriber, bindings, output);
        return output.ToString();
    }

    private static void Transcribe(List<TemplateNode> nodes, Dictionary<string, Binding> bindings, StringBuilder output)
    {
        foreach (TemplateNode node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case VariableNode variable:
                    // Check guarantees a fragment is used at least as deep as it repeats, so this is one match.
                    output.Append(((Leaf)bindings[variable.Name]).Text);
                    break;
                case TemplateRepetition repetition:
                    TranscribeRepetition(repetition, bindings, output);
                    break;
            }
        }
    }

    private static void TranscribeRepetition(TemplateRepetition repetition, Dictionary<string, Binding> bindings, StringBuilder output)
    {
        // The fragments that still repeat at this depth drive the loop, and must agree on how often.
        var driving = new List<(string Name, Sequence Matches)>();
        foreach (string name in repetition.Variables)
        {
            if (bindings[name] is Sequence sequence)
            {
                driving.Add((name, sequence));
            }
        }

        int count = driving[0].Matches.Items.Count;
        foreach ((string name, Sequence matches) in driving)
        {
            if (matches.Items.Count != count)
            {
                throw new MacroException(MacroPart.Transcriber, repetition.Offset, $"${driving[0].Name} repeats {count} times, but ${name} repeats {matches.Items.Count} times");
            }
        }

        for (int i = 0; i < count; i++)
        {
            var inner = new Dictionary<string, Binding>(bindings, StringComparer.Ordinal);
            foreach ((string name, Sequence matches) in driving)
            {
                inner[name] = matches.Items[i];
            }

            Transcribe(repetition.Body, inner, output);
            if (repetition.Separator is { } separator) // bug: also after the last item
            {
                output.Append(separator);
                if (separator is "," or ";")
                {
                    output.Append(' ');
                }
            }
        }
    }

    // ---- What a fragment matched: one piece of text, or one binding per repetition. ----

    private abstract record Binding;

    private sealed record Leaf(string Text) : Binding;

    private sealed record Sequence(List<Binding> Items) : Binding;

    // ---- The pattern, parsed. ----

    private enum FragmentKind
    {
        Ident,
        Ty,
        Expr,
        Literal,
        Tt,
    }

    private abstract record PatternNode;

    private sealed record LiteralToken(MacroToken Token) : PatternNode;

    private sealed record Fragment(string Name, FragmentKind Kind, int Offset) : PatternNode;

    private sealed record PatternRepetition(List<PatternNode> Body, string? Separator, char Operator, List<string> Names) : PatternNode;

    private static class PatternParser
    {
        /// <summary>Parses until the end, or until the ')' that closes the repetition opened at <paramref name="openedAt"/>.</summary>
        public static List<PatternNode> ParseSequence(IReadOnlyList<MacroToken> tokens, ref int position, int end, MacroToken? openedAt)
        {
            var nodes = new List<PatternNode>();
            int depth = 0; // literal parentheses inside this sequence, so "$( f ( $x:expr ) ),*" closes at the right ')'
            while (position < tokens.Count)
            {
                MacroToken token = tokens[position];
                if (token.Is(")") && depth == 0 && openedAt is not null)
                {
                    return nodes;
                }

                position++;
                if (!token.Is("$"))
                {
                    depth += token.Is("(") ? 1 : token.Is(")") ? -1 : 0;
                    nodes.Add(new LiteralToken(token));
                    continue;
                }

                MacroToken? next = position < tokens.Count ? tokens[position] : null;
                if (next is { Kind: MacroTokenKind.Identifier } name)
                {
                    nodes.Add(ParseFragment(tokens, ref position, name, end));
                }
                else if (next is { } open && open.Is("("))
                {
                    position++;
                    nodes.Add(ParseRepetition(tokens, ref position, token, end));
                }
                else
                {
                    throw new MacroException(MacroPart.Pattern, token.Offset, "'$' must start a fragment such as $x:ident or a repetition $( ... ),*");
                }
            }

            if (openedAt is { } opened)
            {
                throw new MacroException(MacroPart.Pattern, opened.Offset, "this $( is never closed with ')'");
            }

            return nodes;
        }

        private static Fragment ParseFragment(IReadOnlyList<MacroToken> tokens, ref int position, MacroToken name, int end)
        {
            position++;
            if (position >= tokens.Count || !tokens[position].Is(":"))
            {
                throw new MacroException(MacroPart.Pattern, name.Offset, $"fragment ${name.Text} needs a kind, e.g. ${name.Text}:ident");
            }

            position++;
            if (position >= tokens.Count)
            {
                throw new MacroException(MacroPart.Pattern, end, $"fragment ${name.Text} needs a kind after ':'");
            }

            MacroToken kind = tokens[position++];
            FragmentKind parsed = kind.Text switch
            {
                "ident" => FragmentKind.Ident,
                "ty" => FragmentKind.Ty,
                "expr" => FragmentKind.Expr,
                "literal" => FragmentKind.Literal,
                "tt" => FragmentKind.Tt,
                _ => throw new MacroException(MacroPart.Pattern, kind.Offset, $"unknown fragment kind '{kind.Text}' (expected ident, ty, expr, literal or tt)"),
            };
            return new Fragment(name.Text, parsed, name.Offset - 1);
        }

        private static PatternRepetition ParseRepetition(IReadOnlyList<MacroToken> tokens, ref int position, MacroToken dollar, int end)
        {
            List<PatternNode> body = ParseSequence(tokens, ref position, end, dollar);
            position++; // the closing ')'
            (string? separator, char op) = ParseOperator(tokens, ref position, end, MacroPart.Pattern);
            var names = new List<string>();
            CollectNames(body, names);
            if (names.Count == 0)
            {
                throw new MacroException(MacroPart.Pattern, dollar.Offset, "this repetition contains no fragment to match");
            }

            return new PatternRepetition(body, separator, op, names);
        }

        private static void CollectNames(List<PatternNode> nodes, List<string> names)
        {
            foreach (PatternNode node in nodes)
            {
                if (node is Fragment fragment)
                {
                    names.Add(fragment.Name);
                }
                else if (node is PatternRepetition repetition)
                {
                    CollectNames(repetition.Body, names);
                }
            }
        }

        /// <summary>Every fragment's name with the number of repetitions around it; a name may be bound once.</summary>
        public static void CollectDepths(List<PatternNode> nodes, int depth, Dictionary<string, int> depths)
        {
            foreach (PatternNode node in nodes)
            {
                if (node is Fragment fragment && !depths.TryAdd(fragment.Name, depth))
                {
                    throw new MacroException(MacroPart.Pattern, fragment.Offset, $"fragment ${fragment.Name} is bound twice");
                }

                if (node is PatternRepetition repetition)
                {
                    CollectDepths(repetition.Body, depth + 1, depths);
                }
            }
        }

        private static (string? Separator, char Operator) ParseOperator(IReadOnlyList<MacroToken> tokens, ref int position, int end, MacroPart part)
        {
            if (position < tokens.Count && IsOperator(tokens[position]))
            {
                return (null, tokens[position++].Text[0]);
            }

            if (position + 1 < tokens.Count && IsOperator(tokens[position + 1]) && !tokens[position].Is("$"))
            {
                string separator = tokens[position].Text;
                position++;
                return (separator, tokens[position++].Text[0]);
            }

            int offset = position + 1 < tokens.Count ? tokens[position + 1].Offset : position < tokens.Count ? tokens[position].Offset : end;
            throw new MacroException(part, offset, "a repetition $( ... ) must end with *, + or ?, optionally after one separator token");
        }

        private static bool IsOperator(MacroToken token) => token.Is("*") || token.Is("+") || token.Is("?");
    }

    // ---- Matching an input against the pattern. ----

    private sealed class Matcher(string input, IReadOnlyList<MacroToken> tokens)
    {
        /// <summary>Matches <paramref name="nodes"/> from <paramref name="position"/> on; the failure, or null.</summary>
        public MacroException? Match(List<PatternNode> nodes, ref int position, Dictionary<string, Binding> bindings)
        {
            foreach (PatternNode node in nodes)
            {
                MacroException? failure = node switch
                {
                    LiteralToken literal => MatchLiteral(literal.Token, ref position),
                    Fragment fragment => MatchFragment(fragment, ref position, bindings),
                    PatternRepetition repetition => MatchRepetition(repetition, ref position, bindings),
                    _ => null,
                };
                if (failure is not null)
                {
                    return failure;
                }
            }

            return null;
        }

        private MacroException? MatchLiteral(MacroToken expected, ref int position)
        {
            if (position < tokens.Count && tokens[position].Text == expected.Text)
            {
                position++;
                return null;
            }

            return Expected($"'{expected.Text}'", position);
        }

        private MacroException? MatchFragment(Fragment fragment, ref int position, Dictionary<string, Binding> bindings)
        {
            int start = position;
            bool matched = fragment.Kind switch
            {
                FragmentKind.Ident => position < tokens.Count && tokens[position].Kind == MacroTokenKind.Identifier && Advance(ref position),
                FragmentKind.Literal => ParseLiteral(ref position),
                FragmentKind.Ty => ParseType(ref position),
                FragmentKind.Expr => ParseExpression(ref position),
                FragmentKind.Tt => ParseTokenTree(ref position),
                _ => false,
            };
            if (!matched)
            {
                position = start;
                string what = fragment.Kind switch
                {
                    FragmentKind.Ident => "an identifier",
                    FragmentKind.Literal => "a literal",
                    FragmentKind.Ty => "a type",
                    FragmentKind.Expr => "an expression",
                    _ => "a token tree",
                };
                return Expected($"{what} for ${fragment.Name}:{fragment.Kind.ToString().ToLowerInvariant()}", start);
            }

            // The fragment is the input's own text, from its first token to its last, spacing kept.
            bindings[fragment.Name] = new Leaf(input[tokens[start].Offset..tokens[position - 1].End]);
            return null;
        }

        private MacroException? MatchRepetition(PatternRepetition repetition, ref int position, Dictionary<string, Binding> bindings)
        {
            var iterations = new List<Dictionary<string, Binding>>();
            while (true)
            {
                int before = position;
                if (iterations.Count > 0)
                {
                    if (repetition.Operator == '?')
                    {
                        break;
                    }

                    if (repetition.Separator is { } separator)
                    {
                        // Without the separator the repetition is over; with it, another item must follow.
                        if (position >= tokens.Count || tokens[position].Text != separator)
                        {
                            break;
                        }

                        position++;
                    }
                }

                var iteration = new Dictionary<string, Binding>(StringComparer.Ordinal);
                MacroException? failure = Match(repetition.Body, ref position, iteration);
                bool afterSeparator = iterations.Count > 0 && repetition.Separator is not null;
                if (failure is not null || position == before)
                {
                    if (afterSeparator && failure is not null)
                    {
                        return failure;
                    }

                    position = before;
                    break;
                }

                iterations.Add(iteration);
            }

            if (repetition.Operator == '+' && iterations.Count == 0)
            {
                // Report why the first item did not match: that is the useful message.
                int probe = position;
                return Match(repetition.Body, ref probe, []) ?? Expected("at least one repetition", position);
            }

            foreach (string name in repetition.Names)
            {
                bindings[name] = new Sequence(iterations.Select(b => b[name]).ToList());
            }

            return null;
        }

        private static bool Advance(ref int position)
        {
            position++;
            return true;
        }

        private bool ParseLiteral(ref int position)
        {
            if (position < tokens.Count && tokens[position].Is("-"))
            {
                position++;
            }

            if (position < tokens.Count && (tokens[position].Kind == MacroTokenKind.Literal || tokens[position].Text is "true" or "false" or "null"))
            {
                position++;
                return true;
            }

            return false;
        }

        /// <summary>A name with optional dots and generic arguments, or a tuple type; then any '?' and '[]'.</summary>
        private bool ParseType(ref int position)
        {
            if (position < tokens.Count && tokens[position].Is("("))
            {
                position++;
                if (!ParseTypeList(ref position, ")"))
                {
                    return false;
                }
            }
            else
            {
                if (position >= tokens.Count || tokens[position].Kind != MacroTokenKind.Identifier)
                {
                    return false;
                }

                position++;
                while (position + 1 < tokens.Count && (tokens[position].Is(".") || tokens[position].Is("::")) && tokens[position + 1].Kind == MacroTokenKind.Identifier)
                {
                    position += 2;
                }

                if (position < tokens.Count && tokens[position].Is("<"))
                {
                    position++;
                    if (!ParseTypeList(ref position, ">"))
                    {
                        return false;
                    }
                }
            }

            while (position < tokens.Count)
            {
                if (tokens[position].Is("?"))
                {
                    position++;
                }
                else if (position + 1 < tokens.Count && tokens[position].Is("[") && tokens[position + 1].Is("]"))
                {
                    position += 2;
                }
                else
                {
                    break;
                }
            }

            return true;
        }

        private bool ParseTypeList(ref int position, string close)
        {
            while (true)
            {
                if (!ParseType(ref position))
                {
                    return false;
                }

                if (position >= tokens.Count || !tokens[position].Is(","))
                {
                    break;
                }

                position++;
            }

            if (position < tokens.Count && tokens[position].Is(close))
            {
                position++;
                return true;
            }

            return false;
        }

        /// <summary>Balanced tokens up to ',', ';' or '=>' outside brackets: the tokens an expression may be followed by.</summary>
        private bool ParseExpression(ref int position)
        {
            int start = position;
            int depth = 0;
            while (position < tokens.Count)
            {
                MacroToken token = tokens[position];
                if (depth == 0 && (token.Is(",") || token.Is(";") || token.Is("=>")))
                {
                    break;
                }

                if (token.Is("(") || token.Is("[") || token.Is("{"))
                {
                    depth++;
                }
                else if (token.Is(")") || token.Is("]") || token.Is("}"))
                {
                    if (depth == 0)
                    {
                        break;
                    }

                    depth--;
                }

                position++;
            }

            return depth == 0 && position > start;
        }

        /// <summary>One token, or a bracketed group with everything inside it.</summary>
        private bool ParseTokenTree(ref int position)
        {
            if (position >= tokens.Count || tokens[position].Is(")") || tokens[position].Is("]") || tokens[position].Is("}"))
            {
                return false;
            }

            if (!(tokens[position].Is("(") || tokens[position].Is("[") || tokens[position].Is("{")))
            {
                position++;
                return true;
            }

            int depth = 0;
            do
            {
                MacroToken token = tokens[position++];
                depth += token.Is("(") || token.Is("[") || token.Is("{") ? 1 : token.Is(")") || token.Is("]") || token.Is("}") ? -1 : 0;
            }
            while (depth > 0 && position < tokens.Count);

            return depth == 0;
        }

        private MacroException Expected(string what, int position) =>
            position < tokens.Count
                ? new MacroException(MacroPart.Input, tokens[position].Offset, $"expected {what}, found '{tokens[position].Text}'")
                : new MacroException(MacroPart.Input, input.Length, $"expected {what}, found the end of the input");
    }

    // ---- The transcriber, parsed: text, $name, and $( ... ) sep op. ----

    private abstract record TemplateNode;

    private sealed record TextNode(string Text) : TemplateNode;

    private sealed record VariableNode(string Name, int Offset) : TemplateNode;

    private sealed record TemplateRepetition(List<TemplateNode> Body, string? Separator, int Offset, List<string> Variables) : TemplateNode;

    private static class TemplateParser
    {
        /// <summary>Parses until the end, or until the ')' that closes the repetition opened at <paramref name="openedAt"/>.</summary>
        public static List<TemplateNode> ParseSequence(string text, ref int index, int? openedAt)
        {
            var nodes = new List<TemplateNode>();
            var literal = new StringBuilder();
            int depth = 0;
            while (index < text.Length)
            {
                char c = text[index];
                if (c == ')' && depth == 0 && openedAt is not null)
                {
                    break;
                }

                if (c != '$')
                {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    literal.Append(c);
                    index++;
                    continue;
                }

                Flush(literal, nodes);
                int dollar = index++;
                if (index < text.Length && (char.IsLetter(text[index]) || text[index] == '_'))
                {
                    int start = index;
                    while (index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_'))
                    {
                        index++;
                    }

                    nodes.Add(new VariableNode(text[start..index], dollar));
                }
                else if (index < text.Length && text[index] == '(')
                {
                    index++;
                    nodes.Add(ParseRepetition(text, ref index, dollar));
                }
                else
                {
                    throw new MacroException(MacroPart.Transcriber, dollar, "'$' must be followed by a fragment name or by ( ... ) to repeat");
                }
            }

            if (openedAt is { } opened && index >= text.Length)
            {
                throw new MacroException(MacroPart.Transcriber, opened, "this $( is never closed with ')'");
            }

            Flush(literal, nodes);
            return nodes;
        }

        private static TemplateRepetition ParseRepetition(string text, ref int index, int dollar)
        {
            List<TemplateNode> body = ParseSequence(text, ref index, dollar);
            index++; // the closing ')'
            // The body is written without the white space just inside its parentheses.
            if (body.Count > 0 && body[0] is TextNode first)
            {
                body[0] = new TextNode(first.Text.TrimStart());
            }

            if (body.Count > 0 && body[^1] is TextNode last)
            {
                body[^1] = new TextNode(last.Text.TrimEnd());
            }

            SkipSpaces(text, ref index);
            string? separator = null;
            if (index < text.Length && text[index] is not ('*' or '+' or '?'))
            {
                // One token: a two-character operator such as "=>" stays whole.
                bool pair = index + 1 < text.Length && !char.IsLetterOrDigit(text[index]) && text[index] is not ('"' or '\'')
                    && MacroTokens.Tokenize(text.Substring(index, 2), MacroPart.Transcriber) is [{ Kind: MacroTokenKind.Punctuation, Text.Length: 2 }];
                separator = text.Substring(index, pair ? 2 : 1);
                index += separator.Length;
                SkipSpaces(text, ref index);
            }

            if (index >= text.Length || text[index] is not ('*' or '+' or '?'))
            {
                throw new MacroException(MacroPart.Transcriber, Math.Min(index, text.Length), "a repetition $( ... ) must end with *, + or ?, optionally after one separator");
            }

            index++;
            var variables = new List<string>();
            CollectVariables(body, variables);
            return new TemplateRepetition(body, separator, dollar, variables);
        }

        private static void CollectVariables(List<TemplateNode> nodes, List<string> names)
        {
            foreach (TemplateNode node in nodes)
            {
                if (node is VariableNode variable && !names.Contains(variable.Name))
                {
                    names.Add(variable.Name);
                }
                else if (node is TemplateRepetition repetition)
                {
                    CollectVariables(repetition.Body, names);
                }
            }
        }

        /// <summary>
        /// Every $name is bound by the pattern and used at least as deep as it repeats there, and every
        /// $( ... ) contains a fragment that repeats at its depth (else it could not know how often to repeat).
        /// </summary>
        public static void Check(List<TemplateNode> nodes, Dictionary<string, int> depths, int depth)
        {
            foreach (TemplateNode node in nodes)
            {
                if (node is VariableNode variable)
                {
                    if (!depths.TryGetValue(variable.Name, out int bound))
                    {
                        throw new MacroException(MacroPart.Transcriber, variable.Offset, $"${variable.Name} is not bound by the pattern");
                    }

                    if (bound > depth)
                    {
                        throw new MacroException(MacroPart.Transcriber, variable.Offset, $"${variable.Name} repeats in the pattern, so it must be used inside {bound} $( ... ) here");
                    }
                }
                else if (node is TemplateRepetition repetition)
                {
                    if (!repetition.Variables.Any(v => depths.TryGetValue(v, out int bound) && bound > depth))
                    {
                        throw new MacroException(MacroPart.Transcriber, repetition.Offset, "this repetition uses no fragment that repeats at its depth, so it cannot know how often to repeat");
                    }

                    Check(repetition.Body, depths, depth + 1);
                }
            }
        }

        private static void SkipSpaces(string text, ref int index)
        {
            while (index < text.Length && char.IsWhiteSpace(text[index]))
            {
                index++;
            }
        }

        private static void Flush(StringBuilder literal, List<TemplateNode> nodes)
        {
            if (literal.Length > 0)
            {
                nodes.Add(new TextNode(literal.ToString()));
                literal.Clear();
            }
        }
    }
}
