namespace Stacklint.Rules.Sshd;

sealed class SSH016LogLevel : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("LogLevel"))
            if (setting.Value is "SILENT" or "FATAL" or "ERROR") // sshd -T spells QUIET as SILENT
                cx.Report(scope, setting,
                    $"logins and failed attempts are not logged{scope.Label}: LogLevel is `{string.Join(" ", setting.Arguments)}` ({setting.Origin}); fail2ban and audits need them. Use `LogLevel INFO` or `VERBOSE`.", fixValue: "VERBOSE");
    }
}
