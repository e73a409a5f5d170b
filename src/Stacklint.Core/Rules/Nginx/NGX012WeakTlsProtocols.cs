using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX012WeakTlsProtocols : NginxRule
{
    private static readonly string[] Weak = { "SSLv2", "SSLv3", "TLSv1", "TLSv1.1" };
    private static readonly NginxVersion ModernDefaultSince = new(1, 27, 3);

    /// <summary>ssl_protocols when unset: SSLv3 went in 1.9.1, TLSv1.3 came in 1.23.4, TLSv1 and TLSv1.1 went in 1.27.3.</summary>
    public static string[] Default(NginxVersion version) =>
        version < new NginxVersion(1, 9, 1) ? new[] { "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2" }
        : version < new NginxVersion(1, 23, 4) ? new[] { "TLSv1", "TLSv1.1", "TLSv1.2" }
        : version < ModernDefaultSince ? new[] { "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" }
        : new[] { "TLSv1.2", "TLSv1.3" };

    public override void Analyze(NginxRuleContext cx)
    {
        var seen = new HashSet<NginxDirective>();
        foreach (var server in cx.Servers().Where(s => NginxServers.IsTls(s) && !NginxServers.IsSilent(s)))
            Check(cx, server.Find("ssl_protocols"), seen, () => cx.Report(server, UnsetMessage(cx)));
        foreach (var server in NginxStreamServer.All(cx.Config).Where(s => s.IsTls))
            Check(cx, server.Find("ssl_protocols"), seen, () => cx.Report(server.Node, UnsetMessage(cx)));
    }

    private static void Check(NginxRuleContext cx, NginxNode? setting, HashSet<NginxDirective> seen, System.Action reportUnset)
    {
        if (setting is not null)
        {
            if (!seen.Add(setting.Directive)) return;
            var weak = setting.Arguments.Select(a => a.Value).Where(p => Weak.Contains(p)).ToList();
            if (weak.Count > 0)
                cx.Report(setting, $"`ssl_protocols` enables {string.Join(", ", weak)}, which are broken or deprecated (RFC 8996) and allow downgrade attacks. Use `ssl_protocols TLSv1.2 TLSv1.3;`.",
                    fix: NginxRuleContext.SetArguments(setting, "TLSv1.2 TLSv1.3"));
            return;
        }
        // A fragment's http block, where ssl_protocols usually is, is not in the scan.
        if (cx.Config.IsFragment) return;
        if (cx.TargetIsExplicit && !Default(cx.Target).Any(p => Weak.Contains(p))) return;
        reportUnset();
    }

    private static string UnsetMessage(NginxRuleContext cx) => cx.TargetIsExplicit
        ? $"ssl_protocols is not set, and nginx {cx.Target}'s default ({string.Join(" ", Default(cx.Target))}) enables TLSv1 and TLSv1.1, which are deprecated (RFC 8996). Set `ssl_protocols TLSv1.2 TLSv1.3;` in the http block."
        : "ssl_protocols is not set, and nginx before 1.27.3 (Debian 12 ships 1.22, Ubuntu 24.04 1.24) enables TLSv1 and TLSv1.1 by default, which are deprecated (RFC 8996). Set `ssl_protocols TLSv1.2 TLSv1.3;` in the http block (or declare `targets: { nginx: \"1.28\" }` in .stacklint.yml if you run nginx 1.27.3 or later).";
}
