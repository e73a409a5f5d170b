using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.DaemonJson;

/// <summary>A value of daemon.json with its place: a string, number, boolean or null (its text), or an object (its members).</summary>
public sealed class DaemonJsonValue
{
    internal DaemonJsonValue(SourceFile file, TextSpan span, JsonValueKind kind, string? text, IReadOnlyDictionary<string, DaemonJsonValue>? members)
    {
        File = file;
        Span = span;
        Kind = kind;
        Text = text;
        Members = members ?? new Dictionary<string, DaemonJsonValue>();
    }

    public SourceFile File { get; }
    public TextSpan Span { get; }
    public Location Location => File.Location(Span);
    public JsonValueKind Kind { get; }
    /// <summary>A string's value, a number's or boolean's JSON text; null for an object, an array or null.</summary>
    public string? Text { get; }
    /// <summary>An object's members (one level: deeper values are not kept); empty otherwise.</summary>
    public IReadOnlyDictionary<string, DaemonJsonValue> Members { get; }
    public bool? AsBoolean => Kind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
    /// <summary>"daemon.json:3", for messages.</summary>
    public string Describe() => File.Describe(Span);

    /// <summary>Same kind and text (objects: same members, recursively): two files agree on the setting.</summary>
    public bool SameAs(DaemonJsonValue other) =>
        Kind == other.Kind && Text == other.Text && Members.Count == other.Members.Count
        && Members.All(m => other.Members.TryGetValue(m.Key, out var o) && m.Value.SameAs(o));

    public override string ToString() => Text ?? Kind.ToString();
}

/// <summary>
/// Docker's <c>daemon.json</c>, read minimally: its top-level settings (objects one level deep, such as
/// <c>log-opts</c>), each with its place, for the compose rules that depend on the daemon's defaults (<c>ip</c>,
/// <c>no-new-privileges</c>, <c>log-driver</c>, <c>log-opts</c>). dockerd reads it with Go's encoding/json: no comments,
/// no trailing commas, the last of duplicate keys wins. A file that is not valid JSON gives errors with their place and
/// the settings read before the error. Grows into the full model with the DKD rules.
/// </summary>
public sealed class DaemonJsonConfig
{
    private DaemonJsonConfig(SourceFile file, IReadOnlyDictionary<string, DaemonJsonValue> settings, IReadOnlyList<(string Message, TextSpan Span)> errors)
    {
        File = file;
        Settings = settings;
        Errors = errors;
    }

    public SourceFile File { get; }
    public IReadOnlyDictionary<string, DaemonJsonValue> Settings { get; }
    public IReadOnlyList<(string Message, TextSpan Span)> Errors { get; }
    public DaemonJsonValue? this[string key] => Settings.TryGetValue(key, out var value) ? value : null;

    /// <summary>A member of an object setting (<c>log-opts</c>, <c>max-size</c>), or null.</summary>
    public DaemonJsonValue? Get(string key, string member) =>
        this[key] is { Kind: JsonValueKind.Object } obj && obj.Members.TryGetValue(member, out var value) ? value : null;

    public static DaemonJsonConfig Read(SourceFile file)
    {
        var text = file.Text.ToString();
        var bytes = Encoding.UTF8.GetBytes(text);
        var settings = new Dictionary<string, DaemonJsonValue>(StringComparer.Ordinal);
        var errors = new List<(string, TextSpan)>();
        TextSpan SpanOf(long start, long end)
        {
            var from = Encoding.UTF8.GetCharCount(bytes, 0, (int)start);
            return new TextSpan(from, Encoding.UTF8.GetCharCount(bytes, (int)start, (int)(end - start)));
        }
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            if (!reader.Read())
                errors.Add(("the file is empty; dockerd expects a JSON object", new TextSpan(0, 0)));
            else if (reader.TokenType != JsonTokenType.StartObject)
                errors.Add(("daemon.json must be a JSON object", SpanOf(reader.TokenStartIndex, reader.TokenStartIndex)));
            else
            {
                foreach (var (name, value) in Members(ref reader, file, SpanOf, depth: 0)) settings[name] = value;
                if (reader.Read())
                    errors.Add(("unexpected text after the JSON object", SpanOf(reader.TokenStartIndex, reader.TokenStartIndex)));
            }
        }
        catch (JsonException e)
        {
            var line = (int)Math.Min(e.LineNumber ?? 0, Math.Max(0, file.Text.Lines.Count - 1));
            var lineStart = file.Text.Lines[line].Start;
            var column = (int)Math.Min(e.BytePositionInLine ?? 0, file.Text.Lines[line].End - lineStart);
            errors.Add((FirstSentence(e.Message), new TextSpan(lineStart + column, 0)));
        }
        return new DaemonJsonConfig(file, settings, errors);
    }

    private delegate TextSpan SpanMaker(long start, long end);

    /// <summary>The members of the object whose StartObject was just read, up to its EndObject.</summary>
    private static List<(string, DaemonJsonValue)> Members(ref Utf8JsonReader reader, SourceFile file, SpanMaker spanOf, int depth)
    {
        var result = new List<(string, DaemonJsonValue)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? "";
            reader.Read();
            var start = reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when depth == 0:
                    var members = new Dictionary<string, DaemonJsonValue>(StringComparer.Ordinal);
                    foreach (var (member, value) in Members(ref reader, file, spanOf, depth + 1)) members[member] = value;
                    result.Add((name, new DaemonJsonValue(file, spanOf(start, reader.BytesConsumed), JsonValueKind.Object, null, members)));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var kind = reader.TokenType == JsonTokenType.StartObject ? JsonValueKind.Object : JsonValueKind.Array;
                    reader.Skip();
                    result.Add((name, new DaemonJsonValue(file, spanOf(start, reader.BytesConsumed), kind, null, null)));
                    break;
                default:
                    var (valueKind, text) = reader.TokenType switch
                    {
                        JsonTokenType.String => (JsonValueKind.String, reader.GetString()),
                        JsonTokenType.Number => (JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan.ToArray())),
                        JsonTokenType.True => (JsonValueKind.True, "true"),
                        JsonTokenType.False => (JsonValueKind.False, "false"),
                        _ => (JsonValueKind.Null, (string?)null),
                    };
                    result.Add((name, new DaemonJsonValue(file, spanOf(start, reader.BytesConsumed), valueKind, text, null)));
                    break;
            }
        }
        return result;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
    }
}

/// <summary>
/// What the daemon.json files that apply to a Compose project say, together: a setting counts only when every one of
/// them sets it to the same value (with one file: when it sets it). With none, Docker's defaults apply and the callers
/// say so.
/// </summary>
public sealed class DaemonJsonDefaults
{
    public DaemonJsonDefaults(IReadOnlyList<DaemonJsonConfig> files)
    {
        Files = files;
    }

    public static DaemonJsonDefaults None { get; } = new(Array.Empty<DaemonJsonConfig>());

    public IReadOnlyList<DaemonJsonConfig> Files { get; }
    public bool IsEmpty => Files.Count == 0;

    /// <summary>The setting when every file agrees on it, else null.</summary>
    public DaemonJsonValue? Get(string key) => Agreed(Files.Select(f => f[key]).ToList());

    /// <summary>A member of an object setting (<c>log-opts</c>.<c>max-size</c>) when every file agrees on it, else null.</summary>
    public DaemonJsonValue? Get(string key, string member) => Agreed(Files.Select(f => f.Get(key, member)).ToList());

    /// <summary>"daemon.json", or "daemon.json and etc/docker/daemon.json", for messages.</summary>
    public string Describe() => IsEmpty ? "no daemon.json in the scan" : string.Join(" and ", Files.Select(f => f.File.RelativePath));

    private static DaemonJsonValue? Agreed(IReadOnlyList<DaemonJsonValue?> values) =>
        values.Count > 0 && values[0] is { } first && values.All(v => v is not null && v.SameAs(first)) ? first : null;
}
