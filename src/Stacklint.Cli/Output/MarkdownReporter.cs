using System.IO;
using System.Linq;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>A Markdown summary for a pull request or <c>$GITHUB_STEP_SUMMARY</c>: the totals, a table of findings
/// per file and rule, then every finding per file.</summary>
public sealed class MarkdownReporter : IReporter
{
    public void Write(Report report, TextWriter writer)
    {
        var counted = report.Counted;
        writer.WriteLine("## stacklint");
        writer.WriteLine();
        writer.WriteLine(report.Summary());
        writer.WriteLine();
        if (counted.Count == 0) return;

        writer.WriteLine("| File | Rule | Severity | Findings | Title |");
        writer.WriteLine("|---|---|---|---:|---|");
        foreach (var group in counted
                     .GroupBy(d => (Path: d.Location.GetLineSpan().Path, d.Id))
                     .OrderBy(g => g.Key.Path, System.StringComparer.Ordinal).ThenBy(g => g.Key.Id, System.StringComparer.Ordinal))
        {
            var rule = RuleCatalog.Default[group.Key.Id];
            var severity = group.Max(d => d.Severity).ToRuleSeverity().ToText();
            writer.WriteLine($"| `{Cell(group.Key.Path)}` | [{group.Key.Id}]({rule.HelpUri}) | {severity} | {group.Count()} | {Cell(rule.Title)} |");
        }

        foreach (var file in counted.GroupBy(d => d.Location.GetLineSpan().Path))
        {
            writer.WriteLine();
            writer.WriteLine($"### `{Cell(file.Key)}`");
            writer.WriteLine();
            writer.WriteLine("| Line | Rule | Severity | Message |");
            writer.WriteLine("|---:|---|---|---|");
            foreach (var diagnostic in file)
                writer.WriteLine($"| {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1} | {diagnostic.Id} | {diagnostic.Severity.ToRuleSeverity().ToText()} | {Cell(diagnostic.GetMessage())} |");
        }
    }

    /// <summary>A table cell: pipes escaped, no line breaks.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
