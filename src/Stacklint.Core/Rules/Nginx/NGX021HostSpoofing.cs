using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX021HostSpoofing : NginxRule
{
    private static readonly string[] HostHeaders = { "Host", "X-Forwarded-Host", "X-Forwarded-Server", "X-Host" };
    private static readonly string[] HostParams = { "HTTP_HOST", "SERVER_NAME", "HTTP_X_FORWARDED_HOST" };
    private static readonly string[] RedirectCodes = { "301", "302", "303", "307", "308" };

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var node in cx.Config.AllNodes().Where(n => n.Context.IsHttp()))
        {
            var (variables, what) = HostValue(cx, node);
            if (variables.Count == 0) continue;
            var spoofable = variables.SelectMany(v => cx.Variables.Resolve(v.At, v.Variable)).Where(Spoofable).Select(s => s.Describe()).Distinct().ToList();
            if (spoofable.Count == 0) continue;
            cx.Report(node, $"{what} is taken from {string.Join(", ", spoofable)}, which is whatever the client wrote, where the validated `$host` is meant: `$host` is the name nginx routed on (lowercased, without port; for `GET http://a/` with `Host: b` it is `a`). The application builds password-reset links, redirects and cache keys from the host it receives. Use `$host` (with `:$server_port` if the port is needed) or a fixed name.");
        }
    }

    /// <summary>The variables that make up a host name the directive hands on, and what they become.</summary>
    private static (IReadOnlyList<(NginxNode At, NginxVariable Variable)> Variables, string What) HostValue(NginxRuleContext cx, NginxNode node)
    {
        var args = node.Arguments;
        var none = (Array.Empty<(NginxNode, NginxVariable)>(), "");
        IReadOnlyList<(NginxNode, NginxVariable)> Here(NginxArgument value) => value.Variables.Select(v => (node, v)).ToList();
        switch (node.Name)
        {
            case "proxy_set_header" or "grpc_set_header" when args.Count >= 2 && HostHeaders.Any(h => string.Equals(h, args[0].Value, StringComparison.OrdinalIgnoreCase)):
                return (Here(args[1]), $"the upstream `{args[0].Value}` header");
            case "fastcgi_param" or "uwsgi_param" or "scgi_param" when args.Count >= 2 && HostParams.Contains(args[0].Value):
                return (Here(args[1]), $"`{node.Name} {args[0].Value}`");
            case "return" when args.Count == 2 && RedirectCodes.Contains(args[0].Value):
                return (Authority(cx, node, args[1]), $"the host of the `return {args[0].Value}` redirect");
            case "return" when args.Count == 1:
                return (Authority(cx, node, args[0]), "the host of the `return` redirect");
            case "rewrite" when args.Count >= 2:
                return (Authority(cx, node, args[1]), "the host of the `rewrite` redirect");
            case "error_page" when args.Count >= 2:
                return (Authority(cx, node, args[args.Count - 1]), "the host of the `error_page` redirect");
            default:
                return none;
        }
    }

    /// <summary>The variables in a redirect target's authority (only absolute targets name a host; a target kept in a
    /// variable is split where it is set).</summary>
    private static IReadOnlyList<(NginxNode, NginxVariable)> Authority(NginxRuleContext cx, NginxNode node, NginxArgument target) =>
        NginxUrl.Targets(node, target, cx.Variables).Where(t => t.Url.HasScheme).SelectMany(t => t.Url.AuthorityVariables.Select(v => (t.At, v))).ToList();

    private static bool Spoofable(NginxValueSource source)
    {
        if (source.Capture is not null) return false;
        var name = source.Variable.TrimStart('$').ToLowerInvariant();
        return name is "http_host" or "http_x_forwarded_host" or "http_x_host"
            || name.StartsWith("arg_", StringComparison.Ordinal) || name.StartsWith("cookie_", StringComparison.Ordinal);
    }
}
