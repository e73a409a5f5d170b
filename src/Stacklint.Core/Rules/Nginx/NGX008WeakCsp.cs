using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX008WeakCsp : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        var seen = new HashSet<NginxDirective>();
        foreach (var level in cx.AllLevels())
            foreach (var header in NginxHeaders.Effective(level, cx.Target).Where(h => h.Is("Content-Security-Policy")))
            {
                if (!seen.Add(header.Node.Directive)) continue;
                var problems = Problems(header.Value).ToList();
                if (problems.Count > 0)
                    cx.Report(header.Node, $"the Content-Security-Policy does not stop injected scripts: {string.Join("; ", problems)}. Move inline code to files (or use nonces/hashes) and list the origins you need.");
            }
    }

    private static IEnumerable<string> Problems(string policy)
    {
        var directives = policy.Split(';').Select(d => d.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(d => d.Length > 0)
            .GroupBy(d => d[0].ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Skip(1).ToList());
        if (!directives.ContainsKey("default-src")) yield return "it has no `default-src`, so every fetch it does not name is unrestricted";
        foreach (var name in new[] { "script-src", "default-src", "script-src-elem", "object-src" })
        {
            if (!directives.TryGetValue(name, out var sources)) continue;
            // script-src, when present, governs scripts; default-src's unsafe tokens then only matter for styles.
            if (name == "default-src" && directives.ContainsKey("script-src")) continue;
            foreach (var token in new[] { "'unsafe-inline'", "'unsafe-eval'" })
                if (sources.Any(s => s.Equals(token, StringComparison.OrdinalIgnoreCase)) && !(token == "'unsafe-inline'" && sources.Any(s => s.StartsWith("'nonce-", StringComparison.OrdinalIgnoreCase) || s.StartsWith("'sha", StringComparison.OrdinalIgnoreCase) || s.Equals("'strict-dynamic'", StringComparison.OrdinalIgnoreCase))))
                    yield return $"`{name}` allows {token}";
            // 'strict-dynamic' makes CSP3 browsers ignore host and scheme sources in script-src.
            var strictDynamic = sources.Any(s => s.Equals("'strict-dynamic'", StringComparison.OrdinalIgnoreCase));
            var wild = strictDynamic && name != "object-src" ? new List<string>() : sources.Where(s => s == "*" || s.Equals("http:", StringComparison.OrdinalIgnoreCase) || s.Equals("https:", StringComparison.OrdinalIgnoreCase) || s.Equals("data:", StringComparison.OrdinalIgnoreCase) && name != "default-src").ToList();
            if (wild.Count > 0) yield return $"`{name}` allows any origin ({string.Join(" ", wild)})";
        }
    }
}
