using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.DaemonJson;

/// <summary>
/// A value of daemon.json with its place, at any depth: a string, number, boolean or null (its text), an object (its
/// members, in order, repeated names included) or an array (its items).
/// </summary>
public sealed class DaemonJsonValue
{
    private static readonly IReadOnlyDictionary<string, DaemonJsonValue> NoMembers = new Dictionary<string, DaemonJsonValue>();

    internal DaemonJsonValue(SourceFile file, TextSpan span, JsonValueKind kind, string? text, string path,
        IReadOnlyList<DaemonJsonProperty>? properties = null, IReadOnlyList<DaemonJsonValue>? items = null,
        IReadOnlyDictionary<string, DaemonJsonValue>? members = null)
    {
        File = file;
        Span = span;
        Kind = kind;
        Text = text;
        Path = path;
        Properties = properties ?? Array.Empty<DaemonJsonProperty>();
        Items = items ?? Array.Empty<DaemonJsonValue>();
        Members = members ?? (Properties.Count == 0 ? NoMembers : Effective(Properties));
    }

    public SourceFile File { get; }
    /// <summary>The value's text in the file: from its first character to its last (a whole object or array).</summary>
    public TextSpan Span { get; }
    public Location Location => File.Location(Span);
    public JsonValueKind Kind { get; }
    /// <summary>A string's value (escapes decoded), a number's or boolean's JSON text; null for an object, an array or null.</summary>
    public string? Text { get; }
    /// <summary>Where the value sits, as messages name it: <c>log-opts.max-size</c>, <c>dns[0]</c>,
    /// <c>default-address-pools[1].base</c>; empty for the top-level value.</summary>
    public string Path { get; }
    /// <summary>An object's members in the file's order, a name written twice included; empty otherwise.</summary>
    public IReadOnlyList<DaemonJsonProperty> Properties { get; }
    /// <summary>An object's members as dockerd ends up with them: a repeated name keeps the last value, except that two
    /// objects under one name are merged (Go's decoder reuses the map or struct it already filled: the later object's
    /// members win, the earlier object's others stay). Names are case-sensitive here; empty for a non-object.</summary>
    public IReadOnlyDictionary<string, DaemonJsonValue> Members { get; }
    /// <summary>An array's items; empty otherwise.</summary>
    public IReadOnlyList<DaemonJsonValue> Items { get; }

    public bool IsNull => Kind == JsonValueKind.Null;
    public bool IsString => Kind == JsonValueKind.String;
    public bool IsObject => Kind == JsonValueKind.Object;
    public bool IsArray => Kind == JsonValueKind.Array;
    public bool? AsBoolean => Kind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
    /// <summary>The string's value, or null for anything but a string.</summary>
    public string? AsString => IsString ? Text : null;

    /// <summary>"daemon.json:3", for messages.</summary>
    public string Describe() => File.Describe(Span);

    /// <summary>The JSON kind in the words of Go's errors: "string", "number", "bool", "object", "array", "null".</summary>
    public string GoKind => Kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "null",
    };

    /// <summary>How the value is written, shortened for messages: <c>"json-file"</c>, <c>10</c>, <c>true</c>, <c>{…}</c>,
    /// <c>[…]</c>.</summary>
    public string Shown => Kind switch
    {
        JsonValueKind.String => "\"" + (Text!.Length > 60 ? Text.Substring(0, 57) + "..." : Text) + "\"",
        JsonValueKind.Object => Properties.Count == 0 ? "{}" : "{…}",
        JsonValueKind.Array => Items.Count == 0 ? "[]" : "[…]",
        JsonValueKind.Null => "null",
        _ => Text ?? "",
    };

    /// <summary>Same kind and text (objects: same effective members, arrays: same items, recursively): two files agree on
    /// the setting.</summary>
    public bool SameAs(DaemonJsonValue other) =>
        Kind == other.Kind && Text == other.Text && Members.Count == other.Members.Count && Items.Count == other.Items.Count
        && Members.All(m => other.Members.TryGetValue(m.Key, out var o) && m.Value.SameAs(o))
        && Items.Zip(other.Items, (a, b) => a.SameAs(b)).All(same => same);

    public override string ToString() => Text ?? Kind.ToString();

    /// <summary>The members dockerd keeps (see <see cref="Members"/>).</summary>
    private static IReadOnlyDictionary<string, DaemonJsonValue> Effective(IReadOnlyList<DaemonJsonProperty> properties)
    {
        var members = new Dictionary<string, DaemonJsonValue>(StringComparer.Ordinal);
        foreach (var property in properties)
            members[property.Name] = members.TryGetValue(property.Name, out var earlier) && earlier.IsObject && property.Value.IsObject
                ? Merged(earlier, property.Value)
                : property.Value;
        return members;
    }

    /// <summary>An object written twice under one name, as Go's decoder leaves it: one level merged, at the later place.</summary>
    private static DaemonJsonValue Merged(DaemonJsonValue earlier, DaemonJsonValue later)
    {
        var members = new Dictionary<string, DaemonJsonValue>(StringComparer.Ordinal);
        foreach (var pair in earlier.Members) members[pair.Key] = pair.Value;
        foreach (var pair in later.Members) members[pair.Key] = pair.Value;
        return new DaemonJsonValue(later.File, later.Span, JsonValueKind.Object, null, later.Path, later.Properties, members: members);
    }
}

/// <summary>An object member: its name with the place of the quoted name, and its value.</summary>
public sealed class DaemonJsonProperty
{
    internal DaemonJsonProperty(string name, TextSpan nameSpan, DaemonJsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }
    /// <summary>The quoted name, quotes included.</summary>
    public TextSpan NameSpan { get; }
    public DaemonJsonValue Value { get; }
    public Location NameLocation => Value.File.Location(NameSpan);
    /// <summary>"daemon.json:3", the line of the name.</summary>
    public string Describe() => Value.File.Describe(NameSpan);
    public override string ToString() => $"{Name}: {Value}";
}
