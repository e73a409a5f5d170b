using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX011ServerTokens : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var level in cx.AllLevels())
            foreach (var tokens in level.Own("server_tokens").Where(t => t.Arg(0) is "on" or "build"))
                cx.Report(tokens, $"`server_tokens {tokens.Arg(0)}` puts nginx's version in the Server header and on error pages, telling scanners which CVEs to try. Set `server_tokens off;`.",
                    fix: NginxRuleContext.SetArguments(tokens, "off"));
        // Unset: the default is on. Only a whole nginx.conf can say nothing sets it; a fragment's http block is elsewhere.
        if (cx.Config.IsFragment) return;
        foreach (var http in cx.Levels.Where(h => !h.Own("server_tokens").Any()))
            foreach (var server in http.Children.Where(s => s.IsServer && s.Find("server_tokens") is null && !NginxServers.IsSilent(s)))
                cx.Report(server, $"nginx's version is sent in the Server header and on error pages: server_tokens is not set in {http.Describe()} or here, and the default is `on`. Add `server_tokens off;` to the http block.");
    }
}
