using System.Linq;
using System.Text.RegularExpressions;

namespace Stacklint.Rules.Fail2ban;

/// <summary>An enabled jail counts failures over less than 10 minutes, by a value the stack sets: a client that stays
/// under maxretry per findtime is never banned. Stock values (pass2allow-ftp's findtime = 1) are deliberate.</summary>
public sealed class F2B004ShortFindTime : Fail2banRule
{
    private const double Floor = 600;

    /// <summary><c>1M</c>: fail2ban's units are case-insensitive, so this is a minute, not a month.</summary>
    private static readonly Regex CapitalM = new(@"(?<=[\d\s])M\b", RegexOptions.CultureInvariant);

    public override void Analyze(Fail2banContext cx)
    {
        var flagged = cx.Config.EnabledJails
            .Select(j => (Jail: j, Setting: j.FindTime))
            .Where(x => x.Setting is { IsInRepository: true, Seconds: < Floor })
            .GroupBy(x => (x.Setting!.Option, x.Setting.Value));
        foreach (var group in flagged)
        {
            var (jail, setting) = group.First();
            var seconds = setting!.Seconds!.Value;
            var jails = Fail2banContext.Jails(group.Select(x => x.Jail.Name).ToList());
            var effect = seconds <= 0
                ? "fail2ban forgets every failure at once, so a client is banned only when it fails maxretry times in the same second"
                : jail.MaxRetryCount is { } retries and > 1
                    ? $"a client that fails {retries - 1} times every {Fail2banContext.Duration(seconds)} (maxretry {retries}) is never banned"
                    : $"failures older than {Fail2banContext.Duration(seconds)} are forgotten before they add up to a ban";
            var month = CapitalM.IsMatch(setting.Value) ? $" `{setting.Value}` is {Fail2banContext.Duration(seconds)} (m is minutes in any case); a month is `1mo`." : "";
            cx.Report(setting.Location!,
                $"findtime {setting.Value} ({Fail2banContext.Number(seconds)} s) in {jails} ({cx.Source(setting)}): {effect}.{month} Use 10m or more.");
        }
    }
}
