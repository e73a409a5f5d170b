using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Nginx;

/// <summary>What a server block is for, read off its directives.</summary>
public static class NginxServers
{
    /// <summary>A <c>listen</c> whose socket speaks TLS: the <c>ssl</c> or <c>quic</c> parameter.</summary>
    public static bool IsTlsListen(NginxNode listen) => listen.Arguments.Skip(1).Any(a => a.Is("ssl") || a.Is("quic"));

    /// <summary>The directives that hand a request to a backend instead of answering it from disk.</summary>
    public static readonly IReadOnlyList<string> BackendDirectives = new[] { "proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass" };

    /// <summary>The level's own directive passing requests to a backend, or null.</summary>
    public static NginxNode? Backend(NginxLevel level) =>
        BackendDirectives.Select(b => level.Own(b).FirstOrDefault()).FirstOrDefault(n => n is not null);

    /// <summary>Serves TLS: a <c>listen … ssl</c> (or <c>quic</c>) socket, or the old <c>ssl on</c> (removed in 1.25.1).</summary>
    public static bool IsTls(NginxLevel server) =>
        server.Own("listen").Any(IsTlsListen)
        || server.Own("ssl").Any(s => s.Arg(0) == "on");

    /// <summary>Listens on plain HTTP: a <c>listen</c> without <c>ssl</c>/<c>quic</c>, or no <c>listen</c> at all
    /// (nginx then listens on *:80).</summary>
    public static bool IsPlainHttp(NginxLevel server)
    {
        var listens = server.Own("listen").ToList();
        if (listens.Count == 0) return !server.Own("ssl").Any(s => s.Arg(0) == "on");
        return listens.Any(l => !IsTlsListen(l));
    }

    /// <summary>A server that answers nothing: it closes the connection (<c>return 444</c>) or refuses the TLS
    /// handshake (<c>ssl_reject_handshake on</c>) — a catch-all, for which response headers mean nothing.</summary>
    public static bool IsSilent(NginxLevel server) =>
        server.Own("return").Any(r => r.Arg(0) == "444")
        || server.Own("ssl_reject_handshake").Any(r => r.Arg(0) == "on");

    /// <summary>A server that serves no content of its own: a server-level <c>return</c> or redirecting <c>rewrite</c>
    /// answers every request before any location is chosen, or every location redirects or refuses, except a location
    /// for Let's Encrypt's HTTP-01 challenge (certbot's webroot layout), which answers the CA, not users.</summary>
    public static bool IsRedirectOnly(NginxLevel server)
    {
        if (server.Own("return").Any(r => IsRedirectOrRefusal(r.Arg(0)))) return true;
        if (server.Own("rewrite").Any(r => r.Arg(2) is "permanent" or "redirect" || (r.Arg(1) ?? "").StartsWith("http", StringComparison.OrdinalIgnoreCase))) return true;
        var leaves = server.Descendants().Where(l => l.IsLocation && !l.Children.Any(c => c.IsLocation) && !IsAcmeChallenge(l)).ToList();
        return leaves.Count > 0 && leaves.All(l => l.Own("return").Any(r => IsRedirectOrRefusal(r.Arg(0))));
    }

    /// <summary>A prefix location for <c>/.well-known/acme-challenge/</c>: the ACME HTTP-01 challenge must be answered on
    /// port 80, over plain HTTP, from files (RFC 8555 section 8.3).</summary>
    public static bool IsAcmeChallenge(NginxLevel location) =>
        location.IsLocation && location.Arguments.Count > 0 && location.Arguments.Last().Value.TrimEnd('/') == "/.well-known/acme-challenge"
        && (location.Arguments.Count == 1 || location.Arguments[0].Value is "^~" or "=");

    private static bool IsRedirectOrRefusal(string? code) =>
        code is "301" or "302" or "303" or "307" or "308" or "444" || (code is { Length: 3 } && code[0] == '4');

    /// <summary>Every socket the server listens on is loopback (127.0.0.0/8, [::1], localhost) or a unix socket: only
    /// the host itself (a local exporter, a reverse proxy on the same machine) can reach it.</summary>
    public static bool IsLoopbackOnly(NginxLevel server)
    {
        var listens = server.Own("listen").Select(l => l.Arg(0) ?? "").ToList();
        return listens.Count > 0 && listens.All(a => a.StartsWith("127.", StringComparison.Ordinal) || a.StartsWith("[::1]", StringComparison.Ordinal)
            || a.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) || a.StartsWith("unix:", StringComparison.Ordinal));
    }

    /// <summary>The ports a server takes plain-HTTP connections on (80 when it has no listen).</summary>
    public static IReadOnlyList<string> PlainPorts(NginxLevel server)
    {
        var listens = server.Own("listen").Where(l => !IsTlsListen(l)).ToList();
        if (listens.Count == 0) return server.Own("listen").Any() ? Array.Empty<string>() : new[] { "80" };
        return listens.Select(l => Port(l.Arg(0) ?? "")).ToList();
    }

    public static bool IsDefaultFor(NginxLevel server, string port) =>
        server.Own("listen").Any(l => Port(l.Arg(0) ?? "") == port && l.Arguments.Skip(1).Any(a => a.Is("default_server") || a.Is("default")));

    /// <summary>The port of a listen address: "80", "*:80", "0.0.0.0:80", "[::]:80" → "80"; a bare address → "80".</summary>
    public static string Port(string address)
    {
        if (address.StartsWith("unix:", StringComparison.Ordinal)) return address;
        var colon = address.LastIndexOf(':');
        var bracket = address.LastIndexOf(']');
        if (colon > bracket) return address.Substring(colon + 1);
        return address.All(char.IsDigit) && address.Length > 0 ? address : "80";
    }

    /// <summary>Redirects to HTTPS: a server-level <c>return 30x https://…</c>, or every location doing so.</summary>
    public static bool RedirectsToHttps(NginxLevel server)
    {
        static bool ToHttps(NginxNode r) => r.Arg(0) is "301" or "302" or "303" or "307" or "308"
            && (r.Arg(1) ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (server.Own("return").Any(ToHttps)) return true;
        if (server.Own("rewrite").Any(r => (r.Arg(1) ?? "").StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && (r.Arg(2) is "permanent" or "redirect" || r.Arguments.Count == 2))) return true;
        var locations = server.Children.Where(c => c.IsLocation).ToList();
        return locations.Count > 0 && locations.All(l => l.Own("return").Any(ToHttps));
    }

    /// <summary>The names a server answers to (<c>server_name</c> arguments; "" when it has none).</summary>
    public static string[] Names(NginxLevel server) =>
        server.Own("server_name").SelectMany(s => s.Arguments.Select(a => a.Value)).DefaultIfEmpty("").ToArray();
}

/// <summary>A <c>server</c> of the stream module (TCP/UDP proxying): its settings merge from the stream block only.</summary>
public sealed class NginxStreamServer
{
    public NginxStreamServer(NginxNode server) => Node = server;

    public NginxNode Node { get; }

    public bool IsTls => Node.Children("listen").Any(l => l.Arguments.Skip(1).Any(a => a.Is("ssl")));

    /// <summary>The server's own directive, else the enclosing stream block's.</summary>
    public NginxNode? Find(string name) =>
        Node.Children(name).FirstOrDefault() ?? Node.Parent?.Children(name).FirstOrDefault();

    public static IEnumerable<NginxStreamServer> All(NginxConfig config) =>
        config.AllNodes().Where(n => n.Is("server") && n.Context == NginxContext.Stream && n.Block is not null).Select(n => new NginxStreamServer(n));
}
