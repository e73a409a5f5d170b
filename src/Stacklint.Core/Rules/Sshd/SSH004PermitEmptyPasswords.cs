namespace Stacklint.Rules.Sshd;

sealed class SSH004PermitEmptyPasswords : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("PermitEmptyPasswords"))
            if (setting.Value == "yes")
                cx.Report(scope, setting,
                    $"accounts with an empty password can log in{scope.Label}: PermitEmptyPasswords is `yes` ({setting.Origin}). Set `PermitEmptyPasswords no`.", fixValue: "no");
    }
}
