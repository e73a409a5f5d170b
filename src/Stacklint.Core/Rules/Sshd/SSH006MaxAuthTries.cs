namespace Stacklint.Rules.Sshd;

sealed class SSH006MaxAuthTries : SshdRule
{
    private const int Limit = 4;

    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("MaxAuthTries"))
            if (int.TryParse(setting.Value, out var tries) && tries > Limit)
                cx.Report(scope, setting,
                    $"each connection gets {tries} authentication attempts{scope.Label}: MaxAuthTries is `{tries}` ({setting.Origin}). Use {Limit} or fewer (CIS), e.g. `MaxAuthTries 3`.", fixValue: "3");
    }
}
