using System;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX018AliasTraversal : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var alias in cx.Config.All("alias"))
        {
            if (alias.Arg(0) is not { } target) continue;
            // The nearest enclosing location is the one that matched the request.
            if (alias.Enclosing("location") is not { } location || NginxLocationPattern.Of(location) is not { } pattern) continue;
            if (pattern.IsPrefix) CheckPrefix(cx, alias, target, pattern);
            else if (pattern.Regex is { IsValid: true } regex) CheckRegex(cx, alias, pattern, regex);
        }
    }

    /// <summary>nginx replaces the matched prefix with the alias: <c>/files../x</c> under <c>location /files</c> becomes
    /// <c>alias + "../x"</c>. Only an alias ending in <c>/</c> turns that into a parent-directory step; without it the
    /// result is a sibling name (<c>/data/files../x</c>), which is not traversal.</summary>
    private static void CheckPrefix(NginxRuleContext cx, NginxNode alias, string target, NginxLocationPattern pattern)
    {
        if (pattern.Path.EndsWith("/", StringComparison.Ordinal) || !target.EndsWith("/", StringComparison.Ordinal)) return;
        cx.Report(alias, $"`location {pattern}` does not end with '/' but `alias {target}` does: nginx swaps the matched prefix for the alias, so `GET {pattern.Path}../etc/passwd` opens `{target}../etc/passwd`, outside the aliased directory (nginx only removes `/../` segments, and `{LastSegment(pattern.Path)}..` is not one). Add the slash to the location (`location {(pattern.Kind == NginxLocationKind.PrefixNoRegex ? "^~ " : "")}{pattern.Path}/`), or use `root` if the URI mirrors the directory.");
    }

    /// <summary>A capture placed right after a <c>/</c> of the alias climbs out when it can start with <c>..</c> and hold a
    /// <c>/</c> — possible unless the regex itself requires a <c>/</c> right before it (the normalised URI has no <c>..</c>
    /// segment, so a capture that starts a segment cannot be one).</summary>
    private static void CheckRegex(NginxRuleContext cx, NginxNode alias, NginxLocationPattern pattern, NginxRegex regex)
    {
        var argument = alias.Arguments[0];
        foreach (var reference in argument.Variables)
        {
            if (regex.GroupFor(reference) is not { } group) continue;
            var before = argument.Value.Substring(0, reference.Start);
            if (before.Length > 0 && !before.EndsWith("/", StringComparison.Ordinal)) continue;
            if (NginxRegex.Preceding(group).Always('/')) continue;
            if (!NginxRegex.CanStartWith(group.Body, '.') || !NginxRegex.CanMatch(group.Body, '/')) continue;
            var uri = NginxRegex.Sample(regex.Root!, group, "../etc/passwd");
            cx.Report(alias, $"`{reference}` of `location {pattern}` is placed right after a '/' in `alias {argument.Value}`, and nothing in the regex requires a '/' before it: `GET {uri}` sets it to `../etc/passwd` and nginx opens `{before}../etc/passwd`, outside the aliased directory. Put the capture after a literal '/' in the regex (`^/img/(.*)$` rather than `^/img(.*)$`), or restrict it to characters without '/'.");
            return;
        }
    }

    private static string LastSegment(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path.Substring(slash + 1) : path;
    }
}
