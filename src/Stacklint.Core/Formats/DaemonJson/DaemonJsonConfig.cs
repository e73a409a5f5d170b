using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.DaemonJson;

/// <summary>
/// Docker's <c>daemon.json</c>, read the way dockerd reads it (moby <c>daemon/config</c>
/// <c>getConflictFreeConfiguration</c>, see <see cref="DaemonJsonKeys"/> for the release): a UTF-8 byte order mark is
/// skipped; a file of only white space (or <c>null</c>) is an empty configuration; anything else must be one JSON object,
/// read with Go's encoding/json, so comments and trailing commas are errors. A name written twice keeps its last value
/// (two objects are merged one level, see <see cref="DaemonJsonValue.Members"/>). Every value keeps its place, at every
/// depth. A file that is not valid JSON gives errors with their exact place and the top-level settings completed before
/// the error; the reader never throws.
/// </summary>
public sealed class DaemonJsonConfig
{
    /// <summary>Deeper than any real daemon.json (five levels at most: <c>builder.gc.policy[0].filter[0]</c>), and low enough
    /// that reading recursively can never exhaust the stack. Go's own limit is 10000.</summary>
    public const int MaxDepth = 64;

    private static readonly IReadOnlyDictionary<string, DaemonJsonValue> NoSettings = new Dictionary<string, DaemonJsonValue>();
    private IReadOnlyList<DaemonJsonProblem>? _problems;

    private DaemonJsonConfig(SourceFile file, DaemonJsonValue? root, IReadOnlyList<DaemonJsonProperty> properties,
        IReadOnlyList<(string Message, TextSpan Span)> errors, TextSpan openBrace)
    {
        File = file;
        Root = root;
        Properties = properties;
        Settings = root?.Members ?? (properties.Count > 0 ? new DaemonJsonValue(file, default, JsonValueKind.Object, null, "", properties).Members : NoSettings);
        Errors = errors;
        OpenBrace = openBrace;
    }

    public SourceFile File { get; }
    /// <summary>The top-level object; null for an empty file, <c>null</c>, or a file that could not be read to its end.</summary>
    public DaemonJsonValue? Root { get; }
    /// <summary>The top-level members in the file's order, a name written twice included.</summary>
    public IReadOnlyList<DaemonJsonProperty> Properties { get; }
    /// <summary>The top-level settings as dockerd keeps them (last value wins, see <see cref="DaemonJsonValue.Members"/>).</summary>
    public IReadOnlyDictionary<string, DaemonJsonValue> Settings { get; }
    /// <summary>Why the file is not JSON dockerd accepts, with the place (LNT001).</summary>
    public IReadOnlyList<(string Message, TextSpan Span)> Errors { get; }
    /// <summary>The top-level <c>{</c> (the file's start when there is none): where a finding about an absent setting goes.</summary>
    public TextSpan OpenBrace { get; }
    public Location OpenBraceLocation => File.Location(OpenBrace);

    public DaemonJsonValue? this[string key] => Settings.TryGetValue(key, out var value) ? value : null;

    /// <summary>A member of an object setting (<c>log-opts</c>, <c>max-size</c>), or null.</summary>
    public DaemonJsonValue? Get(string key, string member) =>
        this[key] is { IsObject: true } obj && obj.Members.TryGetValue(member, out var value) ? value : null;

    /// <summary>What dockerd would refuse or silently ignore in the settings (unknown names, wrong types, invalid values,
    /// names written twice), checked against <see cref="DaemonJsonKeys"/>; empty for a file with <see cref="Errors"/>.</summary>
    public IReadOnlyList<DaemonJsonProblem> Problems => _problems ??= Errors.Count > 0 ? Array.Empty<DaemonJsonProblem>() : DaemonJsonKeys.Check(this);

    /// <summary>
    /// The address dockerd publishes container ports on when a port names no host IP: the <c>ip</c> setting when it is
    /// an IP address, else null, meaning dockerd's default <c>0.0.0.0</c> (and <c>::</c>): every interface. An empty or
    /// invalid <c>ip</c> is null too (empty: the default applies; invalid: dockerd refuses the file, DKD010). This is the
    /// one notion of the default bind address: DCO001/DCO002 (through <see cref="DaemonJsonDefaults"/>) and DKD013 use it.
    /// </summary>
    public DaemonJsonValue? DefaultBindAddress => BindAddress(this["ip"]);

    internal static DaemonJsonValue? BindAddress(DaemonJsonValue? ip) =>
        ip is { IsString: true, Text: { Length: > 0 } text } && DaemonJsonKeys.IsGoIP(text) ? ip : null;

    /// <summary>Whether an address (the <c>ip</c> setting's text, or a port's host IP) means every interface.</summary>
    public static bool IsAllInterfaces(string? address) =>
        address is null || (IPAddress.TryParse(address.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    public static DaemonJsonConfig Read(SourceFile file)
    {
        var text = file.Text.ToString();
        // dockerd decodes with unicode.BOMOverride: a UTF-8 byte order mark is not part of the JSON.
        var skip = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var bytes = Encoding.UTF8.GetBytes(text.Substring(skip));
        var positions = new Positions(text, bytes, skip);
        var errors = new List<(string, TextSpan)>();
        var properties = new List<DaemonJsonProperty>();
        DaemonJsonValue? root = null;
        var openBrace = new TextSpan(skip, 0);
        // bytes.TrimSpace, then an empty configuration: dockerd starts with its defaults.
        if (text.Substring(skip).Trim().Length == 0) return new DaemonJsonConfig(file, null, properties, errors, openBrace);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    openBrace = positions.Span(reader.TokenStartIndex, reader.TokenStartIndex + 1);
                    var start = reader.TokenStartIndex;
                    ReadMembers(ref reader, file, positions, "", properties);
                    root = new DaemonJsonValue(file, positions.Span(start, reader.BytesConsumed), JsonValueKind.Object, null, "", properties);
                    break;
                case JsonTokenType.Null:
                    // json.Unmarshal of null into a map leaves it empty: dockerd starts with its defaults.
                    break;
                default:
                    errors.Add(($"json: cannot unmarshal {TokenKind(reader.TokenType)} into Go value of type map[string]interface {{}}: "
                                + "daemon.json must be one JSON object", positions.Span(reader.TokenStartIndex, reader.TokenStartIndex)));
                    reader.Skip();
                    break;
            }
            // Anything after the value: Go's "invalid character ... after top-level value" (the reader throws).
            reader.Read();
        }
        catch (JsonException e)
        {
            var at = positions.ErrorPosition(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            errors.Add((Explain(e, text, at), new TextSpan(at, 0)));
            root = null;
        }
        return new DaemonJsonConfig(file, root, properties, errors, openBrace);
    }

    /// <summary>The members of the object whose StartObject was just read, up to its EndObject, added to
    /// <paramref name="into"/> as each is completed (so that a syntax error keeps the ones before it).</summary>
    private static void ReadMembers(ref Utf8JsonReader reader, SourceFile file, Positions positions, string path, List<DaemonJsonProperty> into)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = StringOf(ref reader);
            var nameStart = reader.TokenStartIndex;
            var nameSpan = positions.Span(nameStart, nameStart + reader.ValueSpan.Length + 2);
            reader.Read();
            var value = ReadValue(ref reader, file, positions, path.Length == 0 ? name : path + "." + name);
            into.Add(new DaemonJsonProperty(name, nameSpan, value));
        }
    }

    /// <summary>The value whose first token was just read.</summary>
    private static DaemonJsonValue ReadValue(ref Utf8JsonReader reader, SourceFile file, Positions positions, string path)
    {
        var start = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<DaemonJsonProperty>();
                ReadMembers(ref reader, file, positions, path, properties);
                return new DaemonJsonValue(file, positions.Span(start, reader.BytesConsumed), JsonValueKind.Object, null, path, properties);
            case JsonTokenType.StartArray:
                var items = new List<DaemonJsonValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, file, positions, $"{path}[{items.Count}]"));
                return new DaemonJsonValue(file, positions.Span(start, reader.BytesConsumed), JsonValueKind.Array, null, path, items: items);
            default:
                var (kind, text) = reader.TokenType switch
                {
                    JsonTokenType.String => (JsonValueKind.String, StringOf(ref reader)),
                    JsonTokenType.Number => (JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan.ToArray())),
                    JsonTokenType.True => (JsonValueKind.True, "true"),
                    JsonTokenType.False => (JsonValueKind.False, "false"),
                    _ => (JsonValueKind.Null, (string?)null),
                };
                return new DaemonJsonValue(file, positions.Span(start, reader.BytesConsumed), kind, text, path);
        }
    }

    /// <summary>A string token's value. An escaped lone surrogate (<c>"\ud800"</c>), which Go decodes to U+FFFD, makes
    /// <see cref="Utf8JsonReader.GetString"/> throw: such a string is decoded by hand, the way Go does.</summary>
    private static string StringOf(ref Utf8JsonReader reader)
    {
        try { return reader.GetString() ?? ""; }
        catch (InvalidOperationException) { return GoUnescape(Encoding.UTF8.GetString(reader.ValueSpan.ToArray())); }
    }

    private static string GoUnescape(string raw)
    {
        var result = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length) { result.Append(raw[i]); continue; }
            var c = raw[++i];
            if (c != 'u' || i + 4 >= raw.Length)
            {
                result.Append(c switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => c });
                continue;
            }
            var unit = (char)Convert.ToInt32(raw.Substring(i + 1, 4), 16);
            i += 4;
            if (char.IsHighSurrogate(unit) && i + 6 < raw.Length && raw[i + 1] == '\\' && raw[i + 2] == 'u'
                && (char)Convert.ToInt32(raw.Substring(i + 3, 4), 16) is var low && char.IsLowSurrogate(low))
            {
                result.Append(unit).Append(low);
                i += 6;
            }
            else result.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
        }
        return result.ToString();
    }

    private static string TokenKind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        _ => "bool",
    };

    /// <summary>The reader's complaint in dockerd's terms where they differ from plain JSON's: comments, trailing commas.</summary>
    private static string Explain(JsonException e, string text, int at)
    {
        if (at < text.Length - 1 && text[at] == '/' && (text[at + 1] == '/' || text[at + 1] == '*'))
            return "comments are not allowed: dockerd reads daemon.json with Go's encoding/json, which refuses them (invalid character '/')";
        var previous = at - 1;
        while (previous >= 0 && char.IsWhiteSpace(text[previous])) previous--;
        if (at < text.Length && (text[at] == '}' || text[at] == ']') && previous >= 0 && text[previous] == ',')
            return $"trailing comma before '{text[at]}': Go's encoding/json refuses it (invalid character '{text[at]}')";
        if (e.Message.IndexOf("maximum configured depth", StringComparison.Ordinal) >= 0)
            return $"nested deeper than {MaxDepth} levels: stacklint reads no further (no daemon.json setting is this deep)";
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
    }

    /// <summary>Turns the reader's UTF-8 byte offsets into character offsets of the file's text.</summary>
    private sealed class Positions
    {
        private readonly byte[] _bytes;
        private readonly int _skip;
        private readonly int _textLength;
        private int[]? _charAt;

        public Positions(string text, byte[] bytes, int skip)
        {
            _bytes = bytes;
            _skip = skip;
            _textLength = text.Length;
        }

        public TextSpan Span(long start, long end)
        {
            var from = Char(start);
            return new TextSpan(from, Math.Max(0, Char(end) - from));
        }

        private int Char(long byteOffset)
        {
            var offset = (int)Math.Max(0, Math.Min(byteOffset, _bytes.Length));
            // ASCII text: bytes and characters coincide.
            if (_bytes.Length == _textLength - _skip) return offset + _skip;
            return CharAt()[offset] + _skip;
        }

        private int[] CharAt()
        {
            if (_charAt is not null) return _charAt;
            var map = new int[_bytes.Length + 1];
            var chars = 0;
            for (var i = 0; i < _bytes.Length; i++)
            {
                map[i] = chars;
                var b = _bytes[i];
                // A lead byte starts a character; a 4-byte sequence is two UTF-16 characters; continuation bytes add none.
                if ((b & 0xC0) != 0x80) chars += b >= 0xF0 ? 2 : 1;
            }
            map[_bytes.Length] = chars;
            return _charAt = map;
        }

        /// <summary>The reader's error place (0-based line, byte in that line) as a character offset.</summary>
        public int ErrorPosition(long line, long byteInLine)
        {
            var offset = 0;
            for (long seen = 0; seen < line && offset < _bytes.Length; offset++)
                if (_bytes[offset] == (byte)'\n') seen++;
            return Char(offset + byteInLine);
        }
    }
}
