using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Compose;

/// <summary>
/// The Compose Specification's merge rules (compose-go's <c>override</c> package), applied to node trees that keep
/// every value's origin. Used for override files (<c>compose.override.yaml</c>, later <c>-f</c> files) and <c>extends</c>:
/// <list type="bullet">
/// <item>mappings merge key by key; scalars are replaced; sequences are appended;</item>
/// <item><c>command</c>, <c>entrypoint</c> and <c>healthcheck.test</c> are replaced, never appended;</item>
/// <item><c>environment</c>, <c>labels</c>, <c>annotations</c>, <c>sysctls</c>, <c>build.args</c>, <c>deploy.labels</c> (and
/// volume/network labels) merge by key whichever form (list or map) each side uses; the result is a mapping;</item>
/// <item><c>logging</c> merges only when both sides name the same driver (or one names none), else is replaced;</item>
/// <item><c>build</c> (string = context), <c>depends_on</c> and <c>networks</c> (list = names) merge as mappings;</item>
/// <item><c>dns</c>, <c>dns_opt</c>, <c>dns_search</c>, <c>env_file</c>, <c>tmpfs</c>, <c>extra_hosts</c> (string = one item) append;</item>
/// <item><c>x-</c> extension keys are replaced, not merged;</item>
/// <item><c>!reset</c> removes the value, <c>!override</c> replaces it whole.</item>
/// </list>
/// Then <see cref="Normalize"/> enforces unicity as Compose does after merging (also for a single file): ports by their
/// text (long form: host_ip, published, target, protocol), volumes and devices by target, secrets and configs by mount
/// path, <c>expose</c>, <c>cap_add</c>, <c>cap_drop</c>, <c>dns*</c>, <c>profiles</c>, <c>links</c>, <c>tmpfs</c> by value,
/// <c>env_file</c> by path: a later item replaces an earlier one with the same key, in the earlier one's place.
/// </summary>
public static class ComposeMerger
{
    private static readonly string[][] Replaced = Paths("services.*.command", "services.*.entrypoint", "services.*.healthcheck.test");

    private static readonly string[][] KeyValues = Paths(
        "services.*.environment", "services.*.labels", "services.*.annotations", "services.*.sysctls", "services.*.build.args",
        "services.*.build.labels", "services.*.build.additional_contexts", "services.*.deploy.labels", "networks.*.labels",
        "volumes.*.labels", "services.*.volumes.*.volume.labels");

    private static readonly string[][] ToSequence = Paths(
        "services.*.dns", "services.*.dns_opt", "services.*.dns_search", "services.*.env_file", "services.*.label_file",
        "services.*.tmpfs", "services.*.extra_hosts", "services.*.build.extra_hosts");

    private static readonly string[][] UniqueByValue = Paths(
        "services.*.cap_add", "services.*.cap_drop", "services.*.dns", "services.*.dns_opt", "services.*.dns_search",
        "services.*.links", "services.*.profiles", "services.*.tmpfs", "services.*.expose", "services.*.networks.*.aliases",
        "services.*.networks.*.link_local_ips", "services.*.build.tags", "services.*.build.platforms");

    /// <summary>Merges <paramref name="over"/> onto <paramref name="baseNode"/> at <paramref name="path"/> (the keys from
    /// the document root: <c>services</c>, <c>web</c>, …). Problems (a mapping overridden by a sequence…) go to <paramref name="errors"/>.</summary>
    public static ComposeNode Merge(ComposeNode? baseNode, ComposeNode over, IReadOnlyList<string> path, ICollection<ComposeError> errors)
    {
        if (over.Tag == "!override") return over.WithTag(null);
        if (baseNode is null || baseNode.Tag == "!reset") return over;
        if (Matches(path, Replaced)) return over;
        if (Matches(path, KeyValues)) return MergeKeyValues(baseNode, over);
        if (Matches(path, ToSequence)) return Concat(AsSequence(baseNode), AsSequence(over));
        if (over is ComposeScalar { IsNull: true }) return baseNode;

        var last = path.Count > 0 ? path[path.Count - 1] : "";
        if (path.Count == 3 && path[0] == "services")
        {
            switch (last)
            {
                case "logging" when baseNode is ComposeMapping b && over is ComposeMapping o:
                    var baseDriver = b["driver"]?.Text;
                    var overDriver = o["driver"]?.Text;
                    return baseDriver is null || overDriver is null || baseDriver == overDriver ? MergeMappings(b, o, path, errors) : over;
                case "build":
                    return MergeMappings(BuildMapping(baseNode), BuildMapping(over), path, errors);
                case "depends_on" or "networks":
                    return MergeMappings(NamesMapping(baseNode), NamesMapping(over), path, errors);
            }
        }
        if (path.Count == 4 && path[0] == "services" && path[2] == "ulimits") return over;

        switch (baseNode)
        {
            case ComposeMapping mapping when over is ComposeMapping other:
                return MergeMappings(mapping, other, path, errors);
            case ComposeSequence sequence when over is ComposeSequence other:
                return Concat(sequence, other);
            case ComposeMapping or ComposeSequence:
                errors.Add(new ComposeError(over.Origin, $"`{string.Join(".", path)}` is {baseNode.Describe()} in {baseNode.Origin.Describe()} and cannot be overridden by {over.Describe()}"));
                return over;
            default:
                return over;
        }
    }

    private static ComposeMapping MergeMappings(ComposeMapping baseMapping, ComposeMapping over, IReadOnlyList<string> path, ICollection<ComposeError> errors)
    {
        var entries = baseMapping.Entries.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++) index[entries[i].Name] = i;
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in over.Entries)
        {
            if (entry.Value.Tag == "!reset")
            {
                removed.Add(entry.Name);
                continue;
            }
            removed.Remove(entry.Name);
            if (!index.TryGetValue(entry.Name, out var at))
            {
                index[entry.Name] = entries.Count;
                entries.Add(entry);
                continue;
            }
            var merged = entry.Name.StartsWith("x-", StringComparison.Ordinal)
                ? entry.Value
                : Merge(entries[at].Value, entry.Value, Append(path, entry.Name), errors);
            entries[at] = new ComposeEntry(entry.Key, merged);
        }
        return new ComposeMapping(baseMapping.Origin, entries.Where(e => !removed.Contains(e.Name)), baseMapping.Tag);
    }

    /// <summary>Environment-like values (list of <c>KEY=VALUE</c> or mapping) merged by key: later wins, in the earlier place.</summary>
    private static ComposeMapping MergeKeyValues(ComposeNode baseNode, ComposeNode over)
    {
        var baseMapping = KeyValueMapping(baseNode);
        var overMapping = KeyValueMapping(over);
        var entries = baseMapping.Entries.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++) index[entries[i].Name] = i;
        foreach (var entry in overMapping.Entries)
        {
            if (index.TryGetValue(entry.Name, out var at)) entries[at] = entry;
            else
            {
                index[entry.Name] = entries.Count;
                entries.Add(entry);
            }
        }
        return new ComposeMapping(baseMapping.Origin, entries);
    }

    /// <summary>An environment-like value as a mapping: list items <c>KEY=VALUE</c> become entries whose key and value keep
    /// the item's origin and interpolation; a bare <c>KEY</c> becomes a null value (taken from the environment); a
    /// later duplicate replaces an earlier one in its place.</summary>
    public static ComposeMapping KeyValueMapping(ComposeNode node)
    {
        if (node is ComposeMapping mapping) return mapping;
        var entries = new List<ComposeEntry>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (node is ComposeSequence sequence)
            foreach (var item in sequence.Items.OfType<ComposeScalar>().Where(s => !s.IsNull))
            {
                var entry = SplitKeyValue(item);
                if (index.TryGetValue(entry.Name, out var at)) entries[at] = entry;
                else
                {
                    index[entry.Name] = entries.Count;
                    entries.Add(entry);
                }
            }
        else if (node is ComposeScalar { IsNull: false } single)
            entries.Add(SplitKeyValue(single));
        return new ComposeMapping(node.Origin, entries, node.Tag);
    }

    /// <summary>Splits a list item <c>KEY=VALUE</c> at its first <c>=</c> (after interpolation, as Compose does).</summary>
    private static ComposeEntry SplitKeyValue(ComposeScalar item)
    {
        var text = item.Text ?? "";
        var equals = text.IndexOf('=');
        if (equals < 0)
        {
            var bare = new ComposeScalar(item.Origin, text, item.Style, null, item.Interpolation);
            return new ComposeEntry(bare, new ComposeScalar(item.Origin, "", ComposeScalarStyle.Plain, null));
        }
        var rawEquals = item.Raw.IndexOf('=');
        var key = new ComposeScalar(item.Origin, text.Substring(0, equals), item.Style, null);
        ComposeInterpolation? valueInterpolation = null;
        var rawValue = rawEquals < 0 ? text.Substring(equals + 1) : item.Raw.Substring(rawEquals + 1);
        if (item.Interpolation is { } interpolation && rawEquals >= 0)
            valueInterpolation = interpolation.Slice(rawEquals + 1, text.Substring(equals + 1));
        // A quoted empty value is an empty string, not null: "KEY=" sets KEY to "".
        return new ComposeEntry(key, new ComposeScalar(item.Origin, rawValue, ComposeScalarStyle.DoubleQuoted, item.Tag, valueInterpolation));
    }

    /// <summary>After all merges: drops <c>!reset</c> values, strips <c>!override</c>, makes environment-like values mappings,
    /// and enforces Compose's unicity rules on sequences.</summary>
    public static ComposeNode Normalize(ComposeNode node, IReadOnlyList<string> path)
    {
        switch (node)
        {
            case ComposeMapping mapping:
                var entries = new List<ComposeEntry>();
                foreach (var entry in mapping.Entries)
                {
                    if (entry.Value.Tag == "!reset") continue;
                    var childPath = Append(path, entry.Name);
                    var value = entry.Value.Tag == "!override" ? entry.Value.WithTag(null) : entry.Value;
                    if (Matches(childPath, KeyValues) && value is not ComposeScalar { IsNull: true }) value = KeyValueMapping(value);
                    entries.Add(entry.WithValue(Normalize(value, childPath)));
                }
                return new ComposeMapping(mapping.Origin, entries, mapping.Tag);
            case ComposeSequence sequence:
                var items = sequence.Items.Select((item, i) => Normalize(item, Append(path, "[]"))).ToList();
                var keyOf = UniqueKey(path);
                return new ComposeSequence(sequence.Origin, keyOf is null ? items : Unique(items, keyOf), sequence.Tag);
            default:
                return node;
        }
    }

    private static Func<ComposeNode, string?>? UniqueKey(IReadOnlyList<string> path)
    {
        if (Matches(path, UniqueByValue)) return n => n.Text is { } t ? KeyBeforeEquals(t) : null;
        if (path.Count != 3 || path[0] != "services") return null;
        return path[2] switch
        {
            "volumes" => n => n is ComposeMapping m ? m["target"]?.Text : n.Text is { } t ? ComposeVolumeMount.ParseShort(n, t, "", out _)?.Target : null,
            "devices" => n => n is ComposeMapping m ? m["target"]?.Text : n.Text is { } t ? (t.Split(':').Length > 1 ? t.Split(':')[1] : t) : null,
            "ports" => n => n is ComposeMapping m
                ? $"{m["host_ip"]?.Text ?? "0.0.0.0"}:{m["published"]?.Text}:{m["target"]?.Text}/{m["protocol"]?.Text ?? "tcp"}"
                : n.Text,
            "secrets" => n => MountKey(n, "/run/secrets"),
            "configs" => n => MountKey(n, ""),
            "env_file" => n => n is ComposeMapping m ? m["path"]?.Text : n.Text,
            _ => null,
        };
    }

    private static string? MountKey(ComposeNode node, string defaultDirectory) => node switch
    {
        ComposeMapping m => m["target"]?.Text ?? $"{defaultDirectory}/{m["source"]?.Text}",
        _ => node.Text is { } t ? $"{defaultDirectory}/{t}" : null,
    };

    private static string KeyBeforeEquals(string text)
    {
        var equals = text.IndexOf('=');
        return equals < 0 ? text : text.Substring(0, equals);
    }

    private static List<ComposeNode> Unique(List<ComposeNode> items, Func<ComposeNode, string?> keyOf)
    {
        var result = new List<ComposeNode>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = keyOf(item);
            if (key is not null && index.TryGetValue(key, out var at)) result[at] = item;
            else
            {
                if (key is not null) index[key] = result.Count;
                result.Add(item);
            }
        }
        return result;
    }

    private static ComposeSequence AsSequence(ComposeNode node) => node switch
    {
        ComposeSequence sequence => sequence,
        ComposeScalar { IsNull: true } => new ComposeSequence(node.Origin, Array.Empty<ComposeNode>()),
        ComposeMapping mapping => new ComposeSequence(node.Origin, mapping.Entries.Select(e =>
            (ComposeNode)new ComposeScalar(e.Key.Origin, e.Value.Text is null ? e.Name : $"{e.Name}={e.Value.Text}", ComposeScalarStyle.Plain, null))),
        _ => new ComposeSequence(node.Origin, new[] { node }),
    };

    private static ComposeSequence Concat(ComposeSequence first, ComposeSequence second) =>
        new(first.Origin, first.Items.Concat(second.Items));

    private static ComposeMapping BuildMapping(ComposeNode node) => node switch
    {
        ComposeMapping mapping => mapping,
        ComposeScalar scalar when !scalar.IsNull => new ComposeMapping(node.Origin,
            new[] { new ComposeEntry(new ComposeScalar(node.Origin, "context", ComposeScalarStyle.Plain, null), scalar) }),
        _ => new ComposeMapping(node.Origin, Array.Empty<ComposeEntry>()),
    };

    private static ComposeMapping NamesMapping(ComposeNode node) => node switch
    {
        ComposeMapping mapping => mapping,
        ComposeSequence sequence => new ComposeMapping(node.Origin, sequence.Items.OfType<ComposeScalar>().Where(s => s.Text is not null)
            .GroupBy(s => s.Text!, StringComparer.Ordinal).Select(g => g.Last())
            .Select(s => new ComposeEntry(new ComposeScalar(s.Origin, s.Text!, s.Style, null), new ComposeScalar(s.Origin, "", ComposeScalarStyle.Plain, null)))),
        _ => new ComposeMapping(node.Origin, Array.Empty<ComposeEntry>()),
    };

    internal static IReadOnlyList<string> Append(IReadOnlyList<string> path, string key)
    {
        var result = new string[path.Count + 1];
        for (var i = 0; i < path.Count; i++) result[i] = path[i];
        result[path.Count] = key;
        return result;
    }

    private static string[][] Paths(params string[] patterns) => patterns.Select(p => p.Split('.')).ToArray();

    private static bool Matches(IReadOnlyList<string> path, string[][] patterns)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Length != path.Count) continue;
            var ok = true;
            for (var i = 0; i < pattern.Length && ok; i++) ok = pattern[i] == "*" || pattern[i] == path[i];
            if (ok) return true;
        }
        return false;
    }
}
