using System;
using System.Globalization;
using System.Linq;
using System.Net;

namespace Stacklint.Formats.Compose;

/// <summary>A port or an inclusive range of ports (<c>8000-8010</c>).</summary>
public readonly struct ComposePortRange : IEquatable<ComposePortRange>
{
    public ComposePortRange(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }
    public int End { get; }
    public bool IsSingle => Start == End;
    public int Count => End - Start + 1;
    public bool Contains(int port) => port >= Start && port <= End;
    public bool Overlaps(ComposePortRange other) => Start <= other.End && other.Start <= End;

    public bool Equals(ComposePortRange other) => Start == other.Start && End == other.End;
    public override bool Equals(object? obj) => obj is ComposePortRange other && Equals(other);
    public override int GetHashCode() => Start * 65537 + End;
    public override string ToString() => IsSingle ? Start.ToString(CultureInfo.InvariantCulture) : $"{Start}-{End}";

    /// <summary>"80" or "8000-8010" (ports 0–65535, start ≤ end), as Docker's port parser reads them.</summary>
    public static bool TryParse(string text, out ComposePortRange range)
    {
        range = default;
        var dash = text.IndexOf('-');
        var first = dash < 0 ? text : text.Substring(0, dash);
        var last = dash < 0 ? text : text.Substring(dash + 1);
        if (!TryPort(first, out var start) || !TryPort(last, out var end) || end < start) return false;
        range = new ComposePortRange(start, end);
        return true;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}

/// <summary>
/// A published (or only declared) port of a service, normalised from any syntax: <c>"5432"</c>, <c>"5432:5432"</c>,
/// <c>"127.0.0.1:5432:5432"</c>, <c>"127.0.0.1::5432"</c>, <c>"[::1]:5432:5432"</c>, <c>"::1:5432:5432"</c>,
/// <c>"8000-8010:8000-8010"</c>, <c>"53:53/udp"</c>, a bare number, and the long form
/// (<c>target</c>, <c>published</c>, <c>host_ip</c>, <c>protocol</c>, <c>mode</c>, <c>app_protocol</c>, <c>name</c>).
/// </summary>
public sealed class ComposePort
{
    internal ComposePort(ComposeNode node, string? hostIp, ComposePortRange? published, ComposePortRange target, string protocol,
        string? mode, string? appProtocol, string? name)
    {
        Node = node;
        HostIp = hostIp;
        Published = published;
        Target = target;
        Protocol = protocol;
        Mode = mode;
        AppProtocol = appProtocol;
        Name = name;
    }

    /// <summary>The item of <c>ports:</c> (a scalar, or the long form's mapping).</summary>
    public ComposeNode Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    public bool IsLongSyntax => Node is ComposeMapping;
    /// <summary>The host address the port is bound to, without brackets; null when none is given: all interfaces
    /// (<c>0.0.0.0</c> and <c>::</c>, or the daemon's <c>ip</c> setting).</summary>
    public string? HostIp { get; }
    /// <summary>The host port(s); null when Docker picks a free host port (<c>"5432"</c>, <c>"127.0.0.1::5432"</c>).
    /// Either way the container port is published.</summary>
    public ComposePortRange? Published { get; }
    /// <summary>The container port(s).</summary>
    public ComposePortRange Target { get; }
    /// <summary><c>tcp</c> (the default), <c>udp</c> or <c>sctp</c>, lower case.</summary>
    public string Protocol { get; }
    /// <summary>Long form <c>mode</c> (<c>ingress</c>, <c>host</c>), or null.</summary>
    public string? Mode { get; }
    public string? AppProtocol { get; }
    public string? Name { get; }

    /// <summary>Reachable from every interface of the host: no host IP, or an unspecified address (0.0.0.0, ::).</summary>
    public bool IsOnAllInterfaces => HostIp is null || IsUnspecified(HostIp);
    /// <summary>Bound to a loopback address only (127.0.0.0/8, ::1).</summary>
    public bool IsLoopbackOnly => HostIp is not null && IPAddress.TryParse(HostIp, out var address) && IPAddress.IsLoopback(address);

    /// <summary>An IP address as Go's <c>net.ParseIP</c> reads one: four dotted decimals, or IPv6 (.NET alone would
    /// also take "1.2.3" or "1").</summary>
    public static bool IsIpAddress(string text)
    {
        if (text.IndexOf(':') >= 0) return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool IsUnspecified(string ip) =>
        IPAddress.TryParse(ip, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    /// <summary>"host ip:published → target/protocol", with <c>*</c> for all interfaces and <c>?</c> for a random host port.</summary>
    public override string ToString() =>
        $"{(HostIp is null ? "*" : HostIp.Contains(":") ? "[" + HostIp + "]" : HostIp)}:{Published?.ToString() ?? "?"}->{Target}/{Protocol}";

    /// <summary>Reads one item of <c>ports:</c>; null with <paramref name="error"/> set when Compose would refuse it.</summary>
    public static ComposePort? Read(ComposeNode node, out string? error)
    {
        error = null;
        switch (node)
        {
            case ComposeScalar { IsNull: false } scalar:
                return ParseShort(node, scalar.Text ?? "", out error);
            case ComposeMapping mapping:
                return ParseLong(mapping, out error);
            default:
                error = "a port is a string such as \"127.0.0.1:8080:80\" or a mapping with `target`";
                return null;
        }
    }

    /// <summary>The short syntax, split the way Docker's <c>nat.ParsePortSpec</c> splits it.</summary>
    public static ComposePort? ParseShort(ComposeNode node, string spec, out string? error)
    {
        error = null;
        var parts = spec.Split(':');
        var n = parts.Length;
        var container = parts[n - 1];
        string ip = "", host = "";
        if (n == 2) host = parts[0];
        else if (n >= 3)
        {
            ip = string.Join(":", parts, 0, n - 2);
            host = parts[n - 2];
        }

        var slash = container.IndexOf('/');
        var protocol = "tcp";
        if (slash >= 0)
        {
            var proto = container.Substring(slash + 1);
            container = container.Substring(0, slash);
            if (proto.Length > 0) protocol = proto.ToLowerInvariant();
        }
        if (protocol is not ("tcp" or "udp" or "sctp"))
        {
            error = $"unknown protocol `{protocol}` (tcp, udp or sctp)";
            return null;
        }
        if (ip.StartsWith("[", StringComparison.Ordinal))
        {
            if (!ip.EndsWith("]", StringComparison.Ordinal))
            {
                error = $"invalid IP address `{ip}`";
                return null;
            }
            ip = ip.Substring(1, ip.Length - 2);
        }
        if (ip.Length > 0 && !IsIpAddress(ip))
        {
            error = $"invalid IP address `{ip}`";
            return null;
        }
        if (container.Length == 0)
        {
            error = "no container port is given";
            return null;
        }
        if (!ComposePortRange.TryParse(container, out var target))
        {
            error = $"invalid container port `{container}`";
            return null;
        }
        ComposePortRange? published = null;
        if (host.Length > 0)
        {
            if (!ComposePortRange.TryParse(host, out var hostRange))
            {
                error = $"invalid host port `{host}`";
                return null;
            }
            // A host range with a single container port is the range to pick a free host port from.
            if (hostRange.Count != target.Count && !target.IsSingle)
            {
                error = $"the host range {hostRange} and the container range {target} differ in size";
                return null;
            }
            published = hostRange;
        }
        return new ComposePort(node, ip.Length == 0 ? null : ip, published, target, protocol, null, null, null);
    }

    private static ComposePort? ParseLong(ComposeMapping mapping, out string? error)
    {
        error = null;
        var targetText = mapping["target"]?.Text;
        if (targetText is null || !ComposePortRange.TryParse(targetText.Trim(), out var target))
        {
            error = targetText is null ? "the long port syntax needs `target`" : $"invalid target port `{targetText}`";
            return null;
        }
        ComposePortRange? published = null;
        var publishedText = mapping["published"]?.Text?.Trim();
        if (!string.IsNullOrEmpty(publishedText))
        {
            if (!ComposePortRange.TryParse(publishedText!, out var range))
            {
                error = $"invalid published port `{publishedText}`";
                return null;
            }
            published = range;
        }
        var hostIp = mapping["host_ip"]?.Text?.Trim();
        if (hostIp is { Length: > 0 } && hostIp.StartsWith("[", StringComparison.Ordinal) && hostIp.EndsWith("]", StringComparison.Ordinal))
            hostIp = hostIp.Substring(1, hostIp.Length - 2);
        if (hostIp is { Length: > 0 } && !IsIpAddress(hostIp))
        {
            error = $"invalid host_ip `{hostIp}`";
            return null;
        }
        var protocol = mapping["protocol"]?.Text?.Trim().ToLowerInvariant();
        return new ComposePort(mapping, string.IsNullOrEmpty(hostIp) ? null : hostIp, published, target,
            string.IsNullOrEmpty(protocol) ? "tcp" : protocol!, mapping["mode"]?.Text, mapping["app_protocol"]?.Text, mapping["name"]?.Text);
    }
}
