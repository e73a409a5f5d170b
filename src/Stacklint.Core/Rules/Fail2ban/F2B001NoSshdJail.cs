using System.Linq;
using Stacklint.Formats.Fail2ban;

namespace Stacklint.Rules.Fail2ban;

/// <summary>No enabled jail watches sshd. Where the repository has no jail.conf, fail2ban's own (1.0.2) stands in, and it
/// leaves every jail off: Debian's jail.d/defaults-debian.conf, which enables [sshd] on Debian and Ubuntu hosts, is
/// only counted when the repository carries it, so a stack that never enables sshd itself is flagged.</summary>
public sealed class F2B001NoSshdJail : Fail2banRule
{
    private const string Sshd = "sshd";

    public override void Analyze(Fail2banContext cx)
    {
        // filter.d or fail2ban.conf alone are not a jail configuration to judge.
        if (cx.JailAnchor is not { } anchor) return;
        if (cx.Config.EnabledJails.Any(j => j.Name == Sshd || j.FilterName == Sshd)) return;

        var enabled = cx.Config.Jail(Sshd)?.EnabledSetting;
        // The [sshd] section's own winning line in the repository is the line to change.
        if (enabled is { IsInRepository: true, FromDefault: false, Option: { } line })
        {
            var beaten = enabled.Overridden.FirstOrDefault(o => o.Section == Sshd);
            var beat = beaten is null ? "" : $" beats `enabled = {beaten.Value}` ({cx.Config.Describe(beaten)})";
            var how = enabled.Problem is not null
                ? $"fail2ban cannot interpolate `{enabled.RawValue}` ({enabled.Problem.Message}) and refuses the configuration"
                : enabled.Value.IndexOf('#') >= 0
                    ? $"`{enabled.Value}` is not `true`: fail2ban reads `#` as part of the value, so the jail is off (put the comment on its own line or after ` ;`)"
                    : !enabled.IsBooleanWord
                        ? $"fail2ban reads `{enabled.Value}` as false (only true, yes, on and 1 switch a jail on), so the jail is off"
                        : "fail2ban never starts the jail";
            cx.Report(line.Location,
                $"the sshd jail is disabled: `enabled = {enabled.RawValue}` ({cx.Config.Describe(line)}){beat}; {how}. No other enabled jail uses the sshd "
                + "filter, so password and key guessing against SSH goes on unpunished. Write `enabled = true` here.");
            return;
        }

        // A repository value that keeps it off ([DEFAULT] enabled = false) is named; the stock default goes without saying.
        var state = enabled is { IsInRepository: true } ? $" (`enabled = {enabled.Value}` is set in {enabled.Where})" : "";
        var ownDebian = cx.StackJailFiles.FirstOrDefault(f => f.Role == Fail2banFileRole.ConfDropIn && f.File.RelativePath.EndsWith("jail.d/defaults-debian.conf", System.StringComparison.Ordinal));
        var distribution = ownDebian is not null
            ? $"The repository's own {ownDebian.File.RelativePath} replaces the one of Debian's package, which enables [sshd], and does not enable it."
            : "Debian and Ubuntu's package enables it in /etc/fail2ban/jail.d/defaults-debian.conf, which the repository does not hold, so protection "
              + "depends on the distribution (RHEL/EPEL, Arch and Alpine enable nothing).";
        var jailConf = cx.Config.UsesStockJailConf ? "fail2ban's own jail.conf leaves every jail off" : "the repository's jail.conf leaves it off";
        cx.Report(anchor,
            $"no jail watches sshd: {jailConf}, and nothing in the repository enables [sshd]{state}. {distribution} "
            + "Add `[sshd]` `enabled = true` to jail.local.");
    }
}
