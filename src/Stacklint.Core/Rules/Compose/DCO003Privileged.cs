using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary><c>privileged: true</c> on a service or on one of its lifecycle hooks: every capability, every device, no
/// seccomp or AppArmor — root in the container is root on the host.</summary>
public sealed class DCO003Privileged : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            if (service.Node["privileged"] is ComposeScalar privileged && ComposeValues.Boolean(privileged) == true)
                cx.Report(service, privileged.Origin,
                    $"runs privileged ({ComposeText.Shown(privileged)}): all capabilities, every host device, no seccomp or AppArmor; a process "
                    + "that escapes owns the host. Grant only what it needs (`cap_add`, one `devices:` entry) instead.");
            foreach (var hook in new[] { "post_start", "pre_stop" })
                foreach (var item in ComposeValues.Items(service.Node[hook]))
                    if (item is ComposeMapping mapping && mapping["privileged"] is ComposeScalar hookPrivileged && ComposeValues.Boolean(hookPrivileged) == true)
                        cx.Report(service, hookPrivileged.Origin,
                            $"its `{hook}` hook runs privileged: that command gets every capability and host device. Run it without "
                            + "`privileged` and add the one capability it needs to the service.");
        }
    }
}
