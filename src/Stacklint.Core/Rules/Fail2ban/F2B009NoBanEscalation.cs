using System.Linq;

namespace Stacklint.Rules.Fail2ban;

/// <summary>Bans never grow for an address that comes back: bantime.increment is off (fail2ban's default) and no
/// recidive jail is enabled, so each return costs a patient attacker one more ban of the same length. Off by default:
/// a hardening step, not a mistake.</summary>
public sealed class F2B009NoBanEscalation : Fail2banRule
{
    private const string Recidive = "recidive";

    public override void Analyze(Fail2banContext cx)
    {
        if (cx.JailAnchor is not { } anchor) return;
        var enabled = cx.Config.EnabledJails;
        if (enabled.Any(j => j.Name == Recidive || j.FilterName == Recidive)) return;
        var flat = enabled.Where(j => !j.BanTimeIncrements && j.BanTimeSeconds != -1).ToList();

        foreach (var group in flat.Where(j => j.BanTimeIncrement is { IsInRepository: true }).GroupBy(j => j.BanTimeIncrement!.Option))
        {
            var setting = group.First().BanTimeIncrement!;
            cx.Report(setting.Location!,
                $"bans in {Fail2banContext.Jails(group.Select(j => j.Name).ToList())} never grow: bantime.increment is `{setting.Value}`{(setting.IsBooleanWord ? "" : ", which fail2ban reads as false")} ({cx.Source(setting)}), "
                + "and no recidive jail is enabled. Write `bantime.increment = true` (with a bantime.maxtime such as 1w), or enable [recidive].");
        }

        var unset = flat.Where(j => j.BanTimeIncrement is not { IsInRepository: true }).Select(j => j.Name).ToList();
        if (unset.Count > 0)
            cx.Report(anchor,
                $"bans never grow for repeat offenders in {Fail2banContext.Jails(unset)}: bantime.increment is not set (fail2ban's default is off) and no "
                + "recidive jail is enabled, so an address comes back after each ban with a fresh set of guesses. Add `bantime.increment = true` (and "
                + "`bantime.maxtime = 1w`) to [DEFAULT] of jail.local, or enable [recidive].");
    }
}
