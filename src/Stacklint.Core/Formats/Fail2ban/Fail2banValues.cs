using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.Fail2ban;

/// <summary>Reading option values as fail2ban 1.0.2 reads them (times: <see cref="Fail2banTime"/>).</summary>
public static class Fail2banValues
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal) { "1", "on", "true", "yes" };
    private static readonly HashSet<string> BooleanWords = new(StringComparer.Ordinal) { "1", "on", "true", "yes", "0", "off", "false", "no" };

    /// <summary>fail2ban's <c>_as_bool</c> (<c>enabled</c>, <c>ignoreself</c>, <c>bantime.increment</c>,
    /// <c>bantime.overalljails</c>): true for <c>1</c>, <c>on</c>, <c>true</c>, <c>yes</c> in any case, and false for
    /// anything else, misspellings included (<c>enabled = ture</c> is silently false).</summary>
    public static bool IsTrue(string value) => TrueWords.Contains(value.ToLowerInvariant());

    /// <summary>One of the spellings a boolean is meant to have (true/false, yes/no, on/off, 1/0, any case); fail2ban
    /// reads any other word as false without a warning.</summary>
    public static bool IsBooleanWord(string value) => BooleanWords.Contains(value.ToLowerInvariant());

    /// <summary>Python's <c>int()</c> on a string, which fail2ban applies to <c>maxretry</c>, <c>maxmatches</c>,
    /// <c>maxlines</c> and <c>dbmaxmatches</c>: blanks around, a sign, decimal digits with single <c>_</c> between
    /// them. A value beyond the range of <see cref="long"/> is clamped.</summary>
    public static bool TryParseInteger(string value, out long result)
    {
        result = 0;
        var text = Fail2banParser.Strip(value);
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-') negative = text[i++] == '-';
        if (i >= text.Length) return false;
        var number = BigInteger.Zero;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsDigit(c))
            {
                number = number * 10 + (int)char.GetNumericValue(c);
                digits++;
                continue;
            }
            if (c == '_' && digits > 0 && i + 1 < text.Length && char.IsDigit(text[i + 1])) continue;
            return false;
        }
        if (digits == 0) return false;
        if (negative) number = -number;
        result = number > long.MaxValue ? long.MaxValue : number < long.MinValue ? long.MinValue : (long)number;
        return true;
    }

    /// <summary>fail2ban's <c>splitwords</c> (how <c>ignoreip</c> is cut): split at runs of spaces, commas and line
    /// breaks, each piece stripped, empty ones dropped; with each word's offset in <paramref name="value"/>.</summary>
    public static IReadOnlyList<(string Word, int Index)> SplitWords(string value)
    {
        var words = new List<(string, int)>();
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] is not ' ' and not ',' and not '\n') continue;
            var from = start;
            var to = i;
            while (from < to && Fail2banParser.IsPythonSpace(value[from])) from++;
            while (to > from && Fail2banParser.IsPythonSpace(value[to - 1])) to--;
            if (to > from) words.Add((value.Substring(from, to - from), from));
            start = i + 1;
        }
        return words;
    }
}

/// <summary>What an <c>ignoreip</c> word is to fail2ban's <c>IPAddr</c>.</summary>
public enum Fail2banAddressKind
{
    /// <summary>One IPv4 or IPv6 address.</summary>
    Address,
    /// <summary>An address with a prefix length or a dotted mask: a network.</summary>
    Network,
    /// <summary>Not an address: fail2ban resolves it as a host name (DNS) when it checks an IP.</summary>
    HostName,
    /// <summary>A prefix fail2ban cannot read (<c>10.0.0.0/abc</c>, two slashes): it fails on it.</summary>
    Invalid,
}

/// <summary>One word of <c>ignoreip</c>: an address, a network (<c>10.0.0.0/8</c>, <c>192.168.0.0/255.255.0.0</c>,
/// <c>[::1]</c>), or a host name.</summary>
public sealed class Fail2banAddress
{
    private Fail2banAddress(string text, Fail2banAddressKind kind, IPAddress? address, int? prefixLength, string? problem)
    {
        Text = text;
        Kind = kind;
        Address = address;
        PrefixLength = prefixLength;
        Problem = problem;
    }

    public string Text { get; }
    public Fail2banAddressKind Kind { get; }
    /// <summary>The address (for a network, as written, before fail2ban masks the host bits).</summary>
    public IPAddress? Address { get; }
    /// <summary>32 or 128 for a single address; the prefix for a network; null for a host name.</summary>
    public int? PrefixLength { get; }
    /// <summary>Why fail2ban cannot read it (for <see cref="Fail2banAddressKind.Invalid"/>).</summary>
    public string? Problem { get; }
    public bool IsIPv6 => Address?.AddressFamily == AddressFamily.InterNetworkV6;
    /// <summary>Covers every address of its family (<c>0.0.0.0/0</c>, <c>::/0</c>).</summary>
    public bool CoversEverything => Kind == Fail2banAddressKind.Network && PrefixLength == 0;

    private static readonly Regex DottedQuad = new(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$",
        RegexOptions.CultureInvariant);

    /// <summary>As fail2ban's <c>IPAddr</c> reads it: brackets around an IPv6 address are dropped; <c>/N</c> or a dotted
    /// (or IPv6) mask makes a network; the address must be what <c>inet_pton</c> accepts (no leading zeros in IPv4, no
    /// zone index); anything else is a host name.</summary>
    public static Fail2banAddress Parse(string text)
    {
        var body = text;
        if (body.Length > 2 && body[0] == '[' && body[body.Length - 1] == ']') body = body.Substring(1, body.Length - 2);
        var slash = body.IndexOf('/');
        if (slash < 0)
        {
            var single = Pton(body);
            return single is null
                ? new Fail2banAddress(text, Fail2banAddressKind.HostName, null, null, null)
                : new Fail2banAddress(text, Fail2banAddressKind.Address, single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128, null);
        }
        var host = body.Substring(0, slash);
        var mask = body.Substring(slash + 1);
        int prefix;
        if (mask.IndexOf('.') >= 0 || mask.IndexOf(':') >= 0)
        {
            if (MaskLength(mask) is not { } length)
                return new Fail2banAddress(text, Fail2banAddressKind.Invalid, null, null, $"`{mask}` is not a network mask");
            prefix = length;
        }
        else if (!Fail2banValues.TryParseInteger(mask, out var parsed) || parsed < 0 || parsed > int.MaxValue)
            return new Fail2banAddress(text, Fail2banAddressKind.Invalid, null, null, $"`{mask}` is not a prefix length");
        else prefix = (int)parsed;
        var address = Pton(host);
        if (address is null) return new Fail2banAddress(text, Fail2banAddressKind.HostName, null, prefix, null);
        return new Fail2banAddress(text, Fail2banAddressKind.Network, address, prefix, null);
    }

    /// <summary>The address <c>inet_pton</c> reads, IPv4 then IPv6, or null.</summary>
    private static IPAddress? Pton(string text)
    {
        if (DottedQuad.IsMatch(text)) return IPAddress.Parse(text);
        if (text.IndexOf(':') < 0 || text.IndexOf('%') >= 0 || text.Any(c => !(Uri.IsHexDigit(c) || c is ':' or '.'))) return null;
        return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? address : null;
    }

    /// <summary>A mask's prefix length when its bits are contiguous (what fail2ban's <c>masktoplen</c> counts).</summary>
    private static int? MaskLength(string mask)
    {
        if (Pton(mask) is not { } address) return null;
        var bytes = address.GetAddressBytes();
        var length = 0;
        var ended = false;
        foreach (var b in bytes)
            for (var bit = 7; bit >= 0; bit--)
            {
                var set = (b >> bit & 1) == 1;
                if (set && ended) return null;
                if (set) length++;
                else ended = true;
            }
        return length;
    }

    public override string ToString() => Text;
}

/// <summary>One item of a jail's <c>port</c> list (what the ban action blocks): a port number, a service name, or a
/// range <c>a:b</c> (iptables' multiport syntax, which fail2ban's stock actions use; nftables' actions accept it too).</summary>
public sealed class Fail2banPortItem
{
    internal Fail2banPortItem(string text, int index, int? from, int? to)
    {
        Text = text;
        Index = index;
        From = from;
        To = to;
    }

    public string Text { get; }
    /// <summary>Offset of <see cref="Text"/> in the port value.</summary>
    public int Index { get; }
    /// <summary>The first port, null for a name that is not in the services table or text that is not a port.</summary>
    public int? From { get; }
    public int? To { get; }
    public bool IsKnown => From is not null;
    public bool IsRange => From != To;

    public bool Covers(int port) => From is { } from && To is { } to && port >= from && port <= to;

    public override string ToString() => Text;
}

/// <summary>Port values: comma (or blank) separated items, ranges with <c>:</c>, names from <c>/etc/services</c>.</summary>
public static class Fail2banPorts
{
    /// <summary>TCP ports of the service names fail2ban's stock jails use (jail.conf 1.0.2), and common others,
    /// as Debian's netbase <c>/etc/services</c> lists them.</summary>
    public static readonly IReadOnlyDictionary<string, int> Services = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ftp-data"] = 20, ["ftp"] = 21, ["ssh"] = 22, ["telnet"] = 23, ["smtp"] = 25, ["domain"] = 53, ["tftp"] = 69,
        ["http"] = 80, ["www"] = 80, ["kerberos"] = 88, ["pop3"] = 110, ["sunrpc"] = 111, ["nntp"] = 119, ["ntp"] = 123,
        ["imap2"] = 143, ["imap"] = 143, ["snmp"] = 161, ["ldap"] = 389, ["https"] = 443, ["submissions"] = 465,
        ["ssmtp"] = 465, ["smtps"] = 465, ["syslog"] = 514, ["submission"] = 587, ["ipp"] = 631, ["ldaps"] = 636,
        ["rsync"] = 873, ["ftps-data"] = 989, ["ftps"] = 990, ["imaps"] = 993, ["pop3s"] = 995, ["socks"] = 1080,
        ["openvpn"] = 1194, ["ms-sql-s"] = 1433, ["mysql"] = 3306, ["ms-wbt-server"] = 3389, ["svn"] = 3690,
        ["sieve"] = 4190, ["sip"] = 5060, ["sip-tls"] = 5061, ["xmpp-client"] = 5222, ["xmpp-server"] = 5269,
        ["postgresql"] = 5432, ["x11"] = 6000, ["redis"] = 6379, ["ircd"] = 6667, ["http-alt"] = 8080, ["git"] = 9418,
        ["webmin"] = 10000, ["mongodb"] = 27017,
    };

    /// <summary>A port number or a known service name.</summary>
    public static int? Resolve(string name)
    {
        if (name.Length > 0 && name.All(c => c is >= '0' and <= '9'))
            return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65535 ? number : null;
        return Services.TryGetValue(name.ToLowerInvariant(), out var port) ? port : null;
    }

    /// <summary>The items of a <c>port</c> value, with their offsets.</summary>
    public static IReadOnlyList<Fail2banPortItem> Parse(string value)
    {
        var items = new List<Fail2banPortItem>();
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] != ',' && !Fail2banParser.IsPythonSpace(value[i])) continue;
            if (i > start)
            {
                var text = value.Substring(start, i - start);
                var colon = text.IndexOf(':');
                int? from, to;
                if (colon >= 0)
                {
                    from = text.Substring(0, colon) is { Length: > 0 } low ? Resolve(low) : 0;
                    to = text.Substring(colon + 1) is { Length: > 0 } high ? Resolve(high) : 65535;
                    if (from is null || to is null || from > to) from = to = null;
                }
                else from = to = Resolve(text);
                items.Add(new Fail2banPortItem(text, start, from, to));
            }
            start = i + 1;
        }
        return items;
    }
}

/// <summary>One action of a jail's <c>action</c> (or a filter reference): the name before <c>[</c> and the options
/// inside the brackets (<c>iptables-multiport[port="ssh", protocol=tcp]</c>; later groups <c>][</c> override earlier ones).</summary>
public sealed record Fail2banActionReference(string Name, IReadOnlyDictionary<string, string> Options, string Text)
{
    /// <summary>The <c>port</c> the jail passes to the action, or null (the action file's own default then applies).</summary>
    public string? Port => Options.TryGetValue("port", out var port) ? port : null;
}

/// <summary><c>action</c> values as fail2ban's jail reader cuts them (<c>splitWithOptions</c>, then <c>extractOptions</c>
/// for each action, both in helpers.py).</summary>
public static class Fail2banActions
{
    private const RegexOptions Dotall = RegexOptions.Singleline | RegexOptions.CultureInvariant;
    private static readonly Regex Split = new(@"(?:[^\[\s]+(?:\s*\[\s*(?:[\w\-_\.]+=(?:""[^""]*""|'[^']*'|[^,\]]*)\s*(?:,|\]\s*\[)?\s*)*\])?\s*|\S+)(?=\n\s*|\s+|$)", Dotall);
    private static readonly Regex Reference = new(@"^([^\[]+)(?:\[(.*)\])?\s*$", Dotall);
    private static readonly Regex Option = new(@"\s*([\w\-_\.]+)=(?:""([^""]*)""|'([^']*)'|([^,\]]*))(?:,|\]\s*\[|$|(?<wrongA>.+))|,?\s*$|(?<wrongB>.+)", Dotall);

    /// <summary>The actions of <paramref name="value"/>, in order; an action fail2ban cannot read ("Invalid action
    /// definition", the jail is then skipped) is left out and counted in <paramref name="invalid"/>.</summary>
    public static IReadOnlyList<Fail2banActionReference> Parse(string value, out int invalid)
    {
        invalid = 0;
        var actions = new List<Fail2banActionReference>();
        foreach (Match piece in Split.Matches(value))
        {
            var text = Fail2banParser.Strip(piece.Value);
            if (text.Length == 0) continue;
            if (Read(text) is { } action) actions.Add(action);
            else invalid++;
        }
        return actions;
    }

    /// <summary>fail2ban's <c>extractOptions</c>: null where it raises.</summary>
    public static Fail2banActionReference? Read(string text)
    {
        var match = Reference.Match(text);
        if (!match.Success) return null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (match.Groups[2].Success && match.Groups[2].Value.Length > 0)
            foreach (Match option in Option.Matches(match.Groups[2].Value))
            {
                if (option.Groups["wrongA"].Success || option.Groups["wrongB"].Success) return null;
                if (!option.Groups[1].Success || option.Groups[1].Value.Length == 0) continue;
                var value = option.Groups[2].Success ? option.Groups[2].Value : option.Groups[3].Success ? option.Groups[3].Value : option.Groups[4].Value;
                options[Fail2banParser.Strip(option.Groups[1].Value)] = Fail2banParser.Strip(value);
            }
        return new Fail2banActionReference(match.Groups[1].Value, options, text);
    }
}

/// <summary>Python's way of showing a string (<c>repr</c>), for quoting fail2ban's messages faithfully.</summary>
internal static class PythonText
{
    public static string Repr(string text)
    {
        var quote = text.IndexOf('\'') >= 0 && text.IndexOf('"') < 0 ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < ' ' || c == '\x7f') sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }
}
