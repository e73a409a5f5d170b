namespace Stacklint.Rules.Compose;

/// <summary>A <c>security_opt</c> entry that switches confinement off: seccomp, AppArmor or SELinux unconfined, or the
/// masked /proc and /sys paths unmasked.</summary>
public sealed class DCO007ConfinementDisabled : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
            foreach (var option in service.SecurityOpt)
            {
                var text = option.Value.Trim();
                var separator = text.IndexOfAny(new[] { ':', '=' });
                if (separator < 0) continue;
                var key = text.Substring(0, separator).Trim().ToLowerInvariant();
                var value = text.Substring(separator + 1).Trim();
                var why = (key, value) switch
                {
                    ("seccomp", "unconfined") => "no system-call filter: the kernel's whole syscall surface is open to the container",
                    ("apparmor", "unconfined") => "no AppArmor profile: nothing stops writes to /proc and /sys or mounts",
                    ("label", "disable") => "no SELinux separation between the container and the host",
                    ("systempaths", "unconfined") => "unmasks /proc/kcore, /proc/sysrq-trigger, /sys/firmware and the other paths Docker hides",
                    _ => null,
                };
                if (why is null) continue;
                cx.Report(service, option.Origin,
                    $"`security_opt: {text}`: {why}. Remove it; if the program needs a system call or path Docker's default profile blocks, "
                    + "write a custom profile that allows just that (`seccomp=./profile.json`).");
            }
    }
}
