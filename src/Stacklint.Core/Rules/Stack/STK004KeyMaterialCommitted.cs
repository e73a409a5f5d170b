using System.Linq;

namespace Stacklint.Rules.Stack;

/// <summary>A private key (or a compose secret's file) in the repository: everyone who can read the repository, and
/// its history, holds it.</summary>
public sealed class STK004KeyMaterialCommitted : StackRule
{
    public override void Analyze(StackContext cx)
    {
        foreach (var key in cx.Stack.KeyFiles.Where(k => k.IsCommitted))
        {
            var state = key.IsTracked == true
                ? key.IsIgnored == true ? "is committed to git although .gitignore covers it (added before the rule, or with `git add -f`)" : "is committed to git"
                : "is not covered by .gitignore: the next `git add .` commits it";
            var used = key.References.Count == 0 ? ""
                : $" The configuration uses it: {string.Join("; ", key.References.Select(r => r.Describe()))}.";
            var rotate = key.What != "a compose secret"
                ? "Remove it from the repository (`git rm --cached`), ignore it, install it on the host out of band, and replace the key: the old one stays in the history."
                : "Remove it from the repository (`git rm --cached`), ignore it, create it on the host out of band, and change the secret: the old one stays in the history.";
            cx.Report(key.File.StartLocation(),
                $"`{key.File.RelativePath}` holds {key.What} and {state}.{used} Anyone who can read the repository can use it. {rotate}",
                key.References.Select(r => r.Where));
        }
    }
}
