using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX023WeakOriginCheck : NginxRule
{
    private enum Header { Origin, Referer }

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var node in cx.Config.AllNodes())
        {
            var problems = new List<string>();
            if (UsesMisspelledReferer(node))
                problems.Add("`$http_referrer` is always empty: browsers send the header as `Referer` (its historical spelling), so this check never sees a value. Use `$http_referer`.");
            else if (node.Is("if") && NginxCondition.Of(node) is { IsRegexTest: true, Regex: { IsValid: true } regex } condition && Checked(condition.Left) is { } header)
                problems.AddRange(Judge(regex, header, schemeStripped: false).Select(p => $"`{condition.Left} {condition.Operator} {regex.Pattern}` is a weak {header} check: {p}. {Fix(header)}"));
            else if (NginxMapEntry.For(node) is { Regex: { IsValid: true } key } entry && Checked(node.Parent!.Arg(0)) is { } mapped)
                problems.AddRange(Judge(key, mapped, schemeStripped: false).Select(p => $"the map key `{entry.Key}` on `{node.Parent!.Arg(0)}` is a weak {mapped} check: {p}. {Fix(mapped)}"));
            else if (node.Is("valid_referers"))
                problems.AddRange(ValidReferers(node));
            if (problems.Count > 0) cx.Report(node, string.Join(" Also, ", problems));
        }
        ReportUnguardedReflection(cx);
    }

    private static string Fix(Header header) => header == Header.Origin
        ? "Anchor both ends and escape every dot (`^https://(www\\.)?example\\.com(:[0-9]+)?$`), or list the allowed origins literally in a `map $http_origin` with `default \"\"`."
        : "Anchor the start and close the host with a '/' (`^https://(www\\.)?example\\.com/`), escaping every dot.";

    private static Header? Checked(string? variable) => variable?.ToLowerInvariant() switch
    {
        "$http_origin" or "${http_origin}" => Header.Origin,
        "$http_referer" or "${http_referer}" => Header.Referer,
        _ => null,
    };

    private static bool UsesMisspelledReferer(NginxNode node) =>
        node.Arguments.Concat(node.Context == NginxContext.Entries ? new[] { node.Directive.NameArgument } : Array.Empty<NginxArgument>())
            .Any(a => a.Variables.Any(v => v.Is("http_referrer")));

    /// <summary><c>valid_referers none</c> lets requests without a Referer through — any page can send none
    /// (<c>Referrer-Policy: no-referrer</c>); its regex entries are applied to the Referer after its scheme.</summary>
    private static IEnumerable<string> ValidReferers(NginxNode node)
    {
        if (node.Arguments.Any(a => a.Is("none")))
            yield return "`valid_referers none` accepts requests without a Referer, and any page can send none (`Referrer-Policy: no-referrer`, `rel=noreferrer`): the check only stops attackers who do not bother. Remove `none`.";
        foreach (var argument in node.Arguments.Where(a => a.Value.StartsWith("~", StringComparison.Ordinal)))
        {
            var regex = NginxRegex.Parse(argument.Value.Substring(1), caseless: true);
            if (!regex.IsValid) continue;
            foreach (var problem in Judge(regex, Header.Referer, schemeStripped: true))
                yield return $"the valid_referers entry `{argument.Value}` is weak: {problem}. Anchor it with `^` and close the host with a '/' (`~^(www\\.)?example\\.com/`).";
        }
    }

    /// <summary>Each alternative of the pattern must pin the host; the first weakness found, with an attacker value.</summary>
    private static IEnumerable<string> Judge(NginxRegex regex, Header header, bool schemeStripped)
    {
        foreach (var items in regex.Alternatives())
            if (JudgeOne(items, header, schemeStripped) is { } problem)
                return new[] { problem };
        return Array.Empty<string>();
    }

    private static readonly char[] Delimiters = { '/', ':', '?', '#' };

    /// <summary>
    /// One alternative, as a flat list of elements: find the host (after a literal <c>://</c>, else from the start) up
    /// to the first element that must match a delimiter (<c>/ : ? #</c>) or the end anchor; then ask whether something
    /// closes it on the right, whether something closes it on the left, and whether its wildcard part stays inside
    /// one registrable domain.
    /// </summary>
    private static string? JudgeOne(IReadOnlyList<RxNode> items, Header header, bool schemeStripped)
    {
        var start = 0;
        var anchored = items.Count > 0 && items[0] is RxAnchor { Kind: RxAnchorKind.Start };
        if (anchored) start = 1;
        var separator = schemeStripped ? -1 : SchemeSeparator(items, start);
        var hostStart = separator >= 0 ? separator + 3 : start;
        var hostEnd = hostStart;
        while (hostEnd < items.Count && !EndsHost(items[hostEnd])) hostEnd++;
        var scheme = separator >= 0 ? items.Skip(start).Take(separator - start).ToList() : new List<RxNode>();
        var host = items.Skip(hostStart).Take(hostEnd - hostStart).ToList();
        var schemeText = separator >= 0 && scheme.Count > 0 ? NginxRegex.Sample(scheme) + "://" : "https://";
        var hostText = HostSample(host, null);

        if (!Closed(items, hostEnd))
            return $"nothing closes the host on the right (no `$` or delimiter after it), so `{schemeText}{hostText}.evil.net{(header == Header.Referer ? "/" : "")}` matches";
        if (!anchored)
        {
            if (header == Header.Referer)
                return $"without `^` the pattern matches anywhere in the Referer, so a page at `https://evil.net/?{(schemeStripped ? "" : schemeText)}{hostText}/` passes";
            if (separator < 0 && !(host.FirstOrDefault() is RxAtom first && first.IsLiteral && first.OnlyMatches('.')))
                return $"without `^` or a scheme anything can precede the host, so `https://evil{hostText}` matches";
        }
        if (header == Header.Referer && scheme.Any(n => "/?#".Any(c => NginxRegex.CanMatch(n, c, countLiterals: false))))
            return $"the part before `://` can match '/', so a page at `https://evil.net/?x={schemeText}{hostText}/` passes";

        // The literal suffix of the host (escaped dots and letters up to the right edge) and the rest.
        var split = host.Count;
        while (split > 0 && host[split - 1] is RxAtom { IsLiteral: true }) split--;
        var suffix = string.Concat(host.Skip(split).Select(a => ((RxAtom)a).Sample())).ToLowerInvariant();
        var prefix = host.Take(split).ToList();
        if (prefix.Count == 0 || !prefix.Any(NginxRegex.HasWildcard)) return null; // a fixed set of literal names: compared exactly

        var dot = host.OfType<RxAtom>().FirstOrDefault(IsBareDot);
        if (dot is not null)
            return $"an unescaped '.' in the host matches any character, so `{schemeText}{HostSample(host, dot)}` matches; write `\\.`";
        var (last, _) = NginxRegex.Last(prefix);
        var endsInDot = last.All(a => a.OnlyMatches('.'));
        var wildcard = NginxRegex.Sample(prefix);
        if (!endsInDot && !suffix.StartsWith(".", StringComparison.Ordinal))
            return $"the wildcard part of the host can end in any character, so `{schemeText}evil{suffix}` matches; put a literal `\\.` before the domain (`([a-z0-9-]+\\.)*{Escape(suffix)}`)";
        var domain = suffix.TrimStart('.');
        if (!Registrable(domain))
            return $"`{domain}` is not a domain one owner controls (anyone can register a name under it), so `{schemeText}evil.{domain}` matches";
        if (header == Header.Referer && prefix.Any(n => "/?#@".Any(c => NginxRegex.CanMatch(n, c, countLiterals: false))))
            return $"the wildcard part of the host can match '/', so a page at `https://evil.net/{wildcard}{suffix}/` passes";
        return null;
    }

    private static int SchemeSeparator(IReadOnlyList<RxNode> items, int from)
    {
        for (var i = from; i + 2 < items.Count; i++)
            if (IsChar(items[i], ':') && IsChar(items[i + 1], '/') && IsChar(items[i + 2], '/')) return i;
        return -1;
    }

    private static bool IsChar(RxNode node, char c) => node is RxAtom { IsLiteral: true } atom && atom.OnlyMatches(c);

    /// <summary>The end anchor, or an element that must start with a delimiter (a mandatory <c>/</c>, an optional
    /// <c>(:[0-9]+)?</c> port group).</summary>
    private static bool EndsHost(RxNode node) => node switch
    {
        RxAnchor { Kind: RxAnchorKind.End } => true,
        RxAtom atom => atom.OnlyMatches(Delimiters),
        RxAnchor or RxLookaround => false,
        _ => NginxRegex.First(node) is { Count: > 0 } first && first.All(a => a.OnlyMatches(Delimiters)),
    };

    /// <summary>The host is closed on the right: by <c>$</c>, by a mandatory delimiter (nothing an attacker registers
    /// can follow "example.com/" or "example.com:"), or by optional delimiter groups followed by one of those.</summary>
    private static bool Closed(IReadOnlyList<RxNode> items, int at)
    {
        for (var i = at; i < items.Count; i++)
        {
            var item = items[i];
            if (!EndsHost(item)) return false;
            if (item is RxAnchor or RxAtom || !NginxRegex.Nullable(item)) return true;
        }
        return false;
    }

    /// <summary><c>.</c> (or a class as wide): matches a dot, a letter and a slash alike.</summary>
    private static bool IsBareDot(RxAtom atom) => !atom.IsLiteral && atom.Set.Matches('.') && atom.Set.Matches('x') && atom.Set.Matches('/');

    /// <summary>A host the pattern matches, bare dots written as '.' except <paramref name="asLetter"/> (shown as 'x').</summary>
    private static string HostSample(IEnumerable<RxNode> host, RxAtom? asLetter) =>
        string.Concat(host.Select(n => n == asLetter ? "x" : n is RxAtom atom && IsBareDot(atom) ? "." : NginxRegex.Sample(n))).ToLowerInvariant();

    private static string Escape(string domain) => domain.TrimStart('.').Replace(".", "\\.");

    // Suffixes under which anyone can register a name (a short excerpt of the Public Suffix List: the common
    // second-level registries and hosting platforms). Any single label ("com", "localhost") counts as one too.
    private static readonly HashSet<string> PublicSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn",
        "com.mx", "co.in", "net.in", "org.in", "co.za", "org.za", "com.tr", "com.ar", "com.co", "com.sg", "com.hk", "com.tw",
        "co.kr", "or.kr", "co.il", "org.il", "com.ua", "com.pl", "co.id", "com.my", "com.ph", "com.vn", "com.pk", "com.ng", "co.ke",
        "github.io", "gitlab.io", "herokuapp.com", "azurewebsites.net", "cloudfront.net", "appspot.com", "blogspot.com",
        "vercel.app", "netlify.app", "pages.dev", "workers.dev", "web.app", "firebaseapp.com", "fly.dev", "onrender.com",
        "amazonaws.com", "s3.amazonaws.com", "elasticbeanstalk.com", "glitch.me", "ngrok.io", "ngrok-free.app", "repl.co",
        "azurestaticapps.net", "trycloudflare.com", "r2.dev", "surge.sh", "now.sh", "readthedocs.io", "deno.dev",
    };

    private static bool Registrable(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length > 0) && !PublicSuffixes.Contains(domain);
    }

    // ---- Access-Control-Allow-Origin: $http_origin with credentials and no check at all -------------------------

    /// <summary>
    /// Reflecting <c>$http_origin</c> into <c>Access-Control-Allow-Origin</c> (directly, through <c>set</c>, or through a
    /// map whose <c>default</c> is <c>$http_origin</c>) outside any <c>if</c> that tests it, where
    /// <c>Access-Control-Allow-Credentials: true</c> is sent too, is an Origin check that accepts every origin: any site
    /// can read the user's authenticated responses. Without credentials it is the same as <c>*</c>.
    /// </summary>
    private static void ReportUnguardedReflection(NginxRuleContext cx)
    {
        var reported = new HashSet<NginxNode>();
        foreach (var level in cx.AllLevels())
        {
            var headers = NginxHeaders.Effective(level, cx.Target);
            var allow = headers.Find("Access-Control-Allow-Origin");
            var credentials = headers.Find("Access-Control-Allow-Credentials");
            if (allow is null || credentials is null || !string.Equals(credentials.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)) continue;
            if (Guarded(level) || reported.Contains(allow.Node)) continue;
            if (Reflection(cx, allow.Node, allow.Node.Arguments[1]) is not { } how) continue;
            reported.Add(allow.Node);
            cx.Report(allow.Node, $"`Access-Control-Allow-Origin` echoes {how} with no check of the Origin, and `Access-Control-Allow-Credentials: true` (at {credentials.Node.Origin}) is sent with it: any web site can read this user's authenticated responses. Allow only listed origins: `map $http_origin $cors_origin {{ default \"\"; https://app.example.com $http_origin; }}`.");
        }
    }

    private static bool Guarded(NginxLevel? level) =>
        level is not null && level.Chain().Any(l => l.IsIf && NginxCondition.Of(l.Block!) is { Operator: not null } c && Checked(c.Left) == Header.Origin);

    private static string? Reflection(NginxRuleContext cx, NginxNode at, NginxArgument value)
    {
        foreach (var variable in value.Variables)
        {
            if (variable.Is("http_origin")) return "`$http_origin`";
            var set = cx.Variables.Assignments(variable.Name, at)
                .FirstOrDefault(s => s.Arguments[1].Variables.Any(v => v.Is("http_origin")) && !Guarded(cx.Variables.LevelOf(s)));
            if (set is not null) return $"`${variable.Name}` (set to `$http_origin` at {set.Origin})";
            if (cx.Variables.Definition(variable.Name) is { } map && map.Is("map")
                && NginxMapEntry.Of(map).FirstOrDefault(e => e.IsDefault)?.Value?.Variables.Any(v => v.Is("http_origin")) == true)
                return $"`${variable.Name}` (its map at {map.Origin} falls back to `$http_origin` by default)";
        }
        return null;
    }
}
