using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Nginx;

public enum NginxLocationKind
{
    /// <summary><c>location /path</c>: the longest matching prefix wins, unless a regex location matches.</summary>
    Prefix,
    /// <summary><c>location ^~ /path</c>: a prefix that, when it is the longest, stops the regex search.</summary>
    PrefixNoRegex,
    /// <summary><c>location = /path</c>: exactly one URI.</summary>
    Exact,
    /// <summary><c>location ~ re</c> or <c>~* re</c>.</summary>
    Regex,
    /// <summary><c>location @name</c>: reached only by internal redirects (try_files, error_page).</summary>
    Named,
}

/// <summary>What a <c>location</c> matches, read as <c>ngx_http_core_location</c> reads its arguments (the modifier may be
/// a word of its own or glued to the path: <c>location =/x</c>, <c>location ~^/x</c>).</summary>
public sealed class NginxLocationPattern
{
    private NginxRegex? _regex;

    private NginxLocationPattern(NginxLocationKind kind, string path, bool caseless)
    {
        Kind = kind;
        Path = path;
        Caseless = caseless;
    }

    public NginxLocationKind Kind { get; }
    /// <summary>The prefix, the exact URI, the regex or the name (without its modifier).</summary>
    public string Path { get; }
    /// <summary><c>~*</c>.</summary>
    public bool Caseless { get; }
    public bool IsRegex => Kind == NginxLocationKind.Regex;
    public bool IsPrefix => Kind is NginxLocationKind.Prefix or NginxLocationKind.PrefixNoRegex;
    public NginxRegex? Regex => IsRegex ? _regex ??= NginxRegex.Parse(Path, Caseless) : null;

    /// <summary>The pattern of a <c>location</c> block, or null for something else (or a location without arguments).</summary>
    public static NginxLocationPattern? Of(NginxNode location)
    {
        if (!location.Is("location") || location.Arguments.Count == 0) return null;
        var first = location.Arguments[0].Value;
        if (location.Arguments.Count >= 2)
        {
            var path = location.Arguments[1].Value;
            return first switch
            {
                "=" => new(NginxLocationKind.Exact, path, false),
                "^~" => new(NginxLocationKind.PrefixNoRegex, path, false),
                "~" => new(NginxLocationKind.Regex, path, false),
                "~*" => new(NginxLocationKind.Regex, path, true),
                _ => new(NginxLocationKind.Prefix, first, false),
            };
        }
        if (first.StartsWith("=", StringComparison.Ordinal)) return new(NginxLocationKind.Exact, first.Substring(1), false);
        if (first.StartsWith("^~", StringComparison.Ordinal)) return new(NginxLocationKind.PrefixNoRegex, first.Substring(2), false);
        if (first.StartsWith("~*", StringComparison.Ordinal)) return new(NginxLocationKind.Regex, first.Substring(2), true);
        if (first.StartsWith("~", StringComparison.Ordinal)) return new(NginxLocationKind.Regex, first.Substring(1), false);
        if (first.StartsWith("@", StringComparison.Ordinal)) return new(NginxLocationKind.Named, first, false);
        return new(NginxLocationKind.Prefix, first, false);
    }

    public override string ToString() => Kind switch
    {
        NginxLocationKind.Exact => "= " + Path,
        NginxLocationKind.PrefixNoRegex => "^~ " + Path,
        NginxLocationKind.Regex => (Caseless ? "~* " : "~ ") + Path,
        _ => Path,
    };
}

/// <summary>
/// The condition of an <c>if (…)</c>, as <c>ngx_http_rewrite_if_condition</c> splits it: the parentheses are stripped
/// from the first and last words (or are words of their own), then a variable alone, <c>$v op value</c> with
/// <c>= != ~ ~* !~ !~*</c>, or a file test (<c>-f</c>, <c>!-e</c> …).
/// </summary>
public sealed class NginxCondition
{
    private NginxRegex? _regex;

    private NginxCondition(string left, string? op, string? right)
    {
        Left = left;
        Operator = op;
        Right = right;
    }

    /// <summary>The tested value (a variable, or for a file test the path): <c>$http_origin</c>.</summary>
    public string Left { get; }
    /// <summary><c>=</c>, <c>!=</c>, <c>~</c>, <c>~*</c>, <c>!~</c>, <c>!~*</c>, a file test, or null for a variable alone.</summary>
    public string? Operator { get; }
    /// <summary>The compared value or the regex.</summary>
    public string? Right { get; }

    /// <summary><c>~ ~* !~ !~*</c>.</summary>
    public bool IsRegexTest => Operator is "~" or "~*" or "!~" or "!~*";
    /// <summary><c>~</c> or <c>~*</c>: the block runs when the regex matched, so its captures are set inside it.</summary>
    public bool SetsCaptures => Operator is "~" or "~*";
    public bool Caseless => Operator is "~*" or "!~*";
    public NginxRegex? Regex => IsRegexTest && Right is not null ? _regex ??= NginxRegex.Parse(Right, Caseless) : null;
    /// <summary>The variables of the tested value.</summary>
    public IReadOnlyList<NginxVariable> LeftVariables => NginxVariable.Scan(Left);

    public static NginxCondition? Of(NginxNode node)
    {
        if (!node.Is("if") || node.Arguments.Count == 0) return null;
        var words = node.Arguments.Select(a => a.Value).ToList();
        if (words[0] == "(") words.RemoveAt(0);
        else if (words[0].StartsWith("(", StringComparison.Ordinal)) words[0] = words[0].Substring(1);
        else return null;
        if (words.Count == 0) return null;
        var last = words.Count - 1;
        if (words[last] == ")") words.RemoveAt(last);
        else if (words[last].EndsWith(")", StringComparison.Ordinal)) words[last] = words[last].Substring(0, words[last].Length - 1);
        else return null;
        return words.Count switch
        {
            0 => null,
            1 => new NginxCondition(words[0], null, null),
            2 => new NginxCondition(words[1], words[0], null), // -f $path, !-d $path
            _ => new NginxCondition(words[0], words[1], words[2]),
        };
    }

    public override string ToString() => Operator is null ? Left : Right is null ? $"{Operator} {Left}" : $"{Left} {Operator} {Right}";
}

/// <summary>An entry of a <c>map</c> block: <c>key value;</c>, with <c>~re</c> / <c>~*re</c> keys read as regexes.</summary>
public sealed class NginxMapEntry
{
    private NginxRegex? _regex;

    private NginxMapEntry(NginxNode node) => Node = node;

    public NginxNode Node { get; }
    public string Key => Node.Name;
    public NginxArgument? Value => Node.Arguments.Count > 0 ? Node.Arguments[0] : null;
    public bool IsDefault => Key == "default";
    public bool IsRegex => Key.StartsWith("~", StringComparison.Ordinal);
    public bool Caseless => Key.StartsWith("~*", StringComparison.Ordinal);
    public string? Pattern => IsRegex ? Key.Substring(Caseless ? 2 : 1) : null;
    public NginxRegex? Regex => Pattern is { } pattern ? _regex ??= NginxRegex.Parse(pattern, Caseless) : null;

    /// <summary>The value entries of a <c>map</c> (leaving out <c>hostnames</c>, <c>volatile</c> and other parameters).</summary>
    public static IEnumerable<NginxMapEntry> Of(NginxNode map) =>
        (map.Block ?? Array.Empty<NginxNode>()).Where(e => e.Arguments.Count == 1).Select(e => new NginxMapEntry(e));

    /// <summary>The entry an entry node is (for a node inside a map block).</summary>
    public static NginxMapEntry? For(NginxNode node) =>
        node.Parent is { } parent && parent.Is("map") && node.Arguments.Count == 1 ? new NginxMapEntry(node) : null;
}
