using System;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX017UnusedRateLimitZone : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        var used = new System.Collections.Generic.HashSet<string>(cx.Config.All("limit_req").SelectMany(l => l.Arguments).Select(a => a.Value)
            .Where(v => v.StartsWith("zone=", StringComparison.Ordinal)).Select(v => v.Substring(5)), StringComparer.Ordinal);
        foreach (var zone in cx.Config.All("limit_req_zone"))
        {
            var name = zone.Arguments.Select(a => a.Value).FirstOrDefault(v => v.StartsWith("zone=", StringComparison.Ordinal))?.Substring(5).Split(':')[0];
            if (name is null || used.Contains(name)) continue;
            cx.Report(zone, $"the rate-limit zone `{name}` is defined but no `limit_req zone={name}` uses it, so nothing is rate-limited by it. Add `limit_req zone={name} burst=…;` where it was meant to apply (login, API) — or remove the zone.");
        }
    }
}
