using System;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX024DotFilesServed : NginxRule
{
    private static readonly string[] Probes = { "/.git/config", "/.env", "/.htpasswd" };

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var server in cx.Servers())
        {
            if (NginxServers.IsSilent(server) || NginxServers.IsRedirectOnly(server) || !ServesFiles(server)) continue;
            // Requests under a ^~ prefix never reach the regex locations, so probe below each of those too.
            var prefixes = server.Children.Where(c => c.IsLocation && c.Arguments.Count == 2 && c.Arguments[0].Is("^~"))
                .Select(c => c.Arguments[1].Value.TrimEnd('/'));
            var open = Probes.Concat(prefixes.SelectMany(p => Probes.Take(2).Select(probe => p + probe))).Where(p => !Blocked(server, p)).ToList();
            if (open.Count == 0) continue;
            cx.Report(server, $"{server.Describe()} serves files from disk and nothing stops requests for dot-files: {string.Join(", ", open)} would be answered from the document root if such files are there (a deployed .git leaks the source, .env the secrets). Add `location ~ /\\.(?!well-known) {{ deny all; }}` to the server.");
        }
    }

    /// <summary>Some block of the server answers from the file system: it has no backend and no <c>return</c>.</summary>
    private static bool ServesFiles(NginxLevel server)
    {
        var locations = server.Descendants().Where(l => l.IsLocation).ToList();
        if (locations.Count == 0) return ServesFilesAt(server);
        return locations.Any(l => !l.Children.Any(c => c.IsLocation) && ServesFilesAt(l) && !l.Arguments.Any(a => a.Value.StartsWith("@", StringComparison.Ordinal)));
    }

    /// <summary>The request reaches a location that refuses it: the first regex location of the server that matches,
    /// or an exact/prefix location for the path, with <c>deny all</c> or <c>return 403|404|444</c>.</summary>
    private static bool Blocked(NginxLevel server, string path)
    {
        var locations = server.Children.Where(c => c.IsLocation).ToList();
        foreach (var location in locations)
        {
            var args = location.Arguments.Select(a => a.Value).ToList();
            if (args.Count == 2 && args[0] is "=" or "^~" && path.StartsWith(args[1], StringComparison.Ordinal) && (args[0] == "^~" || path == args[1])) return Refuses(location) || !ServesFilesAt(location);
        }
        foreach (var location in locations)
        {
            var args = location.Arguments.Select(a => a.Value).ToList();
            if (args.Count != 2 || args[0] is not ("~" or "~*")) continue;
            Regex regex;
            try { regex = new Regex(args[1], (args[0] == "~*" ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)); }
            catch (ArgumentException) { continue; }
            try { if (regex.IsMatch(path)) return Refuses(location); }
            catch (RegexMatchTimeoutException) { continue; }
        }
        // A plain prefix location for the path itself (`location /.git { deny all; }`).
        return locations.Any(l => l.Arguments.Count == 1 && l.Arguments[0].Value.StartsWith("/.", StringComparison.Ordinal)
            && path.StartsWith(l.Arguments[0].Value, StringComparison.Ordinal) && Refuses(l));
    }

    /// <summary>The level answers from disk: it neither passes to a backend nor returns.</summary>
    private static bool ServesFilesAt(NginxLevel level) => NginxServers.Backend(level) is null && !level.Own("return").Any();

    private static bool Refuses(NginxLevel location) =>
        location.Own("deny").Any(d => d.Arg(0) == "all")
        || location.Own("return").Any(r => r.Arg(0) is "403" or "404" or "444")
        || location.Descendants().Any(l => l.Own("return").Any(r => r.Arg(0) is "403" or "404" or "444"));
}
