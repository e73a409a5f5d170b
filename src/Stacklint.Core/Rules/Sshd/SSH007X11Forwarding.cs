namespace Stacklint.Rules.Sshd;

sealed class SSH007X11Forwarding : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("X11Forwarding"))
            if (setting.Value == "yes" && scope.Config.Get("DisableForwarding").Value != "yes")
                cx.Report(scope, setting,
                    $"X11 forwarding is on{scope.Label}: X11Forwarding is `yes` ({setting.Origin}). A server needs no X11; set `X11Forwarding no`.", fixValue: "no");
    }
}
