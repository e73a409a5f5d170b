using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.Sshd;

/// <summary>The connection a Match block is tested against, as <c>sshd -T -C user=…,host=…,addr=…</c> gives it.
/// A criterion whose field is missing does not match (sshd's test mode).</summary>
public sealed record SshdConnection(string? User = null, string? Host = null, string? Address = null,
    string? LocalAddress = null, int? LocalPort = null, string? RDomain = null)
{
    /// <summary>The <c>-C</c> argument for <c>sshd -T</c>.</summary>
    public string ToTestSpec() => string.Join(",", new[]
    {
        User is null ? null : "user=" + User, Host is null ? null : "host=" + Host, Address is null ? null : "addr=" + Address,
        LocalAddress is null ? null : "laddr=" + LocalAddress, LocalPort is null ? null : "lport=" + LocalPort,
        RDomain is null ? null : "rdomain=" + RDomain,
    }.Where(s => s is not null));
}

/// <summary>One <c>Match</c> line's criteria: <c>User</c>, <c>Group</c>, <c>Host</c>, <c>Address</c>,
/// <c>LocalAddress</c>, <c>LocalPort</c>, <c>RDomain</c> (AND across criteria, comma lists and <c>!</c> within one),
/// or <c>All</c>. Semantics of OpenSSH's <c>match_cfg_line</c>, <c>match_pattern_list</c> and <c>addr_match_list</c>.</summary>
public sealed class SshdMatch
{
    private static readonly string[] Attributes = { "user", "group", "host", "address", "localaddress", "localport", "rdomain" };

    private SshdMatch(bool isAll, IReadOnlyList<(string Attribute, string Patterns)> criteria)
    {
        IsAll = isAll;
        Criteria = criteria;
    }

    public bool IsAll { get; }
    public IReadOnlyList<(string Attribute, string Patterns)> Criteria { get; }

    /// <summary>Reads a Match line; on failure <paramref name="error"/> holds what sshd would say.</summary>
    public static SshdMatch? TryRead(IReadOnlyList<string> arguments, out string? error)
    {
        error = null;
        if (arguments.Count == 0) { error = "One or more attributes required for Match"; return null; }
        if (arguments[0].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (arguments.Count > 1) { error = "'all' cannot be combined with other Match attributes"; return null; }
            return new SshdMatch(true, Array.Empty<(string, string)>());
        }
        var criteria = new List<(string, string)>();
        for (var i = 0; i < arguments.Count; i += 2)
        {
            var attribute = arguments[i].ToLowerInvariant();
            if (attribute == "all") { error = "'all' cannot be combined with other Match attributes"; return null; }
            if (!Attributes.Contains(attribute)) { error = $"Unsupported Match attribute {arguments[i]}"; return null; }
            if (i + 1 >= arguments.Count || arguments[i + 1].Length == 0) { error = $"Missing Match criteria for {arguments[i]}"; return null; }
            var patterns = arguments[i + 1];
            if (attribute is "address" or "localaddress" && AddressList(null, patterns) == -2)
            {
                error = $"Invalid Match address argument '{patterns}'";
                return null;
            }
            if (attribute == "localport" && !(int.TryParse(patterns, out var port) && port is > 0 and <= 65535))
            {
                error = $"Invalid LocalPort '{patterns}' on Match line";
                return null;
            }
            criteria.Add((attribute, patterns));
        }
        return new SshdMatch(false, criteria);
    }

    /// <summary>Whether a connection matches. <c>Group</c> needs the host's user database, which a linter does
    /// not have: it never matches here.</summary>
    public bool Matches(SshdConnection connection)
    {
        if (IsAll) return true;
        foreach (var (attribute, patterns) in Criteria)
        {
            var matched = attribute switch
            {
                "user" => connection.User is { } user && PatternList(user, patterns, ignoreCase: false) == 1,
                "host" => connection.Host is { } host && PatternList(host.ToLowerInvariant(), patterns, ignoreCase: true) == 1,
                "address" => connection.Address is { } address && AddressList(address, patterns) == 1,
                "localaddress" => connection.LocalAddress is { } local && AddressList(local, patterns) == 1,
                "localport" => connection.LocalPort is { } port && int.TryParse(patterns, out var wanted) && wanted == port,
                "rdomain" => connection.RDomain is { } rdomain && PatternList(rdomain, patterns, ignoreCase: false) == 1,
                _ => false,
            };
            if (!matched) return false;
        }
        return true;
    }

    /// <summary>match_pattern_list: 1 on a positive match, -1 when a negated pattern matches, 0 otherwise.</summary>
    public static int PatternList(string value, string patterns, bool ignoreCase)
    {
        var positive = 0;
        foreach (var raw in patterns.Split(','))
        {
            var negated = raw.StartsWith("!", StringComparison.Ordinal);
            var pattern = negated ? raw.Substring(1) : raw;
            if (ignoreCase) pattern = pattern.ToLowerInvariant();
            if (!Wildcard(value, pattern)) continue;
            if (negated) return -1;
            positive = 1;
        }
        return positive;
    }

    public static bool Wildcard(string value, string pattern) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.Singleline);

    /// <summary>addr_match_list: 1 match, 0 no match, -1 negated match, -2 invalid list. With a null address
    /// only the list's syntax is checked.</summary>
    public static int AddressList(string? address, string list)
    {
        IPAddress? parsed = null;
        if (address is not null && !IPAddress.TryParse(address, out parsed)) parsed = null;
        var result = 0;
        foreach (var raw in list.Split(','))
        {
            var negated = raw.StartsWith("!", StringComparison.Ordinal);
            var entry = negated ? raw.Substring(1) : raw;
            if (entry.Length == 0) return -2;
            var network = TryNetwork(entry, out var networkAddress, out var prefix);
            if (network == -2) return -2;
            bool matched;
            if (network == 0) matched = parsed is not null && InNetwork(parsed, networkAddress!, prefix);
            else matched = address is not null && Wildcard(address, entry);
            if (!matched) continue;
            if (negated) return -1;
            result = 1;
        }
        return result;
    }

    /// <summary>0 when the entry is an address or CIDR network, -1 when it is not one (a wildcard pattern), -2 when
    /// it looks like a network but is invalid (bad prefix length, or host bits set as in 10.0.0.1/8).</summary>
    private static int TryNetwork(string entry, out IPAddress? network, out int prefix)
    {
        network = null;
        prefix = -1;
        var slash = entry.IndexOf('/');
        var addressPart = slash < 0 ? entry : entry.Substring(0, slash);
        if (!IPAddress.TryParse(addressPart, out var address) || addressPart.IndexOfAny(new[] { '*', '?' }) >= 0)
            return slash < 0 ? -1 : -2;
        if (slash < 0 && !addressPart.Contains(":") && addressPart.Count(c => c == '.') != 3) return -1;
        var bits = address.GetAddressBytes().Length * 8;
        if (slash < 0) prefix = bits;
        else if (!int.TryParse(entry.Substring(slash + 1), out prefix) || prefix < 0 || prefix > bits) return -2;
        var bytes = address.GetAddressBytes();
        for (var i = prefix; i < bits; i++)
            if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0) return -2;
        network = address;
        return 0;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length) return false;
        for (var i = 0; i < prefix; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask)) return false;
        }
        return true;
    }

    public override string ToString() => IsAll ? "All" : string.Join(" ", Criteria.Select(c => c.Attribute + " " + c.Patterns));
}
