using System.Linq;

namespace Stacklint.Rules.Sshd;

sealed class SSH022DefaultPort : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        var setting = cx.Global.Config.Get("Port");
        if (setting.IsDefault)
        {
            cx.Report(cx.Global, setting, $"sshd listens on port 22 (Port is {setting.Origin}); a non-default port cuts down automated brute-force noise. Optional: `Port 2222` (and update the firewall and fail2ban).");
            return;
        }
        foreach (var line in setting.Lines.Where(l => l.Values.Contains("22")))
            cx.Report(line, $"sshd listens on port 22 ({line.Where}); a non-default port cuts down automated brute-force noise. Optional: `Port 2222` (and update the firewall and fail2ban).");
    }
}
