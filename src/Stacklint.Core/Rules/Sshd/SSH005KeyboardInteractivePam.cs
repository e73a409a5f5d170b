namespace Stacklint.Rules.Sshd;

sealed class SSH005KeyboardInteractivePam : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        var pam = cx.Global.Config.Get("UsePAM");
        if (pam.Value != "yes") return;
        foreach (var (scope, setting) in cx.Effective("KbdInteractiveAuthentication"))
        {
            if (setting.Value != "yes") continue;
            var spelled = setting.Directive?.Keyword ?? "KbdInteractiveAuthentication";
            var message = $"PAM can still ask for passwords{scope.Label}: {spelled} is `yes` ({setting.Origin}) and UsePAM is `yes` ({pam.Origin}), so keyboard-interactive logins reach PAM's password prompt whatever PasswordAuthentication says. Set `KbdInteractiveAuthentication no`.";
            // The default is on, so without a line of its own the finding belongs where PAM is switched on.
            if (setting.IsDefault && scope.IsGlobal && pam.Directive is { } pamLine) cx.Report(pamLine, message);
            else cx.Report(scope, setting, message);
        }
    }
}
