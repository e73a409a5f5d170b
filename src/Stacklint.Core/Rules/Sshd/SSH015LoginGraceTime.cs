namespace Stacklint.Rules.Sshd;

sealed class SSH015LoginGraceTime : SshdRule
{
    private const long Limit = 60;

    public override void Analyze(SshdContext cx)
    {
        var setting = cx.Global.Config.Get("LoginGraceTime");
        if (!long.TryParse(setting.Value, out var seconds)) return;
        if (seconds == 0)
            cx.Report(cx.Global, setting,
                $"unauthenticated connections may stay open for ever: LoginGraceTime is `0` ({setting.Origin}), which ties up MaxStartups slots. Use `LoginGraceTime 60` or less.", fixValue: "60");
        else if (seconds > Limit)
            cx.Report(cx.Global, setting,
                $"unauthenticated connections may stay open {seconds} s: LoginGraceTime is `{(setting.IsDefault ? "120" : string.Join(" ", setting.Arguments))}` ({setting.Origin}). Use `LoginGraceTime 60` or less (CIS).", fixValue: "60");
    }
}
