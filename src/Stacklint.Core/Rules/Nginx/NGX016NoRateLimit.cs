using System;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX016NoRateLimit : NginxRule
{
    private static readonly Regex Login = new(@"login|signin|sign-in|auth|session|password|wp-admin|xmlrpc|token|admin", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var location in cx.AllLevels().Where(l => l.IsLocation))
        {
            var backend = NginxServers.Backend(location);
            var path = location.Arguments.LastOrDefault()?.Value ?? "";
            var login = Login.IsMatch(path);
            if (backend is null && !login) continue;
            // internal locations answer only nginx's own redirects (X-Accel-Redirect, error_page), not clients.
            if (location.Own("internal").Any() || (location.Server is { } server && (NginxServers.IsRedirectOnly(server) || NginxServers.IsLoopbackOnly(server)))) continue;
            // A location whose nested locations handle the requests is judged through them.
            if (backend is null && location.Children.Any(c => c.IsLocation)) continue;
            var limits = location.Array("limit_req");
            var dryRun = location.Find("limit_req_dry_run")?.Arg(0) == "on";
            if (!limits.IsEmpty && !dryRun) continue;
            var what = backend is not null ? $"passes requests to a backend (`{backend.Name} {backend.Arg(0)}`)" : "looks like a login or admin endpoint";
            var why = dryRun ? $"limit_req_dry_run is on ({location.Find("limit_req_dry_run")!.Origin}), so excess requests are only counted" : "no limit_req applies to it here or in any block it inherits from";
            cx.Report(location, $"{location.Describe()} {what}, but {why}: brute force and request floods reach it at full speed. Define `limit_req_zone $binary_remote_addr zone=perip:10m rate=10r/s;` in http and add `limit_req zone=perip burst=20 nodelay;` here or in the server.");
        }
    }
}
