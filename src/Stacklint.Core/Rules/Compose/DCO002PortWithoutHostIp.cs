using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A port published on all interfaces: Docker's iptables rules come before UFW's, so the host firewall does
/// not protect it.</summary>
public sealed class DCO002PortWithoutHostIp : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
            foreach (var published in ComposePublishing.Published(service, cx.Daemon))
            {
                if (published.Bind != BindClass.AllInterfaces) continue;
                // The reverse proxy's public ports, which the seeds open in the firewall anyway.
                if (published.Port.Published is { } host && Enumerable.Range(host.Start, host.Count).All(p => p is 80 or 443)) continue;
                // The more specific findings say it.
                if (DCO001DatabasePortPublished.What(service, published) is not null || ComposeImages.IsAdminUi(service.Image)
                    || cx.Facts.ProxiedThrough(service, published.Port).Count > 0) continue;
                var daemonNote = published.Port.HostIp is not null ? ""
                    : cx.Daemon.IsEmpty ? $" ({cx.NoDaemonJsonNote("`ip`")})"
                    : $" ({cx.Daemon.Describe()} sets no default `ip`)";
                cx.Report(service, published.Origin,
                    $"{published.Written} is published {published.Where}{daemonNote}. Docker's DNAT rules bypass UFW and firewalld: the port "
                    + "is open to the internet whatever `ufw status` says. Publish on loopback (`127.0.0.1:HOST:CONTAINER`) behind the reverse "
                    + "proxy, drop it if only containers need it, or name the address on purpose.");
            }
    }
}
