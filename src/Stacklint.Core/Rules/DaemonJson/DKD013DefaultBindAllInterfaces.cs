using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Formats.DaemonJson;
using Stacklint.Rules.Compose;

namespace Stacklint.Rules.DaemonJson;

/// <summary>The address ports published without a host IP bind to is every interface. Uses the one notion of the
/// daemon's default bind address (<see cref="DaemonJsonConfig.DefaultBindAddress"/>) that DCO001/DCO002 use.</summary>
public sealed class DKD013DefaultBindAllInterfaces : DaemonJsonRule
{
    private const int Listed = 5;

    public override void Analyze(DaemonJsonContext cx)
    {
        var bind = cx.Config.DefaultBindAddress;
        // An ip that is not an IP address: dockerd refuses the file (DKD010).
        if (bind is null && cx.Setting("ip") is { } ip && !(ip.IsString && ip.Text!.Length == 0)) return;
        if (bind is not null && !DaemonJsonConfig.IsAllInterfaces(bind.Text)) return;

        var state = bind is null ? $"{cx.State("ip")}, so dockerd's default 0.0.0.0 applies" : $"`ip` is {bind.Shown}";
        var opened = cx.ComposeProjects
            .SelectMany(project => project.Services.SelectMany(service => ComposePublishing.Published(service, cx.Stack.ComposeFacts(project).Daemon)
                .Where(p => p.Port.HostIp is null && p.Bind == BindClass.AllInterfaces)
                .Select(p => (Service: service.Name, Published: p))))
            .ToList();
        var related = new List<Location>();
        string where;
        if (opened.Count == 0)
            where = "every port published without a host IP (`docker run -p 8080:80`, Compose `\"8080:80\"`) listens on every interface";
        else
        {
            var shown = opened.Take(Listed).Select(o => $"{o.Published.Written} (service `{o.Service}`, {o.Published.Port.Origin.Describe()})");
            related.AddRange(opened.Take(Listed).Select(o => o.Published.Port.Origin.Location));
            where = $"in this stack that opens {string.Join(", ", shown)}{(opened.Count > Listed ? $" and {opened.Count - Listed} more" : "")} on every interface";
        }
        cx.Report(cx.At("ip"),
            $"{state}: {where}, and Docker's DNAT rules bypass UFW and firewalld. Set `\"ip\": \"127.0.0.1\"` so ports that name no address bind "
            + "loopback, and publish the ones meant to be public (the reverse proxy's 80/443) with an explicit `0.0.0.0:`.", related);
    }
}
