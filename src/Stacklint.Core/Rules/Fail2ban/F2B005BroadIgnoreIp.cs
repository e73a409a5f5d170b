using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Numerics;
using Stacklint.Formats.Fail2ban;

namespace Stacklint.Rules.Fail2ban;

/// <summary>An ignoreip entry of an enabled jail exempts every address, or a public range broader than one organisation's
/// block (IPv4 shorter than /16, IPv6 shorter than /32): fail2ban never bans an address in ignoreip. Loopback, private,
/// link-local and other non-public space may be exempted in any size.</summary>
public sealed class F2B005BroadIgnoreIp : Fail2banRule
{
    /// <summary>Space that is not on the public internet (RFC 6890): exempting any of it is harmless.</summary>
    private static readonly (string Network, int Prefix)[] NonPublic =
    {
        ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8), ("169.254.0.0", 16), ("172.16.0.0", 12),
        ("192.168.0.0", 16), ("198.18.0.0", 15), ("224.0.0.0", 4), ("240.0.0.0", 4),
        ("::1", 128), ("fc00::", 7), ("fe80::", 10), ("ff00::", 8),
    };

    /// <summary>The private ranges a broad entry was probably meant to be (172.0.0.0/8 for 172.16.0.0/12).</summary>
    private static readonly (string Network, int Prefix)[] Private =
    {
        ("10.0.0.0", 8), ("172.16.0.0", 12), ("192.168.0.0", 16), ("100.64.0.0", 10), ("fc00::", 7),
    };

    public override void Analyze(Fail2banContext cx)
    {
        var flagged = cx.Config.EnabledJails
            .SelectMany(j => j.IgnoreIpEntries.Select(e => (Jail: j, Entry: e)))
            .Where(x => x.Entry is { Location: not null, Setting.IsInRepository: true } && IsBroad(x.Entry.Address))
            .GroupBy(x => (x.Entry.Location!.SourceSpan, x.Entry.Location.SourceTree?.FilePath ?? x.Entry.Location.GetLineSpan().Path, x.Entry.Text));
        foreach (var group in flagged)
        {
            var entry = group.First().Entry;
            var address = entry.Address;
            var bits = address.IsIPv6 ? 128 : 32;
            var prefix = address.PrefixLength!.Value;
            var jails = Fail2banContext.Jails(group.Select(x => x.Jail.Name).Distinct().ToList());
            var where = cx.Where(entry.Setting.Option!);
            var family = address.IsIPv6 ? "IPv6" : "IPv4";
            string message;
            if (prefix == 0)
                message = $"ignoreip {entry.Text} exempts every {family} address: fail2ban never bans anyone over {family} in {jails} ({where}). "
                          + "List only the networks you trust; to get back in after a ban, use `fail2ban-client set JAIL unbanip ADDRESS`.";
            else
            {
                var count = address.IsIPv6
                    ? $"2^{bits - prefix}"
                    : (BigInteger.One << (bits - prefix)).ToString("N0", CultureInfo.InvariantCulture);
                var network = Network(address.Address!, prefix);
                var masked = network.Equals(address.Address) ? "" : $" (fail2ban masks the host bits: it is {network}/{prefix})";
                var meant = Suggestion(address.Address!, prefix) is { } suggestion ? $"; did you mean {suggestion}?" : ". List only the networks you trust (offices, VPN exits, monitoring).";
                message = $"ignoreip {entry.Text}{masked} exempts {count} addresses, most of them public, from every ban in {jails} ({where}){meant}";
            }
            cx.Report(entry.Location!, message);
        }
    }

    private static bool IsBroad(Fail2banAddress address)
    {
        if (address is not { Kind: Fail2banAddressKind.Network, Address: { } ip, PrefixLength: { } prefix }) return false;
        var bits = address.IsIPv6 ? 128 : 32;
        if (prefix > bits) return false; // fail2ban cannot use it; not this rule.
        if (prefix >= (address.IsIPv6 ? 32 : 16)) return false;
        return prefix == 0 || !NonPublic.Any(n => Contains(n.Network, n.Prefix, ip, prefix));
    }

    /// <summary>The private range a broad entry was probably meant to be: one that holds the address as written with a
    /// longer prefix (192.168.1.0/8 ⇒ 192.168.0.0/16), or one inside the entry that starts with the same byte
    /// (172.0.0.0/8 ⇒ 172.16.0.0/12).</summary>
    private static string? Suggestion(IPAddress written, int prefix)
    {
        foreach (var (network, length) in Private)
            if (length > prefix && Contains(network, length, written, length)) return $"{network}/{length}";
        foreach (var (network, length) in Private)
        {
            var candidate = IPAddress.Parse(network);
            if (candidate.AddressFamily == written.AddressFamily && length > prefix && Contains(Network(written, prefix).ToString(), prefix, candidate, length)
                && candidate.GetAddressBytes()[0] == written.GetAddressBytes()[0])
                return $"{network}/{length}";
        }
        return null;
    }

    /// <summary>Whether <paramref name="ip"/>/<paramref name="prefix"/> lies inside <paramref name="network"/>/<paramref name="length"/>.</summary>
    private static bool Contains(string network, int length, IPAddress ip, int prefix)
    {
        var outer = IPAddress.Parse(network);
        if (outer.AddressFamily != ip.AddressFamily || prefix < length) return false;
        return Network(outer, length).Equals(Network(ip, length));
    }

    /// <summary>The address with its host bits cleared, as fail2ban's IPAddr masks a network.</summary>
    private static IPAddress Network(IPAddress ip, int prefix)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Max(0, Math.Min(8, prefix - i * 8));
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
