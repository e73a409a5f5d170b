using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX026ListenSslWithoutCertificate : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        // A fragment's http block (where certificates are often set) is not in the scan.
        if (cx.Config.IsFragment) return;
        foreach (var server in cx.Servers().Where(NginxServers.IsTls))
        {
            if (server.Find("ssl_reject_handshake")?.Arg(0) == "on") continue;
            var missing = new[] { "ssl_certificate", "ssl_certificate_key" }.Where(n => server.Find(n) is null).ToList();
            if (missing.Count == 0) continue;
            var listen = server.Own("listen").FirstOrDefault(NginxServers.IsTlsListen);
            var message = $"this server listens with TLS but no {string.Join(" or ", missing)} is set here or in the http block: `nginx -t` fails with \"no \\\"ssl_certificate\\\" is defined for the \\\"listen ... ssl\\\" directive\" and nginx will not start. Add `ssl_certificate` and `ssl_certificate_key` (or `ssl_reject_handshake on;` for a catch-all).";
            if (listen is not null) cx.Report(listen, message);
            else cx.Report(server, message);
        }
        foreach (var server in NginxStreamServer.All(cx.Config).Where(s => s.IsTls))
        {
            var missing = new[] { "ssl_certificate", "ssl_certificate_key" }.Where(n => server.Find(n) is null).ToList();
            if (missing.Count == 0) continue;
            var listen = server.Node.Children("listen").First(l => l.Arguments.Skip(1).Any(a => a.Is("ssl")));
            cx.Report(listen, $"this stream server listens with TLS but no {string.Join(" or ", missing)} is set here or in the stream block: `nginx -t` fails and nginx will not start. Add `ssl_certificate` and `ssl_certificate_key`.");
        }
    }
}
