using System.Linq;
using Stacklint.Rules.Compose;

namespace Stacklint.Rules.Stack;

/// <summary>A compose service nginx proxies to that also publishes the proxied port on all interfaces: clients can go
/// around nginx, and with it around TLS, the security headers, rate limits and access rules.</summary>
public sealed class STK002BackendPublishedPastNginx : StackRule
{
    public override void Analyze(StackContext cx)
    {
        foreach (var project in cx.Stack.Compose)
        {
            var facts = cx.Stack.ComposeFacts(project);
            foreach (var service in project.Services)
                foreach (var published in ComposePublishing.Published(service, facts.Daemon).Where(p => p.IsExposed))
                {
                    var links = facts.ProxiedThrough(service, published.Port);
                    if (links.Count == 0) continue;
                    var first = links[0];
                    var how = first.ViaPublishedPort
                        ? $"nginx on the host proxies to its published port ({first.Backend.Source.Name} `{first.Backend.Host}:{first.Backend.Port}`, {first.Backend.Source.Origin})"
                        : $"nginx proxies to it on the compose network ({first.Backend.Source.Name} `{first.Backend.Host}:{first.Backend.Port}`, {first.Backend.Source.Origin})";
                    var others = links.Count > 1 ? $" and {links.Count - 1} more place{(links.Count == 2 ? "" : "s")}" : "";
                    var fix = first.ViaPublishedPort
                        ? "Publish it on loopback only (`127.0.0.1:HOST:CONTAINER`), which is all nginx on the host needs"
                        : "Remove the `ports:` entry (nginx reaches the service on the compose network), or publish it on loopback (`127.0.0.1:HOST:CONTAINER`)";
                    cx.Report(published.Origin.Location,
                        $"service `{service.Name}` is published {published.Where}: {published.Written}, but {how}{others}. Clients that connect "
                        + $"to the port directly skip nginx: its TLS, security headers, rate limits and access rules. {fix}.",
                        links.Select(l => l.Backend.Source.Location).Distinct());
                }
        }
    }
}
