using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX019ProxyHostFromRequest : NginxRule
{
    private static readonly string[] HttpSinks = { "proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass", "memcached_pass" };
    /// <summary>Characters that let a value name another host or end the authority early.</summary>
    private const NginxChars LeavesTheHost = NginxChars.Dot | NginxChars.Slash | NginxChars.At | NginxChars.Colon;

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var sink in cx.Config.AllNodes())
        {
            var isSink = (sink.Context.IsHttp() && HttpSinks.Any(sink.Is)) || (sink.Context == NginxContext.StreamServer && sink.Is("proxy_pass"));
            if (!isSink || sink.Arguments.Count == 0 || sink.Arguments[0].Variables.Count == 0) continue;
            var problems = new List<string>();
            // A URL kept in a variable (`set $upstream "http://…"; proxy_pass $upstream;`) is split where it is written.
            foreach (var (at, url) in NginxUrl.Targets(sink, sink.Arguments[0], cx.Variables))
            {
                if (url.IsUnixSocket) continue;
                var through = at == sink ? "" : $" (in the URL `{at.Arguments[1].Value}` set at {at.Origin})";
                foreach (var variable in url.SchemeVariables)
                    foreach (var source in Chosen(cx, at, variable))
                        problems.Add($"{source.Describe()} chooses the scheme{through}");
                foreach (var variable in url.AuthorityVariables)
                {
                    foreach (var source in Chosen(cx, at, variable))
                    {
                        var leaving = source.Chars & LeavesTheHost;
                        if (leaving != NginxChars.None)
                            problems.Add($"{source.Describe()}{through} can contain {leaving.Describe()}, so it can name any host{Note(source)}");
                        else if (url.HostIsVariablesOnly)
                            problems.Add($"{source.Describe()}{through} makes up the whole host: even a single label reaches `localhost`, `db` or `redis` on the internal network{Note(source)}");
                    }
                }
            }
            if (problems.Count == 0) continue;
            cx.Report(sink, $"`{sink.Name} {sink.Arguments[0].Value}` takes its upstream from the request: {string.Join("; ", problems.Distinct())}. A client can make nginx connect to internal services or cloud metadata (`169.254.169.254`; IP literals need no `resolver`). Route with a `map` of literal upstreams (with a safe `default`) or a fixed `{sink.Name}` per location.");
        }
    }

    /// <summary>The client-chosen sources of a variable at the sink, leaving out the captures of an <c>internal</c>
    /// location's own regex: only the application (X-Accel-Redirect) or the configuration can send a request there.</summary>
    private static IEnumerable<NginxValueSource> Chosen(NginxRuleContext cx, NginxNode at, NginxVariable variable) =>
        cx.Variables.Resolve(at, variable).Where(s => s.Controlled
            && !(s.Capture is { Kind: NginxCaptureKind.Location } capture && capture.Node.Children("internal").Any()));

    private static string Note(NginxValueSource source) => source.Variable.ToLowerInvariant() == "$host" && source.Note is { } note ? $" ({note})" : "";
}
