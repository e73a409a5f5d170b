using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Sshd;

namespace Stacklint.Rules.Sshd;

sealed class SSH018DeprecatedKeyword : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        foreach (var directive in cx.Config.AllDirectives())
        {
            var keyword = SshdKeywordTable.Find(directive.Keyword);
            if (keyword is null) continue;
            if (keyword.Name == "Protocol" && directive.Values.Any(v => v.Split(',').Contains("1")))
                cx.Report(directive,
                    $"`{directive.Keyword} {directive.ValueText}` asks for SSH protocol 1, which is broken; OpenSSH ignores the keyword since 7.4 and speaks only protocol 2, but the line shows the server was meant to accept protocol 1. Delete it.",
                    RuleSeverity.Error, SshdContext.DeleteLine(directive, $"Delete `{directive.Keyword} {directive.ValueText}` ({directive.Where})"));
            else if (keyword.Status == SshdKeywordStatus.Deprecated)
                cx.Report(directive,
                    $"`{directive.Keyword}` is deprecated: OpenSSH logs \"Deprecated option\" and ignores it, so this line does nothing. Delete it.",
                    fix: SshdContext.DeleteLine(directive, $"Delete `{directive.Keyword}` ({directive.Where})"));
            else if (keyword.Status == SshdKeywordStatus.Unsupported)
                cx.Report(directive,
                    $"`{directive.Keyword}` is no longer supported: OpenSSH ignores it, so this line does nothing. Delete it.",
                    fix: SshdContext.DeleteLine(directive, $"Delete `{directive.Keyword}` ({directive.Where})"));
            else if (keyword.AliasOf is { } current)
                cx.Report(directive,
                    $"`{directive.Keyword}` is the old name of `{current}`; it still works, but the two share one value and the first of either wins. Write `{current}`.",
                    fix: new Fix($"Rename `{directive.Keyword}` to `{current}` ({directive.Where})", new[] { new TextEdit(directive.File, directive.KeywordSpan, current) }));
        }
    }
}
