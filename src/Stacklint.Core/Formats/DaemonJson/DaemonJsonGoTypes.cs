using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.DaemonJson;

/// <summary>
/// The Go type a daemon.json value is decoded into, and what Go's <c>json.Unmarshal</c> makes of a JSON value of
/// another kind: an <c>UnmarshalTypeError</c> (dockerd refuses to start), or, for a member a struct does not have,
/// nothing at all (Go ignores unknown struct fields). JSON <c>null</c> is accepted everywhere except by types with their
/// own <c>UnmarshalJSON</c> that refuse it (<c>opts.MemBytes</c>), as Go does.
/// </summary>
public abstract class GoType
{
    /// <summary>The type as Go's errors name it: <c>bool</c>, <c>[]string</c>, <c>map[string]string</c>, <c>net.IP</c>.</summary>
    public abstract string Name { get; }
    /// <summary>What the value must be, for messages: "true or false (unquoted)", "a string".</summary>
    public abstract string Expected { get; }

    internal abstract void Check(DaemonJsonValue value, GoTypeCheck check);

    public override string ToString() => Name;

    public static readonly GoType Bool = new Scalar("bool", "true or false (unquoted)", v => v.AsBoolean is not null);
    public static readonly GoType String = new Scalar("string", "a string (quoted)", v => v.IsString);
    public static readonly GoType Int = new Integer("int", long.MinValue, long.MaxValue);
    public static readonly GoType Int64 = new Integer("int64", long.MinValue, long.MaxValue);
    public static readonly GoType Uint32 = new Integer("uint32", 0, uint.MaxValue);
    /// <summary><c>interface{}</c>: any JSON.</summary>
    public static readonly GoType Any = new Scalar("interface {}", "any JSON value", _ => true);
    /// <summary><c>net.IP</c> (its <c>UnmarshalText</c>: <c>net.ParseIP</c>; empty means unset).</summary>
    public static readonly GoType NetIP = new Text("net.IP", "an IP address string", t => t.Length == 0 || DaemonJsonKeys.IsGoIP(t) ? null : $"invalid IP address: {t}");
    /// <summary><c>netip.Addr</c> (<c>netip.ParseAddr</c>, which also takes an IPv6 zone).</summary>
    public static readonly GoType NetipAddr = new Text("netip.Addr", "an IP address string", t => t.Length == 0 || DaemonJsonKeys.IsGoIP(t, allowZone: true) ? null : $"ParseAddr(\"{t}\"): not an IP address");
    /// <summary><c>netip.Prefix</c> (<c>netip.ParsePrefix</c>: <c>address/bits</c>).</summary>
    public static readonly GoType NetipPrefix = new Text("netip.Prefix", "a CIDR string such as \"172.30.0.0/16\"", t => t.Length == 0 || IsPrefix(t) ? null : $"netip.ParsePrefix(\"{t}\"): not a CIDR prefix");
    /// <summary><c>opts.MemBytes</c>: its <c>UnmarshalJSON</c> takes a quoted, non-empty size for <c>units.RAMInBytes</c>.</summary>
    public static readonly GoType MemBytes = new Memory();
    /// <summary>buildkit's <c>config.Duration</c>: a Go duration string (<c>"48h"</c>) or a number of seconds.</summary>
    public static readonly GoType Duration = new Scalar("config.Duration", "a duration such as \"48h\" or a number of seconds", v => v.IsString || v.Kind == System.Text.Json.JsonValueKind.Number);

    public static GoType List(GoType item, string? name = null) => new Slice(item, name);
    public static GoType Map(GoType value) => new MapType(value);
    /// <summary>A Go struct: members are matched to its JSON field names case-insensitively (exact first), as Go does;
    /// other members are ignored.</summary>
    public static GoType Struct(string name, params (string Field, GoType Type)[] fields) => new StructType(name, fields, null);
    /// <summary>A struct that also accepts other shapes (<c>BuilderGCFilter</c>: a list of <c>"key=value"</c>, or the
    /// deprecated object form).</summary>
    internal static GoType Either(string name, string expected, params GoType[] shapes) => new OneOf(name, expected, shapes);

    internal static bool IsPrefix(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0) return false;
        var address = text.Substring(0, slash);
        var bits = text.Substring(slash + 1);
        if (!DaemonJsonKeys.IsGoIP(address) || bits.Length == 0 || bits.Length > 3 || (bits.Length > 1 && bits[0] == '0') || !bits.All(char.IsDigit)) return false;
        var max = address.Contains(":") ? 128 : 32;
        return int.Parse(bits, CultureInfo.InvariantCulture) <= max;
    }

    private sealed class Scalar : GoType
    {
        private readonly Func<DaemonJsonValue, bool> _accepts;
        public Scalar(string name, string expected, Func<DaemonJsonValue, bool> accepts)
        {
            Name = name;
            Expected = expected;
            _accepts = accepts;
        }
        public override string Name { get; }
        public override string Expected { get; }
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (!value.IsNull && !_accepts(value)) check.WrongType(value, this);
        }
    }

    private sealed class Integer : GoType
    {
        private readonly decimal _min;
        private readonly decimal _max;
        public Integer(string name, decimal min, decimal max)
        {
            Name = name;
            _min = min;
            _max = max;
        }
        public override string Name { get; }
        public override string Expected => _min == 0 ? "a whole number, 0 or more (unquoted)" : "a whole number (unquoted)";
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (value.IsNull) return;
            if (value.Kind != System.Text.Json.JsonValueKind.Number) { check.WrongType(value, this); return; }
            // Go parses the literal with strconv.ParseInt/ParseUint: no fraction, no exponent, within range.
            var text = value.Text!;
            if (!Regex.IsMatch(text, "^-?[0-9]+$") || !decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < _min || n > _max)
                check.Invalid(value, $"json: cannot unmarshal number {text} into Go value of type {Name}", Expected);
        }
    }

    private sealed class Text : GoType
    {
        private readonly Func<string, string?> _parse;
        public Text(string name, string expected, Func<string, string?> parse)
        {
            Name = name;
            Expected = expected;
            _parse = parse;
        }
        public override string Name { get; }
        public override string Expected { get; }
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (value.IsNull) return;
            if (!value.IsString) { check.WrongType(value, this); return; }
            if (_parse(value.Text!) is { } error) check.Invalid(value, error, Expected);
        }
    }

    private sealed class Memory : GoType
    {
        public override string Name => "opts.MemBytes";
        public override string Expected => "a size string such as \"64m\"";
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (!value.IsString || value.Text!.Length == 0)
                check.Invalid(value, $"invalid size: '{(value.IsString ? "\"\"" : value.IsNull ? "null" : value.Shown)}'", Expected);
            else if (DaemonJsonKeys.RamInBytes(value.Text) is null)
                check.Invalid(value, $"invalid size: '{value.Text}'", Expected);
        }
    }

    private sealed class Slice : GoType
    {
        private readonly GoType _item;
        public Slice(GoType item, string? name)
        {
            _item = item;
            Name = name ?? "[]" + item.Name;
        }
        public override string Name { get; }
        public override string Expected => $"an array of {_item.Name} values ([…])";
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (value.IsNull) return;
            if (!value.IsArray) { check.WrongType(value, this); return; }
            foreach (var item in value.Items) _item.Check(item, check);
        }
    }

    private sealed class MapType : GoType
    {
        private readonly GoType _value;
        public MapType(GoType value) => _value = value;
        public override string Name => "map[string]" + _value.Name;
        public override string Expected => $"an object whose values are {_value.Expected}";
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (value.IsNull) return;
            if (!value.IsObject) { check.WrongType(value, this); return; }
            foreach (var property in value.Properties) _value.Check(property.Value, check);
        }
    }

    private sealed class StructType : GoType
    {
        private readonly (string Field, GoType Type)[] _fields;
        public StructType(string name, (string Field, GoType Type)[] fields, string? expected)
        {
            Name = name;
            _fields = fields;
            Expected = expected ?? $"an object ({string.Join(", ", fields.Select(f => f.Field))})";
        }
        public override string Name { get; }
        public override string Expected { get; }
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (value.IsNull) return;
            if (!value.IsObject) { check.WrongType(value, this); return; }
            foreach (var property in value.Properties)
            {
                var field = _fields.FirstOrDefault(f => f.Field == property.Name);
                if (field.Type is null) field = _fields.FirstOrDefault(f => string.Equals(f.Field, property.Name, StringComparison.OrdinalIgnoreCase));
                if (field.Type is null) check.IgnoredMember(property, _fields.Select(f => f.Field));
                else field.Type.Check(property.Value, check);
            }
        }
    }

    private sealed class OneOf : GoType
    {
        private readonly GoType[] _shapes;
        public OneOf(string name, string expected, GoType[] shapes)
        {
            Name = name;
            Expected = expected;
            _shapes = shapes;
        }
        public override string Name { get; }
        public override string Expected { get; }
        internal override void Check(DaemonJsonValue value, GoTypeCheck check)
        {
            if (value.IsNull) return;
            foreach (var shape in _shapes)
            {
                var trial = new GoTypeCheck();
                shape.Check(value, trial);
                if (trial.Problems.All(p => !p.Refused)) { shape.Check(value, check); return; }
            }
            check.WrongType(value, this);
        }
    }
}

/// <summary>Collects what a value's check finds.</summary>
internal sealed class GoTypeCheck
{
    public List<DaemonJsonProblem> Problems { get; } = new();

    public void WrongType(DaemonJsonValue value, GoType type) =>
        Problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.WrongType, value.File.Location(value.Span), value.Path,
            $"dockerd refuses to start: `{value.Path}` is {Article(value.GoKind)} {value.GoKind}, and dockerd reads it as a Go {type.Name} "
            + $"(json: cannot unmarshal {value.GoKind} into Go value of type {type.Name}). Write {type.Expected}.", refused: true));

    public void Invalid(DaemonJsonValue value, string error, string expected) =>
        Problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.InvalidValue, value.File.Location(value.Span), value.Path,
            $"dockerd refuses to start: `{value.Path}` is {value.Shown} ({error}). Write {expected}.", refused: true));

    public void IgnoredMember(DaemonJsonProperty member, IEnumerable<string> fields)
    {
        var path = member.Value.Path;
        var parent = path.Substring(0, Math.Max(0, path.Length - member.Name.Length - 1));
        var suggestion = DaemonJsonKeys.NearMiss(member.Name, fields);
        Problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.Ignored, member.NameLocation, path,
            $"dockerd ignores `{member.Name}` in `{parent}`: Go's decoder drops members the setting does not have, so it has no effect"
            + (suggestion is null ? $" (the members are {string.Join(", ", fields.Select(f => "`" + f + "`"))})." : $". Did you mean `{suggestion}`?"),
            refused: false, suggestion));
    }

    private static string Article(string kind) => kind is "object" or "array" ? "an" : "a";
}
