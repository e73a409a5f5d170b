using System.Linq;
using Stacklint.Formats.Fail2ban;

namespace Stacklint.Rules.Fail2ban;

/// <summary>An enabled jail bans for less than 10 minutes, by a value the stack sets. Only exactly -1 is a permanent ban
/// (fail2ban's ticket tests <c>bantime == -1</c>); any other negative value ends the ban at once. A short first ban is
/// fine when bantime.increment grows it past 10 minutes (fail2ban increments only a bantime above 0).</summary>
public sealed class F2B003ShortBanTime : Fail2banRule
{
    private const double Floor = 600;

    public override void Analyze(Fail2banContext cx)
    {
        var flagged = cx.Config.EnabledJails
            .Select(j => (Jail: j, Setting: j.BanTime, Cap: Cap(j)))
            .Where(x => x.Setting is { IsInRepository: true, Seconds: { } s } && s < Floor && s != -1
                        && !(s > 0 && x.Jail.BanTimeIncrements && x.Cap is null))
            .GroupBy(x => (x.Setting!.Option, x.Setting.Value, x.Cap?.Option));
        foreach (var group in flagged)
        {
            var (jail, setting, cap) = group.First();
            var seconds = setting!.Seconds!.Value;
            var jails = Fail2banContext.Jails(group.Select(x => x.Jail.Name).ToList());
            var source = cx.Source(setting);
            string message;
            if (seconds < 0)
                message = $"bantime {setting.Value} is not a permanent ban: only -1 is; any other negative value ends the ban at once, in {jails} ({source}). "
                          + "Write `bantime = -1` for a permanent ban, or a duration such as 1h.";
            else if (seconds == 0)
                message = $"bantime {setting.Value} ends every ban at once, in {jails} ({source}): fail2ban bans and unbans in the same second, and "
                          + "bantime.increment does not grow a bantime of 0. Use 1h, or -1 for a permanent ban.";
            else
            {
                var rate = jail.MaxRetryCount is { } retries and > 0
                    ? $"; a persistent client gets {retries} guesses every {Fail2banContext.Duration(seconds)}" : "";
                var window = jail.FindTimeSeconds is { } findTime && findTime > seconds
                    ? $" (shorter than its findtime, {jail.FindTime!.Value})" : "";
                var capped = cap is { Option: { } capLine }
                    ? $"; bantime.increment is on, but bantime.maxtime {cap.Value} ({cx.Config.Describe(capLine)}) keeps every ban under 10 minutes" : "";
                message = $"bantime {setting.Value} ({Fail2banContext.Number(seconds)} s) unbans an address after {Fail2banContext.Duration(seconds)}{window} "
                          + $"in {jails} ({source}){capped}{rate}. Use 1h, or bantime.increment with a bantime.maxtime of at least 10m.";
            }
            cx.Report(setting.Location!, message);
        }
    }

    /// <summary>The bantime.maxtime that keeps escalated bans under 10 minutes; null when bans can grow past it (unset,
    /// empty, 10 minutes or more) or when fail2ban cannot read it (F2B007 reports that).</summary>
    private static Fail2banSetting? Cap(Fail2banJail jail) =>
        jail.BanTimeMaxTime is { Seconds: { } s } maxTime && Fail2banParser.Strip(maxTime.Value).Length > 0 && s < Floor ? maxTime : null;
}
