namespace Stacklint.Rules.Sshd;

sealed class SSH012HostbasedAuthentication : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("HostbasedAuthentication"))
            if (setting.Value == "yes")
                cx.Report(scope, setting,
                    $"host-based trust is on{scope.Label}: HostbasedAuthentication is `yes` ({setting.Origin}); any account on a trusted host logs in without a key of its own. Set `HostbasedAuthentication no`.", fixValue: "no");
        foreach (var (scope, setting) in cx.Effective("IgnoreRhosts"))
            if (setting.Value != "yes")
                cx.Report(scope, setting,
                    $".rhosts/.shosts files are honoured{scope.Label}: IgnoreRhosts is `{setting.Value}` ({setting.Origin}). Set `IgnoreRhosts yes`.", fixValue: "yes");
    }
}
