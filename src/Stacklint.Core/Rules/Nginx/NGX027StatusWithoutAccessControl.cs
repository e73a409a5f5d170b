using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX027StatusWithoutAccessControl : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var level in cx.AllLevels())
            foreach (var status in level.Own("stub_status"))
            {
                var rules = level.Array("allow", "deny");
                var auth = level.Find("auth_basic") is { } basic && basic.Arg(0) != "off";
                var closed = rules.Entries.Any(r => r.Is("deny") && r.Arg(0) == "all");
                if (closed || auth || (level.Server is { } server && NginxServers.IsLoopbackOnly(server))) continue;
                var why = rules.IsEmpty ? "no allow/deny rules apply here" : $"its access rules ({rules.From!.Describe()}) end without `deny all`, so every address they do not name is let in";
                cx.Report(level, $"`stub_status` ({status.Origin}) is reachable by anyone: {why}. It discloses connection counts and is a reconnaissance aid. Add `allow 127.0.0.1; deny all;` to this location.");
            }
    }
}
