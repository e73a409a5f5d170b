using System.Text;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>The README's rule list, generated from the rule pages (<c>stacklint rules --format markdown</c>).</summary>
public static class RuleTable
{
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("| id | severity | title |\n|---|---|---|\n");
        foreach (var rule in RuleCatalog.Default.All)
            sb.Append($"| [{rule.Id}](rules/{rule.Id}.md) | {rule.Severity.ToText()}{(rule.EnabledByDefault ? "" : " (off by default)")} | {rule.Title} |\n");
        return sb.ToString();
    }
}
