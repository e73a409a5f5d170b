using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Stacklint.Formats.Nginx;

/// <summary>
/// A PCRE pattern as nginx compiles it (no DOTALL, no UTF/UCP unless the pattern asks), read into a small syntax tree
/// so that rules can ask what a capture group can match — a carriage return, a line feed, a <c>/</c>, a <c>.</c> —
/// and what surrounds it. This is structural analysis, not matching: it never runs the pattern. A pattern it cannot
/// read gets an <see cref="Error"/> and no tree (nginx would refuse it too).
/// </summary>
public sealed class NginxRegex
{
    private NginxRegex(string pattern, RxNode? root, IReadOnlyList<RxGroup> groups, string? error)
    {
        Pattern = pattern;
        Root = root;
        Groups = groups;
        Error = error;
    }

    public string Pattern { get; }
    /// <summary>The whole pattern; null when it could not be read.</summary>
    public RxNode? Root { get; }
    /// <summary>The capturing groups in order of their opening parenthesis (group 1 first).</summary>
    public IReadOnlyList<RxGroup> Groups { get; }
    public string? Error { get; }
    public bool IsValid => Root is not null;

    /// <summary>Capture <c>$n</c> (1-based), or null when the pattern has fewer groups.</summary>
    public RxGroup? Group(int number) => Groups.FirstOrDefault(g => g.Number == number);

    /// <summary>The named group <c>(?&lt;name&gt;…)</c> (<c>(?P&lt;name&gt;…)</c>, <c>(?'name'…)</c>); names compare as nginx's variable names do.</summary>
    public RxGroup? Group(string name) => Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The group a variable reference stands for: <c>$1</c>..<c>$9</c> by number, anything else by name.</summary>
    public RxGroup? GroupFor(NginxVariable variable) => variable.Capture is { } n ? Group(n) : Group(variable.Name);

    /// <summary>The pattern must match at the start of the subject (<c>^</c> or <c>\A</c> before anything else, in every branch).</summary>
    public bool AnchoredAtStart => Root is not null && StartsAnchored(Root);

    public override string ToString() => Pattern;

    /// <summary>The group as written in the pattern: "(.*)", "(?&lt;rest&gt;[^/]*)".</summary>
    public string Text(RxGroup group) => group.End > group.Offset && group.End <= Pattern.Length ? Pattern.Substring(group.Offset, group.End - group.Offset) : Pattern;

    /// <summary>Reads <paramref name="pattern"/>; <paramref name="caseless"/> for <c>~*</c> (PCRE_CASELESS).</summary>
    public static NginxRegex Parse(string pattern, bool caseless = false)
    {
        var parser = new Parser(pattern, caseless);
        try
        {
            var root = parser.ParseAll();
            parser.ResolveBackReferences();
            return new NginxRegex(pattern, root, parser.Groups, null);
        }
        catch (FormatException e)
        {
            return new NginxRegex(pattern, null, Array.Empty<RxGroup>(), e.Message);
        }
    }

    // ---- questions about what a node can match -------------------------------------------------------------------

    /// <summary>Whether <paramref name="node"/> can consume character <paramref name="c"/> somewhere. With
    /// <paramref name="countLiterals"/> false, characters written literally (<c>\.</c>, <c>[.]</c>, <c>a</c>) do not count:
    /// they are fixed text, not something a client chooses.</summary>
    public static bool CanMatch(RxNode node, char c, bool countLiterals = true) => node switch
    {
        RxAtom atom => atom.Set.Matches(c) && (countLiterals || !atom.IsLiteral),
        RxSequence sequence => sequence.Items.Any(i => CanMatch(i, c, countLiterals)),
        RxAlternation alternation => alternation.Branches.Any(b => CanMatch(b, c, countLiterals)),
        RxGroup group => CanMatch(group.Body, c, countLiterals),
        RxRepeat repeat => repeat.Max != 0 && CanMatch(repeat.Body, c, countLiterals),
        RxBackReference reference => reference.Target is { } target && CanMatch(target, c, countLiterals),
        _ => false,
    };

    /// <summary>Whether <paramref name="node"/> has a part that matches more than one character (<c>.</c>, a class, an
    /// escape such as <c>\d</c>): without one it only matches text written in the pattern.</summary>
    public static bool HasWildcard(RxNode node) => node switch
    {
        RxAtom atom => !atom.IsLiteral,
        RxSequence sequence => sequence.Items.Any(HasWildcard),
        RxAlternation alternation => alternation.Branches.Any(HasWildcard),
        RxGroup group => HasWildcard(group.Body),
        RxRepeat repeat => repeat.Max != 0 && HasWildcard(repeat.Body),
        RxBackReference reference => reference.Target is null || HasWildcard(reference.Target),
        _ => false,
    };

    /// <summary>Whether <paramref name="node"/> can match the empty string.</summary>
    public static bool Nullable(RxNode node) => node switch
    {
        RxAtom => false,
        RxSequence sequence => sequence.Items.All(Nullable),
        RxAlternation alternation => alternation.Branches.Any(Nullable),
        RxGroup group => Nullable(group.Body),
        RxRepeat repeat => repeat.Min == 0 || Nullable(repeat.Body),
        _ => true,
    };

    /// <summary>The atoms that can supply the first character <paramref name="node"/> consumes.</summary>
    public static IReadOnlyList<RxAtom> First(RxNode node) => Edge(node, first: true);

    /// <summary>The atoms that can supply the last character <paramref name="node"/> consumes.</summary>
    public static IReadOnlyList<RxAtom> Last(RxNode node) => Edge(node, first: false);

    /// <summary>The atoms that can supply the last character of the items, in order, and whether they can all be empty.</summary>
    public static (IReadOnlyList<RxAtom> Atoms, bool Nullable) Last(IReadOnlyList<RxNode> items)
    {
        var atoms = new List<RxAtom>();
        for (var i = items.Count - 1; i >= 0; i--)
        {
            atoms.AddRange(Last(items[i]));
            if (!Nullable(items[i])) return (atoms, false);
        }
        return (atoms, true);
    }

    /// <summary>Whether <paramref name="node"/> can start with <paramref name="c"/> (literals count).</summary>
    public static bool CanStartWith(RxNode node, char c) => First(node).Any(a => a.Set.Matches(c));

    private static IReadOnlyList<RxAtom> Edge(RxNode node, bool first)
    {
        var atoms = new List<RxAtom>();
        Collect(node, first, atoms, 0);
        return atoms;
    }

    private static void Collect(RxNode node, bool first, List<RxAtom> atoms, int depth)
    {
        if (depth > 64) return;
        switch (node)
        {
            case RxAtom atom:
                atoms.Add(atom);
                break;
            case RxSequence sequence:
                IEnumerable<RxNode> items = first ? sequence.Items : Enumerable.Reverse(sequence.Items);
                foreach (var item in items)
                {
                    Collect(item, first, atoms, depth + 1);
                    if (!Nullable(item)) break;
                }
                break;
            case RxAlternation alternation:
                foreach (var branch in alternation.Branches) Collect(branch, first, atoms, depth + 1);
                break;
            case RxGroup group:
                Collect(group.Body, first, atoms, depth + 1);
                break;
            case RxRepeat repeat when repeat.Max != 0:
                Collect(repeat.Body, first, atoms, depth + 1);
                break;
            case RxBackReference { Target: { } target }:
                Collect(target, first, atoms, depth + 1);
                break;
        }
    }

    /// <summary>
    /// What can come immediately before <paramref name="node"/> in a match: the atoms that can supply the character
    /// before it, whether it can sit at the start of the subject (after <c>^</c>), and whether it can sit at the
    /// start of an unanchored match (then any character of the subject can precede it).
    /// </summary>
    public static RxPreceding Preceding(RxNode node)
    {
        var atoms = new List<RxAtom>();
        var current = node;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case RxSequence sequence:
                    for (var i = sequence.Items.IndexOf(current) - 1; i >= 0; i--)
                    {
                        var item = sequence.Items[i];
                        if (item is RxAnchor { Kind: RxAnchorKind.Start }) return new RxPreceding(atoms, SubjectStart: true, MatchStart: false);
                        atoms.AddRange(Last(item));
                        if (!Nullable(item)) return new RxPreceding(atoms, SubjectStart: false, MatchStart: false);
                    }
                    break;
                case RxRepeat repeat when repeat.Max is null or > 1:
                    // A later iteration follows the end of the previous one.
                    atoms.AddRange(Last(repeat.Body));
                    break;
            }
            current = parent;
        }
        return new RxPreceding(atoms, SubjectStart: false, MatchStart: true);
    }

    /// <summary>
    /// The pattern's alternatives as flat lists of elements: groups that are not repeated are opened, and an
    /// alternation anywhere gives one list per branch, each keeping what precedes and follows it
    /// (<c>((A)|(B))$</c> gives <c>A $</c> and <c>B $</c>). Repeated parts (<c>(www\.)?</c>, <c>[a-z]+</c>) stay whole.
    /// Zero-width assertions other than <c>^</c> and <c>$</c> are left out. At most <paramref name="limit"/> lists.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<RxNode>> Alternatives(int limit = 64)
    {
        if (Root is null) return Array.Empty<IReadOnlyList<RxNode>>();
        return Expand(Root, limit).Select(l => (IReadOnlyList<RxNode>)l.Where(n => n is not RxAnchor { Kind: RxAnchorKind.Other } and not RxLookaround).ToList()).ToList();
    }

    private static List<List<RxNode>> Expand(RxNode node, int limit)
    {
        switch (node)
        {
            case RxSequence sequence:
                var result = new List<List<RxNode>> { new() };
                foreach (var item in sequence.Items)
                {
                    var options = Expand(item, limit);
                    if (result.Count * options.Count > limit) options = new List<List<RxNode>> { new() { item } };
                    result = result.SelectMany(prefix => options.Select(option => prefix.Concat(option).ToList())).ToList();
                }
                return result;
            case RxAlternation alternation:
                var branches = alternation.Branches.SelectMany(b => Expand(b, limit)).ToList();
                return branches.Count > limit ? new List<List<RxNode>> { new() { node } } : branches;
            case RxGroup group:
                return Expand(group.Body, limit);
            case RxRepeat { Min: 1, Max: 1 } repeat:
                return Expand(repeat.Body, limit);
            default:
                return new List<List<RxNode>> { new() { node } };
        }
    }

    private static bool StartsAnchored(RxNode node) => node switch
    {
        RxAnchor anchor => anchor.Kind == RxAnchorKind.Start,
        RxSequence sequence => sequence.Items.FirstOrDefault(i => i is not RxLookaround) is { } head && StartsAnchored(head),
        RxAlternation alternation => alternation.Branches.All(StartsAnchored),
        RxGroup group => StartsAnchored(group.Body),
        RxRepeat { Min: >= 1 } repeat => StartsAnchored(repeat.Body),
        _ => false,
    };

    /// <summary>A short string the elements match, wildcards filled in with letters (for example values in messages).</summary>
    public static string Sample(IEnumerable<RxNode> items) => string.Concat(items.Select(Sample));

    public static string Sample(RxNode node) => Sample(node, null, "");

    /// <summary>A string the pattern matches with <paramref name="replaced"/> (a group) matching <paramref name="with"/>:
    /// "/img../etc/passwd" for <c>^/img(.*)$</c>.</summary>
    public static string Sample(RxNode node, RxNode? replaced, string with)
    {
        if (node == replaced) return with;
        return node switch
        {
            RxAtom atom => atom.Sample().ToString(),
            RxSequence sequence => string.Concat(sequence.Items.Select(i => Sample(i, replaced, with))),
            RxAlternation alternation => alternation.Branches.Count == 0 ? ""
                : Sample(alternation.Branches.FirstOrDefault(b => replaced is not null && Contains(b, replaced)) ?? alternation.Branches[0], replaced, with),
            RxGroup group => Sample(group.Body, replaced, with),
            RxRepeat repeat => replaced is not null && Contains(repeat, replaced)
                ? Sample(repeat.Body, replaced, with)
                : string.Concat(Enumerable.Repeat(Sample(repeat.Body, replaced, with), Math.Min(repeat.Min, 3))),
            RxBackReference { Target: { } target } => Sample(target, replaced, with),
            _ => "",
        };
    }

    private static bool Contains(RxNode node, RxNode inner)
    {
        for (var n = inner; n is not null; n = n.Parent)
            if (n == node) return true;
        return false;
    }

    // ---- the reader ----------------------------------------------------------------------------------------------

    private sealed class Parser
    {
        private readonly string _text;
        private int _position;
        private readonly bool _caseless;
        public readonly List<RxGroup> Groups = new();
        private readonly List<RxBackReference> _references = new();

        public Parser(string text, bool caseless)
        {
            _text = text;
            _caseless = caseless;
        }

        private struct Flags
        {
            public bool Caseless, DotAll, Extended;
        }

        public RxNode ParseAll()
        {
            // Leading verbs such as (*UTF) or (*UCP) change how characters are read, not what the groups are.
            while (Peek("(*"))
            {
                var end = _text.IndexOf(')', _position);
                if (end < 0) throw new FormatException("unterminated (* verb");
                _position = end + 1;
            }
            var flags = new Flags { Caseless = _caseless };
            var root = ParseAlternation(ref flags);
            if (_position < _text.Length) throw new FormatException($"unmatched ) at offset {_position}");
            return root;
        }

        public void ResolveBackReferences()
        {
            foreach (var reference in _references)
                reference.Target = reference.Name is { } name
                    ? Groups.FirstOrDefault(g => g.Name == name)
                    : Groups.FirstOrDefault(g => g.Number == reference.Number);
        }

        private bool Peek(string s) => string.CompareOrdinal(_text, _position, s, 0, s.Length) == 0;
        private bool AtEnd => _position >= _text.Length;

        private RxNode ParseAlternation(ref Flags flags)
        {
            var branches = new List<RxNode> { ParseSequence(ref flags) };
            while (!AtEnd && _text[_position] == '|')
            {
                _position++;
                branches.Add(ParseSequence(ref flags));
            }
            if (branches.Count == 1) return branches[0];
            var alternation = new RxAlternation(branches);
            foreach (var branch in branches) branch.Parent = alternation;
            return alternation;
        }

        private RxNode ParseSequence(ref Flags flags)
        {
            var items = new List<RxNode>();
            while (!AtEnd && _text[_position] is not ('|' or ')'))
            {
                if (flags.Extended && SkipExtendedBlank()) continue;
                var atom = ParseAtom(ref flags);
                if (atom is null) continue;
                items.Add(ParseQuantifier(atom, ref flags));
            }
            var sequence = new RxSequence(items);
            foreach (var item in items) item.Parent = sequence;
            return sequence;
        }

        private bool SkipExtendedBlank()
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c)) { _position++; return true; }
            if (c != '#') return false;
            while (!AtEnd && _text[_position] != '\n') _position++;
            return true;
        }

        private RxNode ParseQuantifier(RxNode atom, ref Flags flags)
        {
            while (true)
            {
                if (flags.Extended) while (!AtEnd && SkipExtendedBlank()) { }
                if (AtEnd) return atom;
                int min, max;
                var c = _text[_position];
                if (c == '*') { min = 0; max = -1; _position++; }
                else if (c == '+') { min = 1; max = -1; _position++; }
                else if (c == '?') { min = 0; max = 1; _position++; }
                else if (c == '{' && TryBraces(out min, out max)) { }
                else return atom;
                // Lazy (?) and possessive (+) suffixes change how, not what, it matches.
                if (!AtEnd && _text[_position] is '?' or '+') _position++;
                if (atom is RxAnchor or RxLookaround) continue; // a quantified assertion is still an assertion
                var repeat = new RxRepeat(atom, min, max < 0 ? null : max);
                atom.Parent = repeat;
                atom = repeat;
            }
        }

        private bool TryBraces(out int min, out int max)
        {
            min = max = 0;
            var close = _text.IndexOf('}', _position);
            if (close < 0) return false;
            var body = _text.Substring(_position + 1, close - _position - 1);
            var parts = body.Split(',');
            static bool Number(string s, out int n) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n);
            if (parts.Length == 1 && Number(parts[0], out min)) max = min;
            else if (parts.Length == 2 && Number(parts[0], out min) && parts[1].Length == 0) max = -1;
            else if (parts.Length == 2 && Number(parts[0], out min) && Number(parts[1], out max)) { }
            else if (parts.Length == 2 && parts[0].Length == 0 && Number(parts[1], out max)) min = 0;
            else return false; // "{" that is not a quantifier is a literal
            _position = close + 1;
            return true;
        }

        private RxNode? ParseAtom(ref Flags flags)
        {
            var c = _text[_position];
            switch (c)
            {
                case '^':
                    _position++;
                    return new RxAnchor(RxAnchorKind.Start);
                case '$':
                    _position++;
                    return new RxAnchor(RxAnchorKind.End);
                case '.':
                    _position++;
                    return new RxAtom(flags.DotAll ? CharSet.Any : CharSet.AnyButNewline);
                case '[':
                    _position++;
                    return new RxAtom(ParseClass(flags.Caseless));
                case '(':
                    return ParseGroup(ref flags);
                case '\\':
                    return ParseEscape(flags);
                case '*' or '+' or '?':
                    throw new FormatException($"quantifier does not follow a repeatable item at offset {_position}");
                default:
                    _position++;
                    return new RxAtom(CharSet.Literal(c, flags.Caseless));
            }
        }

        /// <summary>PCRE itself refuses patterns nested deeper than its parenthesis limit (250 by default).</summary>
        private const int MaxDepth = 250;
        private int _depth;

        private RxNode? ParseGroup(ref Flags outer)
        {
            var open = _position;
            if (++_depth > MaxDepth) throw new FormatException($"parentheses are too deeply nested at offset {open}");
            _position++;
            var inner = outer;
            int? number = null;
            string? name = null;
            var lookaround = false;
            if (Peek("?"))
            {
                _position++;
                if (Peek("#"))
                {
                    var end = _text.IndexOf(')', _position);
                    if (end < 0) throw new FormatException("unterminated comment");
                    _position = end + 1;
                    return null;
                }
                if (Peek(":") || Peek(">") || Peek("|")) _position++;
                else if (Peek("=") || Peek("!")) { _position++; lookaround = true; }
                else if (Peek("<=") || Peek("<!")) { _position += 2; lookaround = true; }
                else if (Peek("P<") || Peek("<") || Peek("'"))
                {
                    _position += Peek("P<") ? 2 : 1;
                    var close = _text[_position - 1] == '\'' ? '\'' : '>';
                    var end = _text.IndexOf(close, _position);
                    if (end < 0) throw new FormatException("unterminated group name");
                    name = _text.Substring(_position, end - _position);
                    _position = end + 1;
                    number = Groups.Count + 1;
                }
                else if (Peek("P=") || Peek("P>") || Peek("R") || Peek("&") || (!AtEnd && (char.IsDigit(_text[_position]) || _text[_position] is '+' or '-') && RecursionAhead()))
                {
                    // A recursion or a named back reference written as a group: it can match what the pattern can.
                    var end = _text.IndexOf(')', _position);
                    if (end < 0) throw new FormatException("unterminated group");
                    _position = end + 1;
                    return new RxAtom(CharSet.Any);
                }
                else if (Peek("("))
                {
                    // Conditional group (?(cond)yes|no): judged as the alternation yes|no.
                    var end = _text.IndexOf(')', _position);
                    if (end < 0) throw new FormatException("unterminated condition");
                    _position = end + 1;
                }
                else
                {
                    // Option setting: (?i) (?s) (?x) (?-i) (?^) and scoped (?i:...).
                    var on = true;
                    var flags = outer;
                    while (!AtEnd && _text[_position] is not (')' or ':'))
                    {
                        var f = _text[_position++];
                        switch (f)
                        {
                            case '-': on = false; break;
                            case '^': flags.Caseless = flags.DotAll = flags.Extended = false; break;
                            case 'i': flags.Caseless = on; break;
                            case 's': flags.DotAll = on; break;
                            case 'x': flags.Extended = on; break;
                            case 'm' or 'n' or 'U' or 'J' or 'X' or 'u': break;
                            default: throw new FormatException($"unknown option '{f}' at offset {_position - 1}");
                        }
                    }
                    if (AtEnd) throw new FormatException("unterminated option setting");
                    if (_text[_position] == ')')
                    {
                        _position++;
                        outer = flags; // applies to the rest of the enclosing group
                        return null;
                    }
                    _position++;
                    inner = flags;
                }
            }
            else
            {
                number = Groups.Count + 1;
            }

            RxGroup? group = null;
            if (number is not null)
            {
                group = new RxGroup(number, name, open);
                Groups.Add(group);
            }
            var body = ParseAlternation(ref inner);
            if (AtEnd || _text[_position] != ')') throw new FormatException($"missing ) for the group at offset {open}");
            _position++;
            _depth--;
            if (lookaround)
            {
                var look = new RxLookaround(body);
                body.Parent = look;
                return look;
            }
            group ??= new RxGroup(null, null, open);
            group.Body = body;
            group.End = _position;
            body.Parent = group;
            return group;
        }

        private bool RecursionAhead()
        {
            var i = _position;
            if (i < _text.Length && _text[i] is '+' or '-') i++;
            while (i < _text.Length && char.IsDigit(_text[i])) i++;
            return i < _text.Length && _text[i] == ')';
        }

        private RxNode ParseEscape(Flags flags)
        {
            _position++;
            if (AtEnd) throw new FormatException("pattern ends with a backslash");
            var c = _text[_position++];
            switch (c)
            {
                case 'A' or 'G':
                    return new RxAnchor(c == 'A' ? RxAnchorKind.Start : RxAnchorKind.Other);
                case 'z' or 'Z':
                    return new RxAnchor(RxAnchorKind.End);
                case 'b' or 'B' or 'K':
                    return new RxAnchor(RxAnchorKind.Other);
                case 'Q':
                {
                    var end = _text.IndexOf("\\E", _position, StringComparison.Ordinal);
                    var literal = end < 0 ? _text.Substring(_position) : _text.Substring(_position, end - _position);
                    _position = end < 0 ? _text.Length : end + 2;
                    var atoms = literal.Select(ch => (RxNode)new RxAtom(CharSet.Literal(ch, flags.Caseless))).ToList();
                    var sequence = new RxSequence(atoms);
                    foreach (var atom in atoms) atom.Parent = sequence;
                    var group = new RxGroup(null, null, _position) { Body = sequence };
                    sequence.Parent = group;
                    return group;
                }
                case 'E':
                    return new RxAnchor(RxAnchorKind.Other); // a stray \E does nothing
                case 'g' or 'k':
                    return ParseBackReference(c);
                case >= '1' and <= '9':
                {
                    var start = _position - 1;
                    while (!AtEnd && char.IsDigit(_text[_position])) _position++;
                    var reference = new RxBackReference(int.Parse(_text.Substring(start, _position - start), CultureInfo.InvariantCulture), null);
                    _references.Add(reference);
                    return reference;
                }
                case 'R':
                    return new RxAtom(CharSet.Of('\r', '\n', '\v', '\f', '\u0085'));
                case 'X' or 'C':
                    return new RxAtom(CharSet.Any);
                case 'N':
                    return new RxAtom(CharSet.AnyButNewline);
                default:
                    _position -= 2; // back to the backslash
                    return new RxAtom(ReadEscapedSet(flags.Caseless, inClass: false));
            }
        }

        private RxNode ParseBackReference(char kind)
        {
            string body;
            if (!AtEnd && _text[_position] is '{' or '<' or '\'')
            {
                var close = _text[_position] switch { '{' => '}', '<' => '>', _ => '\'' };
                var end = _text.IndexOf(close, _position + 1);
                if (end < 0) throw new FormatException($"unterminated \\{kind} reference");
                body = _text.Substring(_position + 1, end - _position - 1);
                _position = end + 1;
            }
            else
            {
                var start = _position;
                if (!AtEnd && _text[_position] is '-' or '+') _position++;
                while (!AtEnd && char.IsDigit(_text[_position])) _position++;
                body = _text.Substring(start, _position - start);
            }
            RxBackReference reference;
            if (int.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                reference = new RxBackReference(n < 0 ? Groups.Count + 1 + n : n, null);
            else reference = new RxBackReference(null, body);
            _references.Add(reference);
            return reference;
        }

        /// <summary>Reads one escape at <c>\</c> (outside or inside a class) as the set of characters it matches.</summary>
        private CharSet ReadEscapedSet(bool caseless, bool inClass)
        {
            _position++; // the backslash
            if (AtEnd) throw new FormatException("pattern ends with a backslash");
            var c = _text[_position++];
            switch (c)
            {
                case 'd': return CharSet.Class(CharSet.Digit);
                case 'D': return CharSet.Class(ch => !CharSet.Digit(ch));
                case 'w': return CharSet.Class(CharSet.Word);
                case 'W': return CharSet.Class(ch => !CharSet.Word(ch));
                case 's': return CharSet.Class(CharSet.Space);
                case 'S': return CharSet.Class(ch => !CharSet.Space(ch));
                case 'h': return CharSet.Class(CharSet.HorizontalSpace);
                case 'H': return CharSet.Class(ch => !CharSet.HorizontalSpace(ch));
                case 'v': return CharSet.Class(CharSet.VerticalSpace);
                case 'V': return CharSet.Class(ch => !CharSet.VerticalSpace(ch));
                case 'p' or 'P':
                    // Unicode properties: not analysed; assume they can match anything.
                    if (!AtEnd && _text[_position] == '{')
                    {
                        var end = _text.IndexOf('}', _position);
                        if (end < 0) throw new FormatException("unterminated \\p{");
                        _position = end + 1;
                    }
                    else if (!AtEnd) _position++;
                    return CharSet.Any;
                case 't': return CharSet.Literal('\t', false);
                case 'n': return CharSet.Literal('\n', false);
                case 'r': return CharSet.Literal('\r', false);
                case 'f': return CharSet.Literal('\f', false);
                case 'e': return CharSet.Literal('\u001b', false);
                case 'a': return CharSet.Literal('\a', false);
                case 'b' when inClass: return CharSet.Literal('\b', false);
                case 'c':
                    if (AtEnd) throw new FormatException("\\c at the end of the pattern");
                    return CharSet.Literal((char)(char.ToUpperInvariant(_text[_position++]) ^ 0x40), false);
                case 'x':
                {
                    string digits;
                    if (!AtEnd && _text[_position] == '{')
                    {
                        var end = _text.IndexOf('}', _position);
                        if (end < 0) throw new FormatException("unterminated \\x{");
                        digits = _text.Substring(_position + 1, end - _position - 1);
                        _position = end + 1;
                    }
                    else
                    {
                        var start = _position;
                        while (!AtEnd && _position - start < 2 && Uri.IsHexDigit(_text[_position])) _position++;
                        digits = _text.Substring(start, _position - start);
                    }
                    var code = digits.Length == 0 ? 0 : int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return CharSet.Literal((char)Math.Min(code, 0xFFFF), caseless);
                }
                case 'o' when !AtEnd && _text[_position] == '{':
                {
                    var end = _text.IndexOf('}', _position);
                    if (end < 0) throw new FormatException("unterminated \\o{");
                    var code = Convert.ToInt32(_text.Substring(_position + 1, end - _position - 1), 8);
                    _position = end + 1;
                    return CharSet.Literal((char)code, caseless);
                }
                case >= '0' and <= '7' when c == '0' || inClass:
                {
                    var start = _position - 1;
                    while (!AtEnd && _position - start < 3 && _text[_position] is >= '0' and <= '7') _position++;
                    return CharSet.Literal((char)Convert.ToInt32(_text.Substring(start, _position - start), 8), caseless);
                }
                default:
                    return CharSet.Literal(c, caseless);
            }
        }

        private CharSet ParseClass(bool caseless)
        {
            var set = new CharSet { IgnoreCase = caseless };
            if (!AtEnd && _text[_position] == '^') { set.Negated = true; _position++; }
            var first = true;
            while (true)
            {
                if (AtEnd) throw new FormatException("missing terminating ] for character class");
                var c = _text[_position];
                if (c == ']' && !first) { _position++; break; }
                first = false;
                if (c == '[' && Peek("[:"))
                {
                    var end = _text.IndexOf(":]", _position + 2, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        var name = _text.Substring(_position + 2, end - _position - 2);
                        var negate = name.StartsWith("^", StringComparison.Ordinal);
                        var posix = CharSet.Posix(negate ? name.Substring(1) : name) ?? throw new FormatException($"unknown POSIX class {name}");
                        set.Classes.Add(negate ? ch => !posix(ch) : posix);
                        _position = end + 2;
                        continue;
                    }
                }
                // One member: a character or an escape, perhaps the start of a range.
                char? low;
                if (c == '\\')
                {
                    var escaped = ReadEscapedSet(caseless, inClass: true);
                    if (escaped.SingleChar is { } single) low = single;
                    else { set.Classes.Add(escaped.Matches); continue; }
                }
                else
                {
                    low = c;
                    _position++;
                }
                if (Peek("-") && _position + 1 < _text.Length && _text[_position + 1] != ']')
                {
                    var save = _position;
                    _position++;
                    char high;
                    if (_text[_position] == '\\')
                    {
                        var escaped = ReadEscapedSet(caseless, inClass: true);
                        if (escaped.SingleChar is not { } h)
                        {
                            // [a-\d]: the '-' is literal.
                            set.Add(low.Value, low.Value);
                            set.Add('-', '-');
                            set.Classes.Add(escaped.Matches);
                            continue;
                        }
                        high = h;
                    }
                    else if (Peek("[:"))
                    {
                        _position = save;
                        set.Add(low.Value, low.Value);
                        continue;
                    }
                    else high = _text[_position++];
                    if (high < low) throw new FormatException("range out of order in character class");
                    set.Add(low.Value, high);
                    continue;
                }
                set.Add(low.Value, low.Value);
            }
            return set;
        }
    }
}

public enum RxAnchorKind
{
    /// <summary><c>^</c> or <c>\A</c>.</summary>
    Start,
    /// <summary><c>$</c>, <c>\z</c> or <c>\Z</c>.</summary>
    End,
    /// <summary>Another zero-width assertion: <c>\b</c>, <c>\B</c>, <c>\G</c>, <c>\K</c>.</summary>
    Other,
}

/// <summary>A node of a pattern's syntax tree.</summary>
public abstract class RxNode
{
    /// <summary>The enclosing node (null for the whole pattern).</summary>
    public RxNode? Parent { get; internal set; }
}

/// <summary>One character from a set: a literal, <c>.</c>, a class <c>[...]</c> or an escape such as <c>\d</c>.</summary>
public sealed class RxAtom : RxNode
{
    public RxAtom(CharSet set) => Set = set;
    public CharSet Set { get; }
    /// <summary>Matches exactly one character (ignoring case): fixed text such as <c>a</c>, <c>\.</c> or <c>[.]</c>.</summary>
    public bool IsLiteral => Set.SingleChar is not null;
    /// <summary>Whether every character it can match is one of <paramref name="chars"/>.</summary>
    public bool OnlyMatches(params char[] chars) => Set.OnlyMatches(chars);
    public char Sample()
    {
        if (Set.SingleChar is { } single) return single;
        foreach (var c in "xa0-_") if (Set.Matches(c)) return c;
        return '?';
    }
}

public sealed class RxSequence : RxNode
{
    public RxSequence(List<RxNode> items) => Items = items;
    public List<RxNode> Items { get; }
}

public sealed class RxAlternation : RxNode
{
    public RxAlternation(List<RxNode> branches) => Branches = branches;
    public List<RxNode> Branches { get; }
}

/// <summary>A parenthesised group; <see cref="Number"/> is set for a capturing one.</summary>
public sealed class RxGroup : RxNode
{
    public RxGroup(int? number, string? name, int offset)
    {
        Number = number;
        Name = name;
        Offset = offset;
    }

    public int? Number { get; }
    public string? Name { get; }
    /// <summary>Where the group opens in the pattern.</summary>
    public int Offset { get; }
    /// <summary>Just after the group's closing parenthesis.</summary>
    public int End { get; internal set; }
    public RxNode Body { get; internal set; } = new RxSequence(new List<RxNode>());
    public bool IsCapturing => Number is not null;
}

public sealed class RxRepeat : RxNode
{
    public RxRepeat(RxNode body, int min, int? max)
    {
        Body = body;
        Min = min;
        Max = max;
    }

    public RxNode Body { get; }
    public int Min { get; }
    /// <summary>null: unbounded.</summary>
    public int? Max { get; }
}

public sealed class RxAnchor : RxNode
{
    public RxAnchor(RxAnchorKind kind) => Kind = kind;
    public RxAnchorKind Kind { get; }
}

/// <summary><c>(?=…)</c>, <c>(?!…)</c>, <c>(?&lt;=…)</c>, <c>(?&lt;!…)</c>: zero-width, consumes nothing.</summary>
public sealed class RxLookaround : RxNode
{
    public RxLookaround(RxNode body) => Body = body;
    public RxNode Body { get; }
}

/// <summary><c>\1</c>, <c>\g{name}</c>, <c>\k&lt;name&gt;</c>: matches what the group matched.</summary>
public sealed class RxBackReference : RxNode
{
    public RxBackReference(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    public int? Number { get; }
    public string? Name { get; }
    public RxGroup? Target { get; internal set; }
}

/// <summary>What can come right before a node: see <see cref="NginxRegex.Preceding"/>.</summary>
public sealed record RxPreceding(IReadOnlyList<RxAtom> Atoms, bool SubjectStart, bool MatchStart)
{
    /// <summary>Whatever precedes is <paramref name="c"/>, or the start of the subject (never an arbitrary character).</summary>
    public bool Always(char c) => !MatchStart && Atoms.All(a => a.OnlyMatches(c));
}

/// <summary>A set of characters as PCRE reads a class, without UTF/UCP: ranges, class escapes, POSIX classes,
/// negation and case folding (ASCII).</summary>
public sealed class CharSet
{
    private readonly List<(char Low, char High)> _ranges = new();

    public List<Func<char, bool>> Classes { get; } = new();
    public bool Negated { get; set; }
    public bool IgnoreCase { get; set; }

    /// <summary>Every character (<c>.</c> with <c>(?s)</c>, <c>\C</c>).</summary>
    public static CharSet Any => new() { Negated = true };
    /// <summary><c>.</c> without DOTALL: every character but the line feed (a carriage return matches).</summary>
    public static CharSet AnyButNewline => new CharSet { Negated = true }.With('\n', '\n');

    public static CharSet Literal(char c, bool ignoreCase) => new CharSet { IgnoreCase = ignoreCase }.With(c, c);
    public static CharSet Of(params char[] chars)
    {
        var set = new CharSet();
        foreach (var c in chars) set.Add(c, c);
        return set;
    }
    public static CharSet Class(Func<char, bool> predicate)
    {
        var set = new CharSet();
        set.Classes.Add(predicate);
        return set;
    }

    public void Add(char low, char high) => _ranges.Add((low, high));
    private CharSet With(char low, char high)
    {
        Add(low, high);
        return this;
    }

    public bool Matches(char c)
    {
        var inside = Contains(c) || (IgnoreCase && c < 128 && char.IsLetter(c) && Contains((char)(c ^ 0x20)));
        return inside != Negated;
    }

    private bool Contains(char c) => _ranges.Any(r => c >= r.Low && c <= r.High) || Classes.Any(p => p(c));

    /// <summary>The one character the set matches (ignoring case), or null.</summary>
    public char? SingleChar
    {
        get
        {
            if (Negated || Classes.Count > 0 || _ranges.Count == 0) return null;
            var first = _ranges[0];
            if (first.Low != first.High) return null;
            var c = first.Low;
            return _ranges.All(r => r.Low == r.High && (r.Low == c || char.ToLowerInvariant(r.Low) == char.ToLowerInvariant(c))) ? c : null;
        }
    }

    /// <summary>Every character the set can match is one of <paramref name="chars"/> (tested over Latin-1 and a few
    /// characters beyond it: enough for the ASCII questions the rules ask).</summary>
    public bool OnlyMatches(params char[] chars)
    {
        for (var c = 0; c < 0x300; c++)
            if (Matches((char)c) && Array.IndexOf(chars, (char)c) < 0) return false;
        foreach (var c in "\u2028\u4e00\uffff")
            if (Matches(c) && Array.IndexOf(chars, c) < 0) return false;
        return true;
    }

    public static bool Digit(char c) => c is >= '0' and <= '9';
    public static bool Word(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
    /// <summary><c>\s</c>: space, \t, \n, \v, \f, \r (PCRE2 and PCRE ≥ 8.34 include \v).</summary>
    public static bool Space(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
    public static bool HorizontalSpace(char c) => c is ' ' or '\t' or '\u00a0';
    public static bool VerticalSpace(char c) => c is '\n' or '\v' or '\f' or '\r' or '\u0085' or '\u2028' or '\u2029';

    public static Func<char, bool>? Posix(string name) => name switch
    {
        "alnum" => c => c < 128 && char.IsLetterOrDigit(c),
        "alpha" => c => c < 128 && char.IsLetter(c),
        "ascii" => c => c < 128,
        "blank" => c => c is ' ' or '\t',
        "cntrl" => c => c < 32 || c == 127,
        "digit" => Digit,
        "graph" => c => c is > ' ' and < (char)127,
        "lower" => c => c is >= 'a' and <= 'z',
        "print" => c => c is >= ' ' and < (char)127,
        "punct" => c => c is > ' ' and < (char)127 && !char.IsLetterOrDigit(c),
        "space" => Space,
        "upper" => c => c is >= 'A' and <= 'Z',
        "word" => Word,
        "xdigit" => Uri.IsHexDigit,
        _ => null,
    };

    public override string ToString()
    {
        var sb = new StringBuilder(Negated ? "[^" : "[");
        foreach (var (low, high) in _ranges) sb.Append(low == high ? $"{low}" : $"{low}-{high}");
        if (Classes.Count > 0) sb.Append("…");
        return sb.Append(']').ToString();
    }
}
