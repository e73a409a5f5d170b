using System.Text.RegularExpressions;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A database, cache or queue published on all interfaces or a public address, or run with host networking:
/// Docker's DNAT rules bypass the host firewall, so it answers the internet.</summary>
public sealed class DCO001DatabasePortPublished : ComposeRule
{
    /// <summary>A command that makes the server listen on loopback only (redis/valkey <c>--bind</c>, mongod
    /// <c>--bind_ip</c>, mysqld <c>--bind-address</c>, postgres <c>listen_addresses</c>).</summary>
    private static readonly Regex LoopbackBind = new(
        @"(--bind|--bind_ip|--bind-address|listen_addresses|--listen-address|--host)(\s+|=)['""]?(127\.[0-9.]+|localhost|::1)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            var family = ComposeImages.DatabaseOf(service.Image);
            if (family is not null && service.NetworkMode is { Value: var mode } networkMode && mode.Trim() == "host"
                && !(service.Command is { } command && LoopbackBind.IsMatch(command.Text)))
                cx.Report(service, networkMode.Origin,
                    $"{family.Name} image `{service.Image!.Reference}` runs with `network_mode: host`: it listens on every interface of the host "
                    + "directly, and Docker's firewall rules do not even apply. Use the project network (remove `network_mode`) and publish "
                    + "on 127.0.0.1 if the host needs it, or bind the server to 127.0.0.1 in its command.");

            foreach (var published in ComposePublishing.Published(service, cx.Daemon))
            {
                if (!published.IsExposed || What(service, published) is not { } what) continue;
                var daemonNote = published.Port.HostIp is null && cx.Daemon.IsEmpty ? $" ({cx.NoDaemonJsonNote("`ip`")})" : "";
                cx.Report(service, published.Origin,
                    $"{what} is published {published.Where}: {published.Written}{daemonNote}. Docker's published ports bypass UFW and "
                    + "firewalld, so the database answers the internet. Remove the entry (containers reach it on the project network) or "
                    + "publish on loopback: `127.0.0.1:HOST:CONTAINER`.");
            }
        }
    }

    /// <summary>What makes the entry a database's ("PostgreSQL image `postgres:16`", "container port 5432 (PostgreSQL's)"),
    /// or null. DCO002 leaves the exposed entries this names to DCO001.</summary>
    internal static string? What(ComposeService service, PublishedPort published)
    {
        if (ComposeImages.DatabaseOf(service.Image) is { } family) return $"{family.Name} image `{service.Image!.Reference}`";
        return ComposeImages.DatabaseByPort(published.Port) is { } byPort ? $"container port {byPort.Port} ({byPort.Family.Name}'s)" : null;
    }
}
