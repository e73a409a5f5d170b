using System.Linq;

namespace Stacklint.Rules.Sshd;

sealed class SSH001PasswordAuthentication : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("PasswordAuthentication"))
            if (setting.Value == "yes")
                cx.Report(scope, setting,
                    $"password logins are allowed{scope.Label}: PasswordAuthentication is `yes` ({setting.Origin}){Unguarded(cx)}. Set `PasswordAuthentication no` where it is read first (before any Include that could set it) and log in with keys.", fixValue: "no");
    }

    /// <summary>Passwords with no fail2ban sshd jail in the deployment can be guessed at full speed: the message says so
    /// (RULES.md STK005) rather than adding a second finding.</summary>
    private static string Unguarded(SshdContext cx)
    {
        if (cx.Deployment is not { } deployment || deployment.SshdJails.Any()) return "";
        return deployment.Fail2ban.Count == 0
            ? $", and no fail2ban configuration in {deployment.Describe()} protects sshd, so nothing bans an address that keeps guessing"
            : $", and no enabled fail2ban jail protects sshd ({string.Join(", ", deployment.Fail2ban.Select(f => f.Directory.Length == 0 ? "the fail2ban files at the root" : f.Directory + "/"))} enable none), so nothing bans an address that keeps guessing";
    }
}
