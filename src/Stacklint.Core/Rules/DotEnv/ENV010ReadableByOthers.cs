using System.Linq;

namespace Stacklint.Rules.DotEnv;

sealed class ENV010ReadableByOthers : DotEnvRule
{
    public override void Analyze(DotEnvContext cx)
    {
        var file = cx.File;
        // Only a host's tree: in a git work tree the mode is whatever the checkout's umask made it, not a deployment's.
        if (file.IsTemplate || file.InWorkTree || file.Access is not { } access) return;
        if (!access.GroupCanRead && !access.OthersCanRead && !access.GroupOrOthersCanWrite) return;
        var values = cx.Document.Entries.Count(e => e.Value is { Length: > 0 });
        if (values == 0) return;
        var who = access.OthersCanRead ? "every user of this host can read it"
            : access.GroupCanRead ? "members of its group can read it"
            : "users other than its owner can change it";
        cx.ReportFile($"`{file.File.RelativePath}` has mode {access.Octal}: {who}, and with it {values} value{(values == 1 ? "" : "s")} such as passwords and keys. " +
                      $"Run `chmod 600 {file.RootRelative}` and give it to the user the service runs as (`chown`).");
    }
}
