using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX004HeadersDropped : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var level in cx.AllLevels().Where(l => l.Parent is not null && l.Context != NginxContext.Http))
        {
            if (!NginxHeaders.DefinesOwn(level) && !level.Own("add_header_inherit").Any()) continue;
            var own = NginxHeaders.Effective(level, cx.Target);
            var server = level.Server;
            // HSTS means nothing over plain HTTP; dropping it there loses nothing.
            var tls = server is not null && NginxServers.IsTls(server);
            var dropped = NginxHeaders.Effective(level.Parent!, cx.Target)
                .Where(h => NginxHeaders.IsSecurity(h.Name) && own.Find(h.Name) is null && (tls || !h.Is("Strict-Transport-Security")))
                .ToList();
            if (dropped.Count == 0) continue;
            var names = string.Join(", ", dropped.Select(h => h.Name).Distinct(System.StringComparer.OrdinalIgnoreCase));
            cx.Report(level, $"{level.Describe()} has add_header lines of its own ({string.Join(", ", level.Own("add_header").Select(h => h.Origin))}), so nginx drops every header inherited from {level.Parent!.Describe()}: {names} are not sent here. Repeat them in this block (or include one shared snippet everywhere{(cx.Target >= NginxHeaders.InheritSince ? ", or use `add_header_inherit merge;`" : "")}).",
                dropped.Select(h => h.Node.Location));
        }
    }
}
