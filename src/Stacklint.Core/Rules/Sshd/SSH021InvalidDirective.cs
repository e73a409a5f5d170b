using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Sshd;

namespace Stacklint.Rules.Sshd;

sealed class SSH021InvalidDirective : SshdRule
{
    public override void Analyze(SshdContext cx)
    {
        var subsystems = new Dictionary<string, SshdDirective>(StringComparer.Ordinal);
        foreach (var directive in cx.Config.AllDirectives())
        {
            if (directive.Is("Match"))
            {
                if (SshdMatch.TryRead(directive.Values, out var matchError) is null)
                    Refuse(cx, directive, $"`Match {directive.ValueText}` is not a valid Match line ({matchError})");
                continue;
            }
            if (directive.Is("Include"))
            {
                if (directive.Arguments.Count == 0) Refuse(cx, directive, "Include has no file name");
                continue;
            }
            var keyword = SshdKeywordTable.Find(directive.Keyword);
            if (keyword is null)
            {
                var suggestion = Nearest(directive.Keyword);
                Refuse(cx, directive, $"`{directive.Keyword}` is not an sshd keyword (\"Bad configuration option\"){(suggestion is null ? "" : $"; did you mean `{suggestion}`?")}");
                continue;
            }
            if (keyword.Validate(directive.Values) is { } problem)
            {
                Refuse(cx, directive, directive.Arguments.Count == 0
                    ? $"`{directive.Keyword}` has no value"
                    : $"`{directive.Keyword} {directive.ValueText}` is not a valid value ({problem})");
                continue;
            }
            if (keyword.Name == "Subsystem" && directive.Arguments.Count > 0)
            {
                var name = directive.Arguments[0].Value;
                if (subsystems.TryGetValue(name, out var first))
                    Refuse(cx, directive, $"Subsystem '{name}' is already defined at {first.Where}");
                else subsystems[name] = directive;
            }
        }
        foreach (var misplaced in cx.Global.Config.Misplaced)
            Refuse(cx, misplaced, $"`{misplaced.Keyword}` is not allowed inside a Match block (\"Directive '{misplaced.Keyword}' is not allowed within a Match block\"); move it above the first Match");
    }

    private static void Refuse(SshdContext cx, SshdDirective directive, string problem) =>
        cx.Report(directive, $"{problem}: sshd refuses to start with this configuration.");

    private static string? Nearest(string keyword)
    {
        var lower = keyword.ToLowerInvariant();
        var best = SshdKeywordTable.All
            .Select(k => (k.Name, Distance: Stacklint.Text.EditDistance.Between(lower, k.Name.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, lower.Length / 4) ? best.Name : null;
    }

}
