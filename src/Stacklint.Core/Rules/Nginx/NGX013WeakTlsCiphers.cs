using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX013WeakTlsCiphers : NginxRule
{
    // OpenSSL cipher-string tokens that name weak suites; a token counts when any of its '+'-joined parts is one.
    private static readonly string[] WeakParts = { "RC4", "DES", "3DES", "DES-CBC3-SHA", "MD5", "NULL", "eNULL", "aNULL", "EXPORT", "EXP", "LOW", "ADH", "AECDH", "PSK", "SRP", "IDEA", "SEED", "RC2" };
    private static readonly string[] Umbrellas = { "ALL", "HIGH", "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT", "MEDIUM", "SSLv3", "TLSv1", "TLSv1.2", "kRSA", "RSA" };

    public override void Analyze(NginxRuleContext cx)
    {
        var seen = new HashSet<NginxDirective>();
        foreach (var server in cx.Servers().Where(NginxServers.IsTls))
        {
            var setting = server.Find("ssl_ciphers");
            if (setting is null || !seen.Add(setting.Directive)) continue;
            // ssl_ciphers does not apply to TLS 1.3, whose suites OpenSSL chooses from a list of strong ones.
            if (server.Find("ssl_protocols") is { } protocols && protocols.Arguments.All(a => a.Is("TLSv1.3"))) continue;
            var problems = Problems(setting.Arg(0) ?? "").ToList();
            if (problems.Count > 0)
                cx.Report(setting, $"`ssl_ciphers` {string.Join("; ", problems)}. Use Mozilla's intermediate list: `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`.");
        }
    }

    private static IEnumerable<string> Problems(string list)
    {
        var tokens = list.Split(new[] { ':', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries);
        var removed = tokens.Where(t => t[0] is '!' or '-').Select(t => t.Substring(1)).ToList();
        var added = tokens.Where(t => t[0] is not ('!' or '-' or '@')).Select(t => t.TrimStart('+')).ToList();
        bool Removed(string part) => removed.Any(r => r.Equals(part, StringComparison.OrdinalIgnoreCase));
        var weak = added.Where(t => t.Split('+').Any(p => WeakParts.Any(w => p.Equals(w, StringComparison.OrdinalIgnoreCase)) || p.IndexOf("RC4", StringComparison.OrdinalIgnoreCase) >= 0
            || p.IndexOf("-DES-", StringComparison.OrdinalIgnoreCase) >= 0 || p.StartsWith("DES-", StringComparison.OrdinalIgnoreCase) || p.EndsWith("-MD5", StringComparison.OrdinalIgnoreCase) || p.IndexOf("NULL", StringComparison.OrdinalIgnoreCase) >= 0 || p.IndexOf("EXP", StringComparison.OrdinalIgnoreCase) == 0)).ToList();
        if (weak.Count > 0) yield return $"enables {string.Join(", ", weak)} (broken or without encryption or authentication)";
        var umbrella = added.FirstOrDefault(t => Umbrellas.Any(u => t.Equals(u, StringComparison.OrdinalIgnoreCase)));
        if (umbrella is not null)
        {
            var missing = new[] { "aNULL", "eNULL", "MD5", "RC4", "3DES" }
                .Where(w => !Removed(w) && !(w == "eNULL" && !umbrella.Equals("COMPLEMENTOFALL", StringComparison.OrdinalIgnoreCase))
                    && !(umbrella.Equals("HIGH", StringComparison.OrdinalIgnoreCase) && w is "RC4" or "3DES" or "MD5"))
                .ToList();
            if (missing.Count > 0) yield return $"takes `{umbrella}` without excluding {string.Join(", ", missing.Select(m => "!" + m))} (anonymous suites allow a man in the middle)";
        }
    }
}
