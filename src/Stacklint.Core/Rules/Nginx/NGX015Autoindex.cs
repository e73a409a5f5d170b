using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX015Autoindex : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var level in cx.AllLevels())
        foreach (var node in level.Own("autoindex").Where(n => n.Arg(0) == "on"))
        {
            // Deliberate listings: behind a password, or for an allow-list that ends in deny all.
            if (level.Find("auth_basic") is { } auth && auth.Arg(0) != "off") continue;
            if (level.Array("allow", "deny").Entries.Any(r => r.Is("deny") && r.Arg(0) == "all")) continue;
            cx.Report(node, "`autoindex on` lists every file of a directory that has no index file — backups, dumps and keys included. Set `autoindex off;` (the default) and link to what should be downloadable.",
                fix: NginxRuleContext.SetArguments(node, "off"));
        }
    }
}
