namespace Stacklint.Rules.Sshd;

sealed class SSH001PasswordAuthentication : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("PasswordAuthentication"))
            if (setting.Value == "yes")
                cx.Report(scope, setting,
                    $"password logins are allowed{scope.Label}: PasswordAuthentication is `yes` ({setting.Origin}). Set `PasswordAuthentication no` where it is read first (before any Include that could set it) and log in with keys.", fixValue: "no");
    }
}
