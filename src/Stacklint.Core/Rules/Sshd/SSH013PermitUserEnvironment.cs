namespace Stacklint.Rules.Sshd;

sealed class SSH013PermitUserEnvironment : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        var setting = cx.Global.Config.Get("PermitUserEnvironment");
        if (setting.Value != "no")
            cx.Report(cx.Global, setting,
                $"users can set environment variables for sshd (LD_PRELOAD and friends through ~/.ssh/environment): PermitUserEnvironment is `{string.Join(" ", setting.Arguments)}` ({setting.Origin}). Set `PermitUserEnvironment no`.", fixValue: "no");
    }
}
