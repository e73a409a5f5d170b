namespace Stacklint.Rules.DaemonJson;

/// <summary>The userland proxy runs a docker-proxy process per published port (CIS Docker Benchmark v1.6.0 2.16).</summary>
public sealed class DKD006UserlandProxy : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Boolean("userland-proxy") == false || cx.IsMistyped("userland-proxy", v => v.AsBoolean is not null)) return;
        cx.Report(cx.At("userland-proxy"),
            $"{cx.State("userland-proxy")}: dockerd starts a docker-proxy process for every published port (its default is true), more code listening "
            + "as root on the host's ports and rewriting the source address of local connections. Set `\"userland-proxy\": false` so iptables NAT "
            + "(hairpin) handles them; test first where the kernel lacks hairpin NAT support.");
    }
}
