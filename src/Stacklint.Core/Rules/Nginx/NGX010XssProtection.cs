using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX010XssProtection : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var header in cx.AllLevels().SelectMany(l => l.Own("add_header")).Select(n => new NginxHeader(n)))
            if (header.Is("X-XSS-Protection") && header.Value.Trim().StartsWith("1"))
                cx.Report(header.Node, $"`X-XSS-Protection: {header.Value}` switches on the XSS auditor of old browsers, which could be abused to leak or block page content; current browsers ignore it. Remove the header (or send `0`) and rely on Content-Security-Policy.");
    }
}
