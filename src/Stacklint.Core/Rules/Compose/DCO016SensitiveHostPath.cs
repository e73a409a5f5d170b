using System.Linq;

namespace Stacklint.Rules.Compose;

/// <summary>A bind mount of a sensitive host path: the host's root, /etc, credentials, kernel interfaces, Docker's data.</summary>
public sealed class DCO016SensitiveHostPath : ComposeRule
{
    private static readonly string[] Exactly = { "/", "/etc", "/home", "/usr", "/lib", "/bin", "/sbin", "/var", "/dev", "~" };

    private static readonly string[] AndBelow =
    {
        "/root", "/proc", "/sys", "/boot", "/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet", "/etc/ssh", "/etc/shadow",
        "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d", "/etc/docker", "/etc/systemd", "/etc/pam.d", "/etc/kubernetes", "/etc/cron.d",
        "/etc/crontab", "~/.ssh", "/home/*/.ssh", "~/.docker", "/home/*/.docker", "~/.aws", "/home/*/.aws", "~/.kube", "/home/*/.kube",
    };

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
            foreach (var mount in ComposeHostPaths.Of(service, cx.Project))
            {
                var match = Exactly.Contains(mount.Path) ? mount.Path : AndBelow.FirstOrDefault(d => ComposeHostPaths.IsUnder(mount.Path, d));
                if (match is null) continue;
                var mode = mount.Mount.ReadOnly ? " Read-only still exposes every secret under it." : "";
                cx.Report(service, mount.Origin,
                    $"mounts the host's `{mount.Path}` at `{mount.Mount.Target}`{mount.Via}: a compromised container reads (or writes) "
                    + $"host credentials, keys and system configuration.{mode} Mount only the file or directory the service needs, from a "
                    + "path of its own (`/srv/app/…`, `./config`).");
            }
    }
}
