using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Nginx;

/// <summary>One word of a directive, as nginx's <c>ngx_conf_read_token</c> reads it.</summary>
public sealed class NginxArgument
{
    public NginxArgument(string value, string raw, bool quoted, TextSpan span)
    {
        Value = value;
        Raw = raw;
        Quoted = quoted;
        Span = span;
    }

    /// <summary>What nginx hands to the directive: quotes removed, <c>\"</c> <c>\'</c> <c>\\</c> <c>\t</c> <c>\r</c>
    /// <c>\n</c> unescaped (in quoted and unquoted words alike), any other backslash kept.</summary>
    public string Value { get; }
    /// <summary>The text as written, quotes included.</summary>
    public string Raw { get; }
    /// <summary>Written in single or double quotes (then it may hold blanks, <c>;</c>, <c>{</c>, <c>}</c> and <c>#</c>).</summary>
    public bool Quoted { get; }
    /// <summary>The raw text in the file, quotes included.</summary>
    public TextSpan Span { get; }

    /// <summary>The variables the value refers to, in order (see <see cref="NginxVariable.Scan"/>).</summary>
    public IReadOnlyList<NginxVariable> Variables => _variables ??= NginxVariable.Scan(Value);
    private IReadOnlyList<NginxVariable>? _variables;

    public bool Is(string value) => string.Equals(Value, value, StringComparison.Ordinal);

    public override string ToString() => Raw;
}

/// <summary>A <c>$name</c>, <c>${name}</c> or regex capture <c>$1</c>..<c>$9</c> inside an argument value, found the
/// way nginx's script compiler (<c>ngx_http_script_compile</c>) finds them. Whether a directive compiles its argument
/// as a script at all (a <c>location</c> regex does not: its <c>$</c> is an anchor) is for the caller to know.</summary>
public sealed class NginxVariable
{
    private NginxVariable(string name, int start, int length, int? capture)
    {
        Name = name;
        Start = start;
        Length = length;
        Capture = capture;
    }

    /// <summary>The name as written, without <c>$</c> and braces ("http_host", "1").</summary>
    public string Name { get; }
    /// <summary>The name lower-cased: nginx variable names are case-insensitive (<c>$HTTP_HOST</c> is <c>$http_host</c>).</summary>
    public string Key => Name.ToLowerInvariant();
    /// <summary>1..9 for a regex capture, otherwise null. Only one digit counts: <c>$10</c> is <c>$1</c> then "0".</summary>
    public int? Capture { get; }
    /// <summary>Where the reference (from <c>$</c> to the name's end or <c>}</c>) sits in <see cref="NginxArgument.Value"/>.</summary>
    public int Start { get; }
    public int Length { get; }

    public bool Is(string name) => string.Equals(Name, name.TrimStart('$'), StringComparison.OrdinalIgnoreCase);

    public override string ToString() => "$" + Name;

    /// <summary>Every variable reference in <paramref name="value"/>: <c>$</c> then a capture digit 1-9, or a name of
    /// ASCII letters, digits and <c>_</c>, or <c>{</c>name<c>}</c>. A <c>$</c> followed by nothing usable, or a
    /// <c>${</c> never closed, is not a reference (nginx rejects such a script; the lister just skips it).</summary>
    public static IReadOnlyList<NginxVariable> Scan(string value)
    {
        var found = new List<NginxVariable>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length) continue;
            var start = i;
            var next = value[i + 1];
            if (next >= '1' && next <= '9')
            {
                found.Add(new NginxVariable(next.ToString(), start, 2, next - '0'));
                i++;
                continue;
            }
            var bracket = next == '{';
            var nameStart = bracket ? i + 2 : i + 1;
            var end = nameStart;
            while (end < value.Length && IsNameChar(value[end])) end++;
            if (bracket && (end >= value.Length || value[end] != '}')) continue;
            if (end == nameStart) continue;
            var length = end - start + (bracket ? 1 : 0);
            found.Add(new NginxVariable(value.Substring(nameStart, end - nameStart), start, length, null));
            i = start + length - 1;
        }
        return found;
    }

    private static bool IsNameChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
}

/// <summary>One directive of a file as written: <c>name arg ...;</c>, or <c>name arg ... { ... }</c> with its block.
/// Includes are not followed here (see <c>NginxConfig</c> for the resolved tree).</summary>
public sealed class NginxDirective
{
    public NginxDirective(SourceFile file, NginxArgument name, IReadOnlyList<NginxArgument> arguments,
        IReadOnlyList<NginxDirective>? block, TextSpan span, string? opaqueBody = null, TextSpan? opaqueBodySpan = null)
    {
        File = file;
        NameArgument = name;
        Arguments = arguments;
        Block = block;
        Span = span;
        OpaqueBody = opaqueBody;
        OpaqueBodySpan = opaqueBodySpan;
    }

    public SourceFile File { get; }
    /// <summary>The directive name as nginx compares it: exactly, case-sensitively (<c>Server</c> is not <c>server</c>).</summary>
    public string Name => NameArgument.Value;
    public TextSpan NameSpan => NameArgument.Span;
    /// <summary>The first word (a directive name may be quoted, like any word).</summary>
    public NginxArgument NameArgument { get; }
    /// <summary>The words after the name.</summary>
    public IReadOnlyList<NginxArgument> Arguments { get; }
    /// <summary>The directives inside <c>{ }</c>; null for a directive ended by <c>;</c>. Empty for an empty block and
    /// for an opaque (<c>*_by_lua_block</c>) block.</summary>
    public IReadOnlyList<NginxDirective>? Block { get; }
    public bool HasBlock => Block is not null;
    /// <summary>The body of a <c>*_by_lua_block { ... }</c>, between the braces, as written: Lua, not nginx syntax.</summary>
    public string? OpaqueBody { get; }
    public TextSpan? OpaqueBodySpan { get; }
    /// <summary>From the name to the terminating <c>;</c>, or to the block's closing <c>}</c> (when the block is
    /// unterminated, to the end of the file; when the <c>;</c> is missing, to the last argument).</summary>
    public TextSpan Span { get; }
    /// <summary>The name and arguments, without the block: where findings about this directive point.</summary>
    public TextSpan HeadSpan => TextSpan.FromBounds(NameSpan.Start, Arguments.Count > 0 ? Arguments[Arguments.Count - 1].Span.End : NameSpan.End);
    /// <summary>The head's location (<see cref="HeadSpan"/>), so that a finding about a <c>server</c> block marks its
    /// first line rather than the whole block.</summary>
    public Location Location => File.Location(HeadSpan);
    /// <summary>1-based line of the name.</summary>
    public int Line => File.Text.Lines.GetLineFromPosition(NameSpan.Start).LineNumber + 1;
    /// <summary>"path:line" for messages.</summary>
    public string Where => File.Describe(NameSpan);

    public bool Is(string name) => string.Equals(Name, name, StringComparison.Ordinal);
    /// <summary>The value of argument <paramref name="index"/> (0 = the first after the name), or null.</summary>
    public string? Arg(int index) => index >= 0 && index < Arguments.Count ? Arguments[index].Value : null;
    public IReadOnlyList<string> Values => Arguments.Select(a => a.Value).ToList();

    public override string ToString() =>
        $"{Where}: {Name}{string.Concat(Arguments.Select(a => " " + a.Raw))}{(HasBlock ? " { ... }" : ";")}";
}

/// <summary>A syntax error at the place nginx reports it (nginx prints only the line); it becomes LNT001.</summary>
public sealed record NginxParseError(string Message, TextSpan Span);

/// <summary>One nginx configuration file as written, before includes are followed.</summary>
public sealed class NginxDocument
{
    public NginxDocument(SourceFile file, IReadOnlyList<NginxDirective> directives, IReadOnlyList<NginxParseError> errors)
    {
        File = file;
        Directives = directives;
        Errors = errors;
    }

    public SourceFile File { get; }
    /// <summary>The top-level directives, in file order.</summary>
    public IReadOnlyList<NginxDirective> Directives { get; }
    /// <summary>Syntax errors in reading order. The first is the one <c>nginx -t</c> reports (nginx stops there); the
    /// rest come from reading on after recovering.</summary>
    public IReadOnlyList<NginxParseError> Errors { get; }

    /// <summary>Every directive of the file, depth first in file order.</summary>
    public IEnumerable<NginxDirective> AllDirectives() => Flatten(Directives);

    private static IEnumerable<NginxDirective> Flatten(IEnumerable<NginxDirective> directives)
    {
        foreach (var directive in directives)
        {
            yield return directive;
            if (directive.Block is { } block)
                foreach (var inner in Flatten(block))
                    yield return inner;
        }
    }
}
