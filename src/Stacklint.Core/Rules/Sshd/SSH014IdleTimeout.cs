namespace Stacklint.Rules.Sshd;

sealed class SSH014IdleTimeout : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var scope in cx.Scopes)
        {
            var interval = scope.Config.Get("ClientAliveInterval");
            var count = scope.Config.Get("ClientAliveCountMax");
            if (!scope.IsGlobal && interval.MatchBlock is null && count.MatchBlock is null) continue;
            if (interval.Value == "0")
                cx.Report(scope, interval,
                    $"idle sessions never time out{scope.Label}: ClientAliveInterval is `0` ({interval.Origin}). Use e.g. `ClientAliveInterval 300` with `ClientAliveCountMax 2`.", fixValue: "300");
            else if (count.Value == "0")
                cx.Report(scope, count,
                    $"idle sessions never time out{scope.Label}: ClientAliveCountMax is `0` ({count.Origin}), which turns the idle disconnect off. Use e.g. `ClientAliveCountMax 2`.", fixValue: "2");
        }
    }
}
