using System.Linq;

namespace Stacklint.Rules.Fail2ban;

/// <summary>An enabled jail lets a client fail more than 5 times per findtime before it is banned, by a value the stack
/// sets. Stock values (the VoIP jails' maxretry = 10) are the package's choice, not the stack's.</summary>
public sealed class F2B002HighMaxRetry : Fail2banRule
{
    private const long Limit = 5;

    public override void Analyze(Fail2banContext cx)
    {
        var flagged = cx.Config.EnabledJails
            .Select(j => (Jail: j, Setting: j.MaxRetry))
            .Where(x => x.Setting is { IsInRepository: true, Integer: > Limit })
            // One finding per winning line (and value: an interpolated one may differ between jails).
            .GroupBy(x => (x.Setting!.Option, x.Setting.Value));
        foreach (var group in flagged)
        {
            var (jail, setting) = group.First();
            var count = setting!.Integer!.Value;
            var window = jail.FindTime is { } findTime ? $" within findtime ({findTime.Value})" : "";
            cx.Report(setting.Location!,
                $"maxretry {count} lets a client fail {count} times{window} before it is banned, in {Fail2banContext.Jails(group.Select(x => x.Jail.Name).ToList())} "
                + $"({cx.Source(setting)}): a patient attacker gets {count - 1} guesses per window, forever. Use 3 to 5.");
        }
    }
}
