using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX025UnlimitedBodySize : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var node in cx.AllLevels().SelectMany(l => l.Own("client_max_body_size")))
            if (node.Arg(0) is { } size && size.TrimEnd('k', 'K', 'm', 'M', 'g', 'G') is "0" or "")
                cx.Report(node, "`client_max_body_size 0` turns the request body limit off: any client can stream gigabytes into the server's disk and the backend. Set the largest upload you expect, e.g. `client_max_body_size 20m;` (the default is 1m).");
    }
}
