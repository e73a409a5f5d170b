namespace Stacklint.Rules.Sshd;

sealed class SSH003RootLoginAllowed : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var (scope, setting) in cx.Effective("PermitRootLogin"))
        {
            // `yes` is SSH002's; sshd -T prints prohibit-password as without-password before OpenSSH 10.1.
            if (setting.Value is "no" or "yes") continue;
            var shown = setting.IsDefault ? "prohibit-password" : string.Join(" ", setting.Arguments);
            cx.Report(scope, setting,
                $"root can still log in with a key{scope.Label}: PermitRootLogin is `{shown}` ({setting.Origin}). CIS asks for `PermitRootLogin no`.", fixValue: "no");
        }
    }
}
