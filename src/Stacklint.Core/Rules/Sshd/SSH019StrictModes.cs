namespace Stacklint.Rules.Sshd;

sealed class SSH019StrictModes : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        var setting = cx.Global.Config.Get("StrictModes");
        if (setting.Value == "no")
            cx.Report(cx.Global, setting,
                $"sshd trusts authorized_keys files that others can write: StrictModes is `no` ({setting.Origin}). Set `StrictModes yes` and fix the file modes instead.", fixValue: "yes");
    }
}
