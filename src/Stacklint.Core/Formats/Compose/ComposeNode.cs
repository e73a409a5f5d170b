using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Compose;

/// <summary>Where a value was written: a file and a span of its text. A merged project keeps the origin of every value,
/// so a rule reports at the line that set it (the override file's line, the anchor's line, the extended file's line).</summary>
public sealed class ComposeOrigin
{
    public ComposeOrigin(SourceFile file, TextSpan span)
    {
        File = file;
        Span = span;
    }

    public SourceFile File { get; }
    public TextSpan Span { get; }
    public Location Location => File.Location(Span);
    /// <summary>1-based line.</summary>
    public int Line => File.Text.Lines.GetLineFromPosition(Span.Start).LineNumber + 1;
    /// <summary>"path:line", for messages that point at this place.</summary>
    public string Describe() => File.Describe(Span);
    public override string ToString() => Describe();
}

/// <summary>A YAML value of a compose file after anchors, aliases and <c>&lt;&lt;</c> merge keys are resolved (and, in a
/// loaded project, after interpolation and merging). Nodes are immutable; a merged tree shares nodes with the files.</summary>
public abstract class ComposeNode
{
    protected ComposeNode(ComposeOrigin origin, string? tag)
    {
        Origin = origin;
        Tag = tag;
    }

    /// <summary>Where the value is written (for an alias: where the anchored value is written).</summary>
    public ComposeOrigin Origin { get; }
    /// <summary>The node's explicit tag (<c>!reset</c>, <c>!override</c>, <c>!!str</c>), or null.</summary>
    public string? Tag { get; }

    /// <summary>The text of a scalar (null for a null scalar, a mapping or a sequence).</summary>
    public virtual string? Text => null;

    public ComposeMapping? AsMapping => this as ComposeMapping;
    public ComposeSequence? AsSequence => this as ComposeSequence;
    public ComposeScalar? AsScalar => this as ComposeScalar;

    /// <summary>The node with another tag (used when a merge consumes <c>!override</c>).</summary>
    internal abstract ComposeNode WithTag(string? tag);

    /// <summary>A short human-readable kind for messages: "a mapping", "a sequence", "a string".</summary>
    public abstract string Describe();
}

/// <summary>How a scalar was written.</summary>
public enum ComposeScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

/// <summary>A scalar. <see cref="Raw"/> is the YAML value as written (escapes resolved); <see cref="Text"/> is the value
/// Compose uses, after interpolation; <see cref="Interpolation"/> says how each <c>${…}</c> was resolved.</summary>
public sealed class ComposeScalar : ComposeNode
{
    public ComposeScalar(ComposeOrigin origin, string raw, ComposeScalarStyle style, string? tag,
        ComposeInterpolation? interpolation = null)
        : base(origin, tag)
    {
        Raw = raw;
        Style = style;
        Interpolation = interpolation;
    }

    /// <summary>The scalar as written in YAML, before interpolation.</summary>
    public string Raw { get; }
    public ComposeScalarStyle Style { get; }
    /// <summary>How interpolation resolved the scalar; null when it holds no <c>$</c> (or was not interpolated).</summary>
    public ComposeInterpolation? Interpolation { get; }
    /// <summary>YAML null: <c>~</c>, <c>null</c> or nothing, unquoted and untagged.</summary>
    public bool IsNull => Style == ComposeScalarStyle.Plain && Tag is null && Raw is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The value after interpolation; null for a YAML null.</summary>
    public override string? Text => IsNull ? null : Interpolation?.Value ?? Raw;

    /// <summary>True when the value is written out in full: no variable substitution contributed to it.</summary>
    public bool IsLiteral => Interpolation is null || Interpolation.Substitutions.Count == 0;

    /// <summary>A YAML boolean as Compose reads one (after interpolation: <c>true</c>/<c>false</c>, any case), or null.</summary>
    public bool? AsBoolean() => Text?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>An integer (after interpolation), or null.</summary>
    public long? AsInteger() =>
        long.TryParse(Text?.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The place of <paramref name="length"/> characters at <paramref name="offset"/> of <see cref="Raw"/> in the file,
    /// when the scalar is written there verbatim (one line, no escapes); else the whole scalar.</summary>
    public ComposeOrigin OriginAt(int offset, int length)
    {
        var quote = Style is ComposeScalarStyle.SingleQuoted or ComposeScalarStyle.DoubleQuoted ? 1 : 0;
        var start = Origin.Span.Start + quote;
        var text = Origin.File.Text;
        if (offset < 0 || length < 0 || offset + length > Raw.Length || start + Raw.Length > text.Length
            || text.ToString(new TextSpan(start, Raw.Length)) != Raw)
            return Origin;
        return new ComposeOrigin(Origin.File, new TextSpan(start + offset, length));
    }

    internal ComposeScalar WithInterpolation(ComposeInterpolation interpolation) => new(Origin, Raw, Style, Tag, interpolation);
    internal override ComposeNode WithTag(string? tag) => new ComposeScalar(Origin, Raw, Style, tag, Interpolation);
    public override string Describe() => IsNull ? "null" : "a scalar";
    public override string ToString() => Text ?? "null";
}

/// <summary>One <c>key: value</c> of a mapping. The key keeps its own origin: a rule about a setting reports at its key.</summary>
public sealed class ComposeEntry
{
    public ComposeEntry(ComposeScalar key, ComposeNode value)
    {
        Key = key;
        Value = value;
    }

    public ComposeScalar Key { get; }
    public string Name => Key.Raw;
    public ComposeNode Value { get; }
    /// <summary>From the key to the end of the value when both are in one file (else the key).</summary>
    public ComposeOrigin Origin => Key.Origin.File == Value.Origin.File && Value.Origin.Span.End > Key.Origin.Span.Start
        ? new ComposeOrigin(Key.Origin.File, TextSpan.FromBounds(Key.Origin.Span.Start, Value.Origin.Span.End))
        : Key.Origin;

    internal ComposeEntry WithValue(ComposeNode value) => new(Key, value);
    public override string ToString() => $"{Name}: {Value}";
}

/// <summary>A mapping, in document order. Keys are unique (a duplicate key is a parse error, as in Compose).</summary>
public sealed class ComposeMapping : ComposeNode
{
    private readonly Dictionary<string, int> _index;

    public ComposeMapping(ComposeOrigin origin, IEnumerable<ComposeEntry> entries, string? tag = null) : base(origin, tag)
    {
        Entries = entries.ToList();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Entries.Count; i++) _index[Entries[i].Name] = i;
    }

    public IReadOnlyList<ComposeEntry> Entries { get; }
    public IEnumerable<string> Keys => Entries.Select(e => e.Name);
    public bool Contains(string key) => _index.ContainsKey(key);
    public ComposeEntry? Entry(string key) => _index.TryGetValue(key, out var i) ? Entries[i] : null;
    public ComposeNode? this[string key] => Entry(key)?.Value;

    /// <summary>The node at a path of keys (<c>"deploy", "resources", "limits"</c>), or null when any step is missing.</summary>
    public ComposeNode? At(params string[] path)
    {
        ComposeNode? node = this;
        foreach (var key in path) node = (node as ComposeMapping)?[key];
        return node;
    }

    internal override ComposeNode WithTag(string? tag) => new ComposeMapping(Origin, Entries, tag);
    public override string Describe() => "a mapping";
}

/// <summary>A sequence, in document order.</summary>
public sealed class ComposeSequence : ComposeNode
{
    public ComposeSequence(ComposeOrigin origin, IEnumerable<ComposeNode> items, string? tag = null) : base(origin, tag) =>
        Items = items.ToList();

    public IReadOnlyList<ComposeNode> Items { get; }

    internal override ComposeNode WithTag(string? tag) => new ComposeSequence(Origin, Items, tag);
    public override string Describe() => "a sequence";
}
