namespace Stacklint.Rules.Sshd;

sealed class SSH017GatewayPortsTunnel : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        // DisableForwarding yes turns off every port forward, so GatewayPorts has nothing left to expose.
        foreach (var (scope, setting) in cx.Effective("GatewayPorts"))
            if (setting.Value is "yes" or "clientspecified" && scope.Config.Get("DisableForwarding").Value != "yes")
                cx.Report(scope, setting,
                    $"remote port forwards can listen on public addresses{scope.Label}: GatewayPorts is `{setting.Value}` ({setting.Origin}), which publishes services past the firewall. Set `GatewayPorts no`.", fixValue: "no");
        foreach (var (scope, setting) in cx.Effective("PermitTunnel"))
            if (setting.Value is "yes" or "point-to-point" or "ethernet")
                cx.Report(scope, setting,
                    $"tun/tap tunnels are allowed{scope.Label}: PermitTunnel is `{setting.Value}` ({setting.Origin}), which bridges the client into the server's network. Set `PermitTunnel no`.", fixValue: "no");
    }
}
