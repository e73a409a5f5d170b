using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX014PlainHttpNotRedirected : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        var servers = cx.Servers().Where(s => !NginxServers.IsLoopbackOnly(s)).ToList();
        var tlsNames = servers.Where(NginxServers.IsTls).SelectMany(NginxServers.Names).Where(Real).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var plain = servers.Where(NginxServers.IsPlainHttp).ToList();
        foreach (var server in plain)
        {
            if (Redirects(server)) continue;
            var shared = NginxServers.Names(server).Where(n => tlsNames.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            // Names with an HTTPS server but no plain-HTTP server of their own reach the port's default server.
            var orphans = NginxServers.PlainPorts(server).Where(p => IsDefault(server, p, plain))
                .SelectMany(_ => tlsNames.Where(n => !plain.Any(s => NginxServers.Names(s).Contains(n, StringComparer.OrdinalIgnoreCase))))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var names = shared.Concat(orphans).ToList();
            if (names.Count == 0) continue;
            var how = orphans.Count > 0 && shared.Count == 0 ? " (as the default server of its port, it answers every name no other server claims)" : "";
            cx.Report(server, $"{server.Describe()} serves {string.Join(", ", names)} over plain HTTP{how} although an HTTPS server exists for {(names.Count == 1 ? "it" : "them")}: visitors who type the name or follow an old link stay on HTTP, where traffic can be read and changed. Answer plain HTTP with `return 301 https://$host$request_uri;`.");
        }
    }

    private static bool Real(string name) => name.Length > 0 && name != "_" && name != "localhost" && !name.StartsWith("~", StringComparison.Ordinal);

    /// <summary>The default server of a port: the one marked default_server, else the first listening there.</summary>
    private static bool IsDefault(NginxLevel server, string port, IReadOnlyList<NginxLevel> plain)
    {
        var on = plain.Where(s => NginxServers.PlainPorts(s).Contains(port)).ToList();
        var marked = on.FirstOrDefault(s => NginxServers.IsDefaultFor(s, port));
        return (marked ?? on.FirstOrDefault()) == server;
    }

    /// <summary>No plain-HTTP request gets content: the server answers with a redirect to https, a refusal, or a silent
    /// close — at server level (after any <c>if ($host …)</c> redirects), or in every location but the ACME HTTP-01
    /// challenge, which must stay on plain HTTP.</summary>
    private static bool Redirects(NginxLevel server)
    {
        if (NginxServers.IsSilent(server)) return true;
        bool Answers(NginxNode r) => r.Arg(0) is { } code && (code is "444" || code.StartsWith("4", StringComparison.Ordinal)
            || (code is "301" or "302" or "303" or "307" or "308" && (r.Arg(1) ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase)));
        if (server.Own("return").Any(Answers)) return true;
        if (server.Own("rewrite").Any(r => (r.Arg(1) ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase))) return true;
        // A combined server sending plain requests away: if ($scheme = http) { return 301 https://…; }
        if (server.Children.Any(c => c.IsIf && c.Arguments.Any(a => a.Value.Contains("$scheme")) && c.Own("return").Any(Answers))) return true;
        var leaves = server.Descendants().Where(l => l.IsLocation && !l.Children.Any(c => c.IsLocation)
            && !(l.Arguments.LastOrDefault()?.Value ?? "").Contains("/.well-known/acme-challenge")).ToList();
        return leaves.Count > 0 && leaves.All(l => l.Own("return").Any(Answers) || l.Own("rewrite").Any(r => (r.Arg(1) ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase)));
    }
}
