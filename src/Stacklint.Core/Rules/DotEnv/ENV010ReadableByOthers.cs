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
        // What makes the mode matter: values the loader marked secret (by name, by form, or as generated).
        var marked = cx.Stack.Secrets.In(file.File.RelativePath);
        var secrets = cx.Document.Entries
            .Where(e => e.Value is { Length: > 0 } && marked.Any(s => s.OverlapsWith(e.ValueSpan)))
            .Select(e => e.Key).Distinct().ToList();
        if (secrets.Count == 0) return;
        var who = access.OthersCanRead ? "every user of this host can read it"
            : access.GroupCanRead ? "members of its group can read it"
            : "users other than its owner can change it";
        var named = string.Join(", ", secrets.Take(3).Select(k => $"`{k}`")) + (secrets.Count > 3 ? $" and {secrets.Count - 3} more" : "");
        cx.ReportFile($"`{file.File.RelativePath}` has mode {access.Octal}: {who}, and with it the secret{(secrets.Count == 1 ? "" : "s")} in {named}. " +
                      $"Run `chmod 600 {file.RootRelative}` and give it to the user the service runs as (`chown`).");
    }
}
