namespace Stacklint.Rules.Sshd;

sealed class SSH002PermitRootLoginYes : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("PermitRootLogin"))
            if (setting.Value == "yes")
                cx.Report(scope, setting,
                    $"root may log in with a password{scope.Label}: PermitRootLogin is `yes` ({setting.Origin}). Use `PermitRootLogin no` and an unprivileged user with sudo.", fixValue: "no");
    }
}
