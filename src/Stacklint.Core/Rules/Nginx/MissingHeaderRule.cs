using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

/// <summary>
/// Shared by the rules that want a response header (NGX001, NGX005, NGX006, NGX007, NGX009): a server that answers
/// with content must send it, and so must every location or <c>if</c> below it — which is where it is easily lost,
/// because a block with an <c>add_header</c> of its own inherits none of its parent's. Each gap is reported once, at
/// the highest block where the header goes missing: the server, or the block that drops it.
/// </summary>
public abstract class MissingHeaderRule : NginxRule
{
    /// <summary>The header (or what stands in for it) as the message names it.</summary>
    protected abstract string Wanted { get; }
    /// <summary>An <c>add_header</c> line that provides it, for the message.</summary>
    protected abstract string Example { get; }
    protected virtual bool TlsOnly => false;
    protected abstract bool IsPresent(IReadOnlyList<NginxHeader> headers);

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var server in cx.Servers())
        {
            if (NginxServers.IsSilent(server) || NginxServers.IsRedirectOnly(server) || NginxServers.IsLoopbackOnly(server)) continue;
            if (TlsOnly ? !NginxServers.IsTls(server) : false) continue;
            var headers = NginxHeaders.Effective(server, cx.Target);
            if (!IsPresent(headers))
            {
                var from = headers.Count == 0 ? "it adds no headers at all" : $"its add_header lines ({string.Join(", ", headers.Select(h => h.Node.Origin).Distinct())}) do not include it";
                cx.Report(server, $"{(TlsOnly ? "this HTTPS server" : "this server")} sends no {Wanted}: {from}. Add `{Example}` to the server (or the http block), and repeat it in any location that has add_header lines of its own.");
                continue;
            }
            foreach (var level in server.Descendants())
            {
                if (!NginxHeaders.DefinesOwn(level) && !level.Own("add_header_inherit").Any()) continue;
                if (IsPresent(NginxHeaders.Effective(level, cx.Target))) continue;
                var parent = NginxHeaders.Effective(level.Parent!, cx.Target);
                if (!IsPresent(parent)) continue;
                var own = level.Own("add_header").Select(h => h.Origin).ToList();
                var where = string.Join(", ", parent.Where(IsOne).Select(h => h.Node.Origin).Distinct());
                cx.Report(level, $"{level.Describe()} drops the {Wanted} set at {where}: a block with add_header lines of its own ({string.Join(", ", own)}) inherits none of its parent's. Repeat `{Example}` in this block (an include of a shared snippet keeps them together).",
                    parent.Where(IsOne).Select(h => h.Node.Location));
            }
        }
    }

    private bool IsOne(NginxHeader header) => IsPresent(new[] { header });
}
