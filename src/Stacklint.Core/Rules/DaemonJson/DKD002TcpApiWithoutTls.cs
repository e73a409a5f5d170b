using Stacklint.Engine;
using Stacklint.Formats.DaemonJson;

namespace Stacklint.Rules.DaemonJson;

/// <summary>The Docker API on a TCP socket without client certificates: whoever reaches the port is root on the host
/// (CIS Docker Benchmark v1.6.0 2.7).</summary>
public sealed class DKD002TcpApiWithoutTls : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Setting("hosts") is not { IsArray: true } hosts) return;
        var tls = cx.Config["tls"];
        var tlsVerify = cx.Config["tlsverify"];
        // moby's loadDaemonCliConfig: tlsverify written at all turns TLS on; unset, it takes tls's value; the API server
        // then requires client certificates unless tlsverify is false.
        var tlsOn = tls?.AsBoolean == true || tlsVerify?.AsBoolean is not null;
        foreach (var item in hosts.Items)
        {
            if (!item.IsString || item.Text!.Trim().Length == 0) continue;
            var host = DaemonHost.Parse(item.Text);
            if (!host.IsTcp) continue;
            var socket = $"`{item.Text.Trim()}`";
            if (tlsOn && tlsVerify?.AsBoolean == true) continue;
            if (tlsOn && tlsVerify?.AsBoolean is null)
            {
                cx.Report(item,
                    $"{socket} relies on a default for client authentication: `tls` is true ({tls!.Describe()}) and `tlsverify` is unset. Current dockerd then "
                    + "verifies client certificates (moby's loadDaemonCliConfig sets tlsverify to tls's value), older releases did not, and CIS Docker Benchmark "
                    + "2.7 asks for it explicitly. Add `\"tlsverify\": true` with `tlscacert`.", severity: RuleSeverity.Note);
                continue;
            }
            var state = tlsVerify?.AsBoolean == false
                ? $"TLS but `tlsverify` false ({tlsVerify.Describe()}), which encrypts the connection yet accepts any client"
                : tls?.AsBoolean == false ? $"`tls` false ({tls.Describe()}): plain HTTP, without client authentication"
                : "neither `tls` nor `tlsverify` set: plain HTTP, without client authentication";
            const string fix = "Set `\"tlsverify\": true` with `tlscacert`, `tlscert` and `tlskey` (clients then need a certificate signed by that CA), "
                + "or drop the TCP entry and reach the daemon over its unix socket or SSH (`DOCKER_HOST=ssh://user@host`).";
            if (host.IsLoopback)
                cx.Report(item,
                    $"{socket} serves the Docker API on loopback with {state}. The network cannot reach it, but every local user and process can — "
                    + "containers on the host network, a web page through DNS rebinding — and the API is root on the host, without the `docker` group "
                    + $"that guards the unix socket. {fix}", severity: RuleSeverity.Warning);
            else
                cx.Report(item,
                    $"{socket} serves the Docker API on TCP with {state}. Anyone who can reach the port runs containers as root on this host "
                    + $"(mount /, --privileged) — no password, no certificate. {fix}");
        }
    }
}
