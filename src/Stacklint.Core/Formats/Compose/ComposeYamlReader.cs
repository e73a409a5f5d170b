using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Stacklint.Formats.Compose;

/// <summary>A problem in a compose file, at its place: a YAML syntax error, a limit hit, a value Compose refuses
/// (LNT001), or a file it names that cannot be read: missing, outside the scan root, remote (LNT002).</summary>
public sealed record ComposeError(ComposeOrigin Origin, string Message, bool IsMissingReference = false);

/// <summary>One compose file read as YAML: its documents' roots with anchors, aliases and merge keys resolved, and the
/// errors met (a file with errors still gives what could be read).</summary>
public sealed class ComposeYamlDocument
{
    public ComposeYamlDocument(SourceFile file, IReadOnlyList<ComposeNode> roots, IReadOnlyList<ComposeError> errors)
    {
        File = file;
        Roots = roots;
        Errors = errors;
    }

    public SourceFile File { get; }
    /// <summary>The root of each YAML document in the file (Compose merges several documents in order).</summary>
    public IReadOnlyList<ComposeNode> Roots { get; }
    public IReadOnlyList<ComposeError> Errors { get; }
}

/// <summary>
/// Reads a compose file with YamlDotNet's representation model, positions from the node marks, and resolves what YAML
/// leaves to the reader: aliases are expanded (each use becomes its own copy, keeping the anchor's origin) and
/// <c>&lt;&lt;</c> merge keys are applied (keys written in the mapping win; among merged mappings the first wins).
/// Hostile input is bounded, never an out-of-memory or a hang: a first pass over the parser's events (which does not
/// recurse) refuses nesting deeper than <see cref="MaxDepth"/> and documents of more than <see cref="MaxNodes"/> nodes
/// before the recursive representation model is built, and alias expansion stops after
/// <see cref="ExpansionBudget"/> nodes (a "billion laughs" document).
/// </summary>
public static class ComposeYamlReader
{
    /// <summary>Compose files nest a handful of levels; hundreds means an attack on the parser's stack.</summary>
    public const int MaxDepth = 128;
    /// <summary>Nodes written in one file (the largest real compose files have a few thousand).</summary>
    public const int MaxNodes = 250_000;
    /// <summary>The nodes alias expansion may produce beyond what is written: generous for anchors in real use.</summary>
    public static int ExpansionBudget(int writtenNodes) => Math.Max(100_000, writtenNodes * 10);

    public static ComposeYamlDocument Read(SourceFile file)
    {
        var errors = new List<ComposeError>();
        var text = file.Text.ToString();
        if (!PrePass(file, text, errors, out var nodeCount)) return new ComposeYamlDocument(file, Array.Empty<ComposeNode>(), errors);

        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            errors.Add(new ComposeError(Origin(file, e.Start, e.End), Describe(e)));
            return new ComposeYamlDocument(file, Array.Empty<ComposeNode>(), errors);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            errors.Add(new ComposeError(new ComposeOrigin(file, new TextSpan(0, 0)), "the YAML could not be read: " + FirstLine(e.Message)));
            return new ComposeYamlDocument(file, Array.Empty<ComposeNode>(), errors);
        }

        var converter = new Converter(file, errors, ExpansionBudget(nodeCount));
        var roots = new List<ComposeNode>();
        foreach (var document in stream.Documents)
        {
            try
            {
                roots.Add(converter.Convert(document.RootNode, null, 0));
            }
            catch (LimitExceeded limit)
            {
                errors.Add(new ComposeError(limit.At, limit.Message));
            }
        }
        return new ComposeYamlDocument(file, roots, errors);
    }

    /// <summary>Walks the events once: syntax errors at their place, and the depth and size limits.</summary>
    private static bool PrePass(SourceFile file, string text, List<ComposeError> errors, out int nodes)
    {
        nodes = 0;
        var depth = 0;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is NodeEvent { Anchor.IsEmpty: false } anchored && parser.Current is not AnchorAlias)
                    anchors.Add(anchored.Anchor.Value);
                if (parser.Current is AnchorAlias alias && !anchors.Contains(alias.Value.Value))
                {
                    // YamlDotNet's model reports an unknown anchor without a place; this pass knows it.
                    errors.Add(new ComposeError(Origin(file, alias.Start, alias.End), $"YAML syntax error: the alias *{alias.Value.Value} names no anchor defined before it"));
                    return false;
                }
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        nodes++;
                        if (++depth > MaxDepth)
                        {
                            errors.Add(new ComposeError(Origin(file, parser.Current!.Start, parser.Current.End),
                                $"the YAML nests deeper than {MaxDepth} levels here; no compose file needs that, so the file is not read"));
                            return false;
                        }
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case YamlDotNet.Core.Events.Scalar or AnchorAlias:
                        nodes++;
                        break;
                }
                if (nodes > MaxNodes)
                {
                    errors.Add(new ComposeError(Origin(file, parser.Current!.Start, parser.Current.End),
                        $"the file holds more than {MaxNodes} YAML nodes; that is not a compose file one can review, so it is not read"));
                    return false;
                }
            }
        }
        catch (YamlException e)
        {
            errors.Add(new ComposeError(Origin(file, e.Start, e.End), Describe(e)));
            return false;
        }
        return true;
    }

    private sealed class LimitExceeded : Exception
    {
        public LimitExceeded(ComposeOrigin at, string message) : base(message) => At = at;
        public ComposeOrigin At { get; }
    }

    private sealed class Converter
    {
        private readonly SourceFile _file;
        private readonly List<ComposeError> _errors;
        private int _budget;
        /// <summary>The container holding the outermost alias use being expanded: where an alias bomb is reported.</summary>
        private ComposeOrigin? _aliasUse;

        public Converter(SourceFile file, List<ComposeError> errors, int budget)
        {
            _file = file;
            _errors = errors;
            _budget = budget;
        }

        public ComposeNode Convert(YamlNode node, YamlNode? parent, int depth)
        {
            var isAlias = parent is not null && node.Start.Index < parent.Start.Index;
            // An alias names a node written before its container; the first such container met is where a bomb shows.
            var outermost = isAlias && _aliasUse is null;
            if (outermost) _aliasUse = Origin(_file, parent!.Start, parent.End);
            try
            {
                if (--_budget < 0)
                    throw new LimitExceeded(_aliasUse ?? Origin(_file, node.Start, node.End),
                        "aliases here expand to too many nodes (an alias bomb?); the file is not read further");
                // Aliases can nest deeper than the text does, and a node may even contain itself.
                if (depth > MaxDepth)
                    throw new LimitExceeded(_aliasUse ?? Origin(_file, node.Start, node.End),
                        $"aliases here nest deeper than {MaxDepth} levels (or an anchor contains itself); the file is not read further");
                var origin = Origin(_file, node.Start, node.End);
                var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
                switch (node)
                {
                    case YamlScalarNode scalar:
                        return new ComposeScalar(origin, scalar.Value ?? "", StyleOf(scalar.Style), tag);
                    case YamlSequenceNode sequence:
                        return new ComposeSequence(origin, sequence.Children.Select(c => Convert(c, sequence, depth + 1)).ToList(), tag);
                    case YamlMappingNode mapping:
                        return ConvertMapping(mapping, origin, tag, depth);
                    default:
                        _errors.Add(new ComposeError(origin, "this YAML node could not be read"));
                        return new ComposeScalar(origin, "", ComposeScalarStyle.Plain, null);
                }
            }
            finally
            {
                if (outermost) _aliasUse = null;
            }
        }

        private ComposeMapping ConvertMapping(YamlMappingNode mapping, ComposeOrigin origin, string? tag, int depth)
        {
            var explicitEntries = new List<ComposeEntry>();
            var merged = new List<(int Position, List<ComposeEntry> Entries)>();
            foreach (var child in mapping.Children)
            {
                if (child.Key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain } mergeKey
                    && (mergeKey.Tag.IsEmpty || mergeKey.Tag.Value == "tag:yaml.org,2002:merge"))
                {
                    merged.Add((explicitEntries.Count, MergeKeyEntries(child.Value, mapping, depth)));
                    continue;
                }
                if (child.Key is not YamlScalarNode keyNode)
                {
                    _errors.Add(new ComposeError(Origin(_file, child.Key.Start, child.Key.End), "a compose mapping key must be a string, not " + KindOf(child.Key)));
                    continue;
                }
                var key = new ComposeScalar(Origin(_file, keyNode.Start, keyNode.End), keyNode.Value ?? "", StyleOf(keyNode.Style),
                    keyNode.Tag.IsEmpty ? null : keyNode.Tag.Value);
                explicitEntries.Add(new ComposeEntry(key, Convert(child.Value, mapping, depth + 1)));
            }
            if (merged.Count == 0) return new ComposeMapping(origin, explicitEntries, tag);

            // Keys written in the mapping win over merged ones; the merged keys take the place of their "<<".
            var taken = new HashSet<string>(explicitEntries.Select(e => e.Name), StringComparer.Ordinal);
            var result = new List<ComposeEntry>();
            var next = 0;
            foreach (var (position, entries) in merged)
            {
                while (next < position) result.Add(explicitEntries[next++]);
                foreach (var entry in entries)
                    if (taken.Add(entry.Name)) result.Add(entry);
            }
            while (next < explicitEntries.Count) result.Add(explicitEntries[next++]);
            return new ComposeMapping(origin, result, tag);
        }

        /// <summary>The entries a merge key brings: one mapping, or a sequence of mappings where the first to name a key wins.</summary>
        private List<ComposeEntry> MergeKeyEntries(YamlNode value, YamlMappingNode parent, int depth)
        {
            var sources = value is YamlSequenceNode list ? list.Children.ToList() : new List<YamlNode> { value };
            var entries = new List<ComposeEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                if (Convert(source, value is YamlSequenceNode ? value : parent, depth + 1) is not ComposeMapping mapping)
                {
                    _errors.Add(new ComposeError(Origin(_file, source.Start, source.End), "a `<<` merge key takes a mapping or a sequence of mappings"));
                    continue;
                }
                foreach (var entry in mapping.Entries)
                    if (seen.Add(entry.Name)) entries.Add(entry);
            }
            return entries;
        }
    }

    private static ComposeScalarStyle StyleOf(ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => ComposeScalarStyle.SingleQuoted,
        ScalarStyle.DoubleQuoted => ComposeScalarStyle.DoubleQuoted,
        ScalarStyle.Literal => ComposeScalarStyle.Literal,
        ScalarStyle.Folded => ComposeScalarStyle.Folded,
        _ => ComposeScalarStyle.Plain,
    };

    private static string KindOf(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a sequence",
        _ => "a scalar",
    };

    internal static ComposeOrigin Origin(SourceFile file, Mark start, Mark end)
    {
        var length = file.Text.Length;
        var from = (int)Math.Min(Math.Max(start.Index, 0), length);
        var to = (int)Math.Min(Math.Max(end.Index, from), length);
        // Block collections end where the next token starts (often the next line): trim the trailing blank text.
        while (to > from && char.IsWhiteSpace(file.Text[to - 1])) to--;
        return new ComposeOrigin(file, TextSpan.FromBounds(from, to));
    }

    private static string Describe(YamlException e)
    {
        var message = FirstLine(e.Message);
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (…): "; the location is ours to give.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && marker > 0) message = message.Substring(marker + 3);
        return "YAML syntax error: " + message.TrimEnd('.');
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(new[] { '\r', '\n' });
        return newline < 0 ? message : message.Substring(0, newline);
    }
}
