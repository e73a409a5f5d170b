using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX010XssProtection : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var header in cx.AllLevels().SelectMany(l => l.Own("add_header")).Select(n => new NginxHeader(n)))
            if (header.Is("X-XSS-Protection") && header.Value.Trim().StartsWith("1"))
                cx.Report(header.Node, $"`X-XSS-Protection: {header.Value}` switches on the XSS auditor of old browsers, which could be abused to leak or block page content; current browsers ignore it. Remove the header (or send `0`) and rely on Content-Security-Policy.",
                    fix: new Fix($"Send `X-XSS-Protection: 0` ({header.Node.Directive.Where})", new[] { new TextEdit(header.Node.File, header.Node.Arguments[1].Span, "\"0\"") }));
    }
}
