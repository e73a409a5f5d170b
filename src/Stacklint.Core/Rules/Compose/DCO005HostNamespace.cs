using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A service that shares one of the host's namespaces (network, PID, IPC, UTS, user, cgroup).</summary>
public sealed class DCO005HostNamespace : ComposeRule
{
    private static readonly (string Key, string Why)[] Keys =
    {
        ("network_mode", "the host's network stack: every port it opens is on every host interface, and it reaches services bound to the host's loopback"),
        ("pid", "sees every host process and can signal them or, with SYS_PTRACE, read their memory and environment"),
        ("ipc", "shares the host's shared memory segments and semaphores"),
        ("uts", "shares the host's hostname and domain name"),
        ("userns_mode", "opts out of the daemon's user-namespace remapping: root in the container is root on the host"),
        ("cgroup", "sees the host's whole cgroup tree"),
    };

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
            foreach (var (key, why) in Keys)
                if (service.Node[key] is ComposeScalar { IsNull: false } value && value.Text == "host")
                    cx.Report(service, value.Origin,
                        $"`{key}: host`: {why}. Remove it (Compose's defaults keep the container in its own namespace), or share with one "
                        + $"service only (`{(key == "network_mode" ? "network_mode: service:NAME" : key + ": service:NAME")}`).");
    }
}
