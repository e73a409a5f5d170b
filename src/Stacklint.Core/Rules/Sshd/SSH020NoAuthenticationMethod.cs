using System.Linq;

namespace Stacklint.Rules.Sshd;

sealed class SSH020NoAuthenticationMethod : SshdRule
{
    private static readonly string[] Methods =
        { "PubkeyAuthentication", "PasswordAuthentication", "KbdInteractiveAuthentication", "HostbasedAuthentication", "GSSAPIAuthentication", "KerberosAuthentication" };

    public override void Analyze(SshdContext cx)
    {
        foreach (var scope in cx.Scopes)
        {
            var settings = Methods.Select(m => scope.Config.Get(m)).ToList();
            if (settings.Any(s => s.Value == "yes")) continue;
            if (!scope.IsGlobal && settings.All(s => s.MatchBlock is null)) continue;
            var pubkey = settings[0];
            var offs = string.Join(", ", settings.Take(3).Select(s => $"{s.Keyword.Name} {s.Value} ({(s.IsDefault ? "default" : s.Directive!.Where)})"));
            cx.Report(scope, pubkey,
                $"no way to log in is left{scope.Label}: {offs}, and no host-based or GSSAPI/Kerberos login is on. sshd will start and lock everyone out; keep `PubkeyAuthentication yes`.");
        }
    }
}
