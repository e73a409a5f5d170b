using System;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>Host devices passed into a container (<c>devices</c>), and device cgroup rules that allow device nodes by
/// number.</summary>
public sealed class DCO020HostDevice : ComposeRule
{
    private static readonly string[] RawDisksAndMemory = { "/dev/sd", "/dev/nvme", "/dev/vd", "/dev/xvd", "/dev/hd", "/dev/mmcblk" };

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            // A CDI name (nvidia.com/gpu=all) is a device request through the runtime, like gpus:, not a host device node.
            foreach (var device in service.Devices.Where(d => d.Source.StartsWith("/", StringComparison.Ordinal)))
            {
                var at = device.Node is ComposeMapping mapping && mapping["source"] is { } source ? source.Origin : device.Origin;
                var raw = RawDisksAndMemory.Any(p => device.Source.StartsWith(p, StringComparison.Ordinal))
                          || device.Source is "/dev/mem" or "/dev/kmem" or "/dev/port"
                    ? " This is the host's raw disk or memory: reading it bypasses every file permission, writing it corrupts the host."
                    : "";
                cx.Report(service, at,
                    $"passes the host device `{device.Source}` into the container{(device.Permissions is { } p ? $" ({p})" : "")}: the container "
                    + $"talks to the kernel driver directly, a larger attack surface than files and sockets.{raw} Keep it if the service "
                    + "needs the hardware (and only that device), or suppress with the reason.");
            }
            foreach (var rule in ComposeValues.Items(service.Node["device_cgroup_rules"]).OfType<ComposeScalar>().Where(s => !s.IsNull))
                cx.Report(service, rule.Origin,
                    $"`device_cgroup_rules: {rule.Text}` lets the container use device nodes by major/minor number, including ones created "
                    + "later (`mknod`). Pass the one device it needs with `devices:` instead.");
        }
    }
}
