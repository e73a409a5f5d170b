using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Stacklint.Formats.Nginx;

/// <summary>A TCP address nginx hands requests to: the host and port of a <c>proxy_pass</c> (or fastcgi/uwsgi/scgi/grpc
/// pass), or of a <c>server</c> line of the upstream it names.</summary>
public sealed record NginxBackend(NginxNode Directive, NginxNode? UpstreamServer, string Host, int Port)
{
    /// <summary>The line that names the address: the upstream's <c>server</c> line, else the pass directive.</summary>
    public NginxNode Source => UpstreamServer ?? Directive;
    public override string ToString() => $"{Host}:{Port} ({Source.Origin})";
}

/// <summary>Reads where a configuration sends requests. Addresses built from variables (<c>proxy_pass http://$upstream</c>)
/// and unix sockets are skipped: they name no TCP port a rule could check.</summary>
public static class NginxBackends
{
    public static IReadOnlyList<NginxBackend> Of(NginxConfig config)
    {
        var upstreams = config.All("upstream").Where(u => u.Arg(0) is not null)
            .GroupBy(u => u.Arg(0)!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new List<NginxBackend>();
        foreach (var pass in config.AllNodes().Where(n => NginxServers.BackendDirectives.Contains(n.Name) && n.Arg(0) is not null))
        {
            if (!TryRead(pass.Arg(0)!, out var scheme, out var host, out var port)) continue;
            // A name without a port may be an upstream block; its servers are the addresses.
            if (port is null && upstreams.TryGetValue(host, out var upstream))
            {
                foreach (var server in upstream.Children("server").Where(s => s.Arg(0) is not null))
                    if (TryRead(server.Arg(0)!, out _, out var serverHost, out var serverPort))
                        result.Add(new NginxBackend(pass, server, serverHost, serverPort ?? 80));
                continue;
            }
            result.Add(new NginxBackend(pass, null, host, port ?? DefaultPort(scheme)));
        }
        return result;
    }

    /// <summary>Splits <c>http://api:3000/v1</c>, <c>api:9000</c>, <c>[::1]:8000</c> into scheme, host and port (null
    /// when not written). False for unix sockets and addresses with variables.</summary>
    public static bool TryRead(string address, out string scheme, out string host, out int? port)
    {
        scheme = "";
        host = "";
        port = null;
        var rest = address;
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = rest.Substring(0, schemeEnd).ToLowerInvariant();
            rest = rest.Substring(schemeEnd + 3);
        }
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || rest.IndexOf('$') >= 0) return false;
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest.Substring(0, slash);
        if (rest.StartsWith("[", StringComparison.Ordinal))
        {
            var close = rest.IndexOf(']');
            if (close < 0) return false;
            host = rest.Substring(1, close - 1);
            rest = rest.Substring(close + 1);
            if (rest.StartsWith(":", StringComparison.Ordinal) && !TryPort(rest.Substring(1), out port)) return false;
            return host.Length > 0;
        }
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!TryPort(rest.Substring(colon + 1), out port)) return false;
            rest = rest.Substring(0, colon);
        }
        host = rest.ToLowerInvariant();
        return host.Length > 0;
    }

    private static bool TryPort(string text, out int? port)
    {
        port = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536 ? value : null;
        return port is not null;
    }

    private static int DefaultPort(string scheme) => scheme is "https" or "grpcs" ? 443 : 80;
}
