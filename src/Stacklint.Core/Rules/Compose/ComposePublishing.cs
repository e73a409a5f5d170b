using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;

namespace Stacklint.Rules.Compose;

/// <summary>Where a published port listens (README S3).</summary>
public enum BindClass
{
    /// <summary>No host IP (and no daemon <c>ip</c>), <c>0.0.0.0</c> or <c>::</c>: every interface of the host.</summary>
    AllInterfaces,
    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,
    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16, fc00::/7, fe80::/10: a LAN, VPN or VPC interface.</summary>
    Private,
    /// <summary>Any other literal address.</summary>
    Public,
}

/// <summary>A published port with the address it really binds: its host IP, else the daemon.json <c>ip</c>, else all
/// interfaces.</summary>
public sealed class PublishedPort
{
    internal PublishedPort(ComposePort port, string? address, BindClass bind, DaemonJsonValue? daemonIp)
    {
        Port = port;
        Address = address;
        Bind = bind;
        DaemonIp = daemonIp;
    }

    public ComposePort Port { get; }
    /// <summary>The effective bind address, or null for all interfaces.</summary>
    public string? Address { get; }
    public BindClass Bind { get; }
    /// <summary>The daemon.json <c>ip</c> the entry binds to when it has no host IP, or null.</summary>
    public DaemonJsonValue? DaemonIp { get; }
    /// <summary>All interfaces or a public address: reachable from the internet.</summary>
    public bool IsExposed => Bind is BindClass.AllInterfaces or BindClass.Public;

    /// <summary>Where the finding about the entry goes: the <c>host_ip:</c> line of a long entry that names its address,
    /// else the entry (its first line).</summary>
    public ComposeOrigin Origin => Port.Node is ComposeMapping mapping && mapping["host_ip"] is { Text: { Length: > 0 } } hostIp
        ? hostIp.Origin : Port.Origin;

    /// <summary>"0.0.0.0:5432->5432/tcp" style: host address (or "all interfaces"), host port, container port.</summary>
    public string Mapping =>
        $"{Port.Published?.ToString() ?? "(random host port)"}:{Port.Target}{(Port.Protocol == "tcp" ? "" : "/" + Port.Protocol)}";

    /// <summary>"on all interfaces", "on the public address 203.0.113.10", with the daemon.json ip when it applied.</summary>
    public string Where => Bind switch
    {
        BindClass.AllInterfaces => Port.HostIp is null
            ? DaemonIp is null ? "on all interfaces (no host IP)" : $"on all interfaces (no host IP; daemon.json `ip` is {DaemonIp.Text}, {DaemonIp.Describe()})"
            : $"on all interfaces ({Port.HostIp})",
        BindClass.Public => Port.HostIp is null ? $"on the public address {Address} (daemon.json `ip`, {DaemonIp?.Describe()})" : $"on the public address {Address}",
        BindClass.Private => $"on the private address {Address}",
        _ => $"on loopback ({Address})",
    };

    /// <summary>How the entry was written, with what interpolation made of it and where the variables come from:
    /// "`${DB_PORT:-5432}:5432` → `15432:5432` (DB_PORT from .env:1)".</summary>
    public string Written => Port.Node is ComposeScalar scalar
        ? ComposeText.Shown(scalar)
        : $"`{Mapping}` (long syntax){ComposeText.VariableNote((Port.Node as ComposeMapping)?.Entries.Select(e => e.Value).OfType<ComposeScalar>() ?? Enumerable.Empty<ComposeScalar>())}";
}

public static class ComposePublishing
{
    /// <summary>The ports a service really publishes: none with <c>network_mode: host</c> (Docker drops them).</summary>
    public static IEnumerable<PublishedPort> Published(ComposeService service, DaemonJsonDefaults daemon)
    {
        if (service.NetworkMode?.Value.Trim() == "host") yield break;
        var daemonIp = daemon.DefaultBindAddress;
        foreach (var port in service.Ports)
        {
            var address = port.HostIp ?? daemonIp?.Text;
            yield return new PublishedPort(port, address, Classify(address), port.HostIp is null ? daemonIp : null);
        }
    }

    public static BindClass Classify(string? address)
    {
        if (DaemonJsonConfig.IsAllInterfaces(address) || !IPAddress.TryParse(address!.Trim('[', ']'), out var ip)) return BindClass.AllInterfaces;
        if (IPAddress.IsLoopback(ip)) return BindClass.Loopback;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var b = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            if (b[0] == 127) return BindClass.Loopback;
            if (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 169 && b[1] == 254))
                return BindClass.Private;
            return BindClass.Public;
        }
        if ((b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)) return BindClass.Private;
        return BindClass.Public;
    }
}
