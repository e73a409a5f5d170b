using System;
using System.Collections.Generic;

namespace Stacklint.Rules.Compose;

/// <summary>A capability in <c>cap_add</c> that lets a process break out of, or reach around, its container.</summary>
public sealed class DCO006DangerousCapability : ComposeRule
{
    private static readonly Dictionary<string, string> Dangerous = new(StringComparer.Ordinal)
    {
        ["ALL"] = "every capability: as good as `privileged` for escaping",
        ["SYS_ADMIN"] = "mount, namespaces, BPF and much more: the classic container escape",
        ["NET_ADMIN"] = "reconfigures interfaces, routes and firewall rules of its network namespace (the host's with host networking)",
        ["SYS_PTRACE"] = "traces and injects code into processes it can see",
        ["SYS_MODULE"] = "loads kernel modules: code in the host kernel",
        ["SYS_RAWIO"] = "raw I/O ports and device memory",
        ["SYS_BOOT"] = "reboots the host and loads new kernels (kexec)",
        ["SYS_TIME"] = "sets the host's clock",
        ["DAC_READ_SEARCH"] = "opens any file by handle, bypassing permissions (the shocker escape)",
        ["MAC_ADMIN"] = "changes the mandatory access control (AppArmor/SELinux) configuration",
        ["MAC_OVERRIDE"] = "overrides mandatory access control",
        ["BPF"] = "loads BPF programs into the kernel",
        ["PERFMON"] = "performance monitoring of the whole system, a kernel attack surface",
        ["SYSLOG"] = "reads the kernel log and kernel addresses",
        ["LINUX_IMMUTABLE"] = "changes immutable and append-only file flags",
        ["AUDIT_CONTROL"] = "changes the kernel audit rules",
        ["AUDIT_READ"] = "reads the kernel audit log",
        ["CHECKPOINT_RESTORE"] = "checkpoint/restore of processes",
        ["SYS_RESOURCE"] = "overrides resource limits and quotas",
    };

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
            foreach (var capability in service.CapAdd)
            {
                var name = capability.Value.Trim().ToUpperInvariant();
                if (name.StartsWith("CAP_", StringComparison.Ordinal)) name = name.Substring(4);
                if (!Dangerous.TryGetValue(name, out var why)) continue;
                cx.Report(service, capability.Origin,
                    $"`cap_add: {capability.Value.Trim()}`: {why}. Add only the capabilities the program needs (start from `cap_drop: [ALL]`), "
                    + "or move the privileged part to a dedicated, minimal service.");
            }
    }
}
