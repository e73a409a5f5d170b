using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A bind mount with shared or slave propagation: mounts cross between the host and the container.</summary>
public sealed class DCO022MountPropagation : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
            foreach (var mount in service.Volumes)
            {
                if (mount.Kind != ComposeMountKind.Bind || mount.Propagation is not ("shared" or "rshared" or "slave" or "rslave")) continue;
                var at = mount.Node is ComposeMapping mapping && (mapping["bind"] as ComposeMapping)?["propagation"] is { } propagation
                    ? propagation.Origin : mount.Origin;
                var direction = mount.Propagation.EndsWith("shared", System.StringComparison.Ordinal)
                    ? "mounts made in the container appear on the host (and the other way round)"
                    : "mounts made on the host later appear in the container";
                cx.Report(service, at,
                    $"binds `{mount.Source}` with `{mount.Propagation}` propagation: {direction}. Use the default `rprivate` unless the service "
                    + "manages mounts by design (a CSI or storage driver).");
            }
    }
}
