using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX003HeaderWithoutAlways : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var header in cx.AllLevels().SelectMany(l => l.Own("add_header")).Select(n => new NginxHeader(n)))
            // A third argument other than `always` is NGX028's: nginx refuses it.
            if (NginxHeaders.IsSecurity(header.Name) && header.Node.Arguments.Count == 2 && header.Value.Length > 0 && !header.Is("X-XSS-Protection"))
                cx.Report(header.Node, $"`add_header {header.Name}` without `always` is sent only with 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 responses, not with error pages (404, 500…), which can then be framed or sniffed. Append `always`.",
                    fix: new Fix($"Append `always` ({header.Node.Directive.Where})", new[] { new TextEdit(header.Node.File, new Microsoft.CodeAnalysis.Text.TextSpan(header.Node.Arguments[header.Node.Arguments.Count - 1].Span.End, 0), " always") }));
    }
}
