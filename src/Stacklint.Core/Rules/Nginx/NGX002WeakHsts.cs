using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX002WeakHsts : NginxRule
{
    private const long OneYear = 31536000;
    private static readonly Regex MaxAge = new(@"(?:^|;)\s*max-age\s*=\s*""?(?<seconds>\d+)""?\s*(?:;|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override void Analyze(NginxRuleContext cx)
    {
        // Every HSTS line that is in effect for some HTTPS block, once.
        var lines = cx.Servers().Where(NginxServers.IsTls)
            .SelectMany(s => new[] { s }.Concat(s.Descendants()))
            .SelectMany(l => NginxHeaders.Effective(l, cx.Target))
            .Where(h => h.Is("Strict-Transport-Security"))
            .GroupBy(h => h.Node.Location.SourceSpan.Start + "@" + h.Node.File.RelativePath).Select(g => g.First());
        foreach (var header in lines)
        {
            var match = MaxAge.Match(header.Value);
            if (!match.Success || !long.TryParse(match.Groups["seconds"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                cx.Report(header.Node, $"the Strict-Transport-Security value `{header.Value}` has no valid max-age, so browsers ignore the header. Use `max-age=63072000; includeSubDomains`.");
            else if (seconds < OneYear)
                cx.Report(header.Node, $"HSTS max-age is {seconds} s ({seconds / 86400} days): browsers forget the HTTPS-only rule soon after a visit, and the preload list asks for at least a year. Use `max-age=63072000; includeSubDomains` (two years).");
            else if (header.Value.IndexOf("includeSubDomains", StringComparison.OrdinalIgnoreCase) < 0)
                cx.Report(header.Node, "HSTS without includeSubDomains leaves subdomains (and cookies scoped to the parent domain) open to TLS stripping. Add `; includeSubDomains` once every subdomain serves HTTPS.", severity: RuleSeverity.Note);
        }
    }
}
