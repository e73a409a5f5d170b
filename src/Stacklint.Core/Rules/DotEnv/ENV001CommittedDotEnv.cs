using System.Linq;

namespace Stacklint.Rules.DotEnv;

sealed class ENV001CommittedDotEnv : DotEnvRule
{
    public override void Analyze(DotEnvContext cx)
    {
        var file = cx.File;
        // Templates are meant to be committed; a host directory outside any repository is where a .env belongs.
        if (file.IsTemplate || !file.InRepository) return;
        var values = cx.Document.Entries.Count(e => e.Value is { Length: > 0 });
        if (values == 0) return;
        var name = file.File.RelativePath;
        var held = $"{values} value{(values == 1 ? "" : "s")}";
        if (file.IsTracked == true)
        {
            var ignore = file.IsIgnored == true
                ? " although .gitignore covers it (it was added before the rule, or with `git add -f`)"
                : ", and .gitignore does not cover it";
            cx.ReportFile($"`{name}` is committed to git{ignore}: everyone who can read the repository, and its history, has its {held}. " +
                          $"Run `git rm --cached {file.RootRelative}`, make sure .gitignore lists it, commit a template without real values instead (`.env.example`), and rotate every secret it held: they stay in the history.");
        }
        else if (file.IsIgnored == false)
        {
            var state = file.IsTracked == false ? "is not tracked yet, but .gitignore does not cover it" : "is not covered by .gitignore";
            cx.ReportFile($"`{name}` {state}: the next `git add .` commits its {held}. Add `{IgnoreEntry(file.RootRelative)}` to .gitignore, and commit a template without real values instead (`.env.example`).");
        }
    }

    /// <summary>The .gitignore line for a file: its name, which matches it in every directory.</summary>
    internal static string IgnoreEntry(string rootRelative) => rootRelative.Substring(rootRelative.LastIndexOf('/') + 1);
}
