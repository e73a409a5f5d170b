namespace Stacklint.Rules.DaemonJson;

/// <summary><c>iptables: false</c>: dockerd stops managing the firewall rules its networks depend on (CIS Docker Benchmark
/// v1.6.0 2.4).</summary>
public sealed class DKD009IptablesDisabled : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Setting("iptables") is not { } iptables || iptables.AsBoolean != false) return;
        cx.Report(iptables,
            "`iptables` is false: dockerd adds no firewall rules, so the isolation between its networks, the masquerading containers need to reach "
            + "out and the forwarding of published ports are left to hand-written rules, and published ports are served by docker-proxy on every "
            + "interface. It is often set to stop Docker bypassing UFW; instead keep it on and publish ports on 127.0.0.1 (or set `\"ip\": "
            + "\"127.0.0.1\"`), or filter in the DOCKER-USER chain.");
    }
}
