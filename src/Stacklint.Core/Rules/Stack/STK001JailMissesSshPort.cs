using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Formats.Sshd;

namespace Stacklint.Rules.Stack;

/// <summary>fail2ban's sshd jail bans ports sshd does not listen on: the banned address goes on guessing on the port sshd
/// really uses.</summary>
public sealed class STK001JailMissesSshPort : StackRule
{
    public override void Analyze(StackContext cx)
    {
        foreach (var deployment in cx.Stack.Deployments)
            foreach (var sshd in deployment.Sshd)
            {
                var ports = ListeningPorts(sshd);
                foreach (var link in deployment.SshdJails)
                {
                    var jail = link.Jail;
                    // An allports action bans the address on every port.
                    if ((jail.BanAction?.Value ?? "").Contains("allports") || jail.ActionNames.Any(a => a.Contains("allports"))) continue;
                    var missed = ports.Where(p => !jail.CoversPort(p.Port)).ToList();
                    if (missed.Count == 0) continue;
                    var port = jail.Port;
                    var location = port is { IsInRepository: true } ? port.Location! : jail.ReportLocation();
                    var jailPorts = port is null ? "no port" : $"port `{port.Value}` ({(port.IsInRepository ? port.Origin : port.Where)})";
                    var trap = port is { IsInRepository: false } && link.Config.Default("port") is { IsInRepository: true } defaultPort
                        ? $" The `port = {defaultPort.Value}` of [DEFAULT] ({defaultPort.Where}) does not reach it: a jail's own value, here the stock jail.conf's [{jail.Name}] `port = {port.Value}`, beats [DEFAULT] from any file."
                        : "";
                    var sshdPorts = string.Join(", ", missed.Select(p => $"{p.Port} ({p.Where})"));
                    cx.Report(location,
                        $"the fail2ban jail [{jail.Name}] bans {jailPorts}, but sshd listens on {sshdPorts}: a banned address goes on guessing on the port sshd really uses.{trap} "
                        + $"Set `port = {string.Join(",", ports.Select(p => p.Port).Distinct())}` in the [{jail.Name}] section, or use an allports ban action (`banaction = iptables-allports`).",
                        missed.Where(p => p.Location is not null).Select(p => p.Location!).Distinct());
                }
            }
    }

    private sealed record ListeningPort(int Port, string Where, Location? Location);

    /// <summary>The ports sshd listens on, as <c>sshd -T</c> works them out: each <c>ListenAddress</c> with its own port, or
    /// with every <c>Port</c>; without ListenAddress, every Port (22 when none is set).</summary>
    private static IReadOnlyList<ListeningPort> ListeningPorts(SshdConfig config)
    {
        var global = SshdEvaluator.Global(config);
        var portSetting = global.Get("Port");
        var ports = portSetting.IsDefault
            ? new List<ListeningPort> { new(22, "OpenSSH's default", null) }
            : portSetting.Lines.SelectMany(l => l.Values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? new ListeningPort(n, l.Where, l.Location) : null))
                .OfType<ListeningPort>().ToList();
        var listens = global.Get("ListenAddress");
        if (listens.IsDefault) return ports;
        var result = new List<ListeningPort>();
        foreach (var line in listens.Lines)
        {
            var address = line.Values.FirstOrDefault() ?? "";
            var colon = address.LastIndexOf(':');
            var explicitPort = colon > 0 && (address.IndexOf(':') == colon || address.Substring(0, colon).EndsWith("]", StringComparison.Ordinal))
                && int.TryParse(address.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            if (explicitPort is { } p) result.Add(new ListeningPort(p, line.Where, line.Location));
            else result.AddRange(ports);
        }
        return result.GroupBy(p => p.Port).Select(g => g.First()).ToList();
    }
}
