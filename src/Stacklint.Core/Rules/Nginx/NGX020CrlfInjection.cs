using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX020CrlfInjection : NginxRule
{
    private static readonly string[] RedirectCodes = { "301", "302", "303", "307", "308" };

    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var node in cx.Config.AllNodes().Where(n => n.Context.IsHttp()))
        {
            if (Sink(node) is not { } sink) continue;
            var problems = new List<string>();
            var fixes = new List<string>();
            foreach (var argument in sink.Values)
                foreach (var (variable, sources) in cx.Variables.Resolve(node, argument))
                    foreach (var source in sources)
                    {
                        var breaks = source.Chars & sink.Breaking;
                        if (breaks == NginxChars.None) continue;
                        problems.Add($"{source.Describe()} can hold a raw {breaks.Describe()}{Why(source)}");
                        fixes.Add(Fix(source));
                    }
            if (problems.Count == 0) continue;
            cx.Report(node, $"{sink.What} is built from a value that can contain line breaks: {string.Join("; ", problems.Distinct())}. {sink.Effect} {string.Join(" ", fixes.Distinct())}");
        }
    }

    private sealed record SinkValue(IReadOnlyList<NginxArgument> Values, NginxChars Breaking, string What, string Effect);

    private const string ResponseEffect = "A client who gets a line break into it (`GET /%0d%0aSet-Cookie:%20a=b`) adds headers of its choosing to the response, and with two line breaks writes the body (XSS, cache poisoning).";
    private const string UpstreamEffect = "A line feed there splits the request nginx sends upstream: the client adds headers or a second request.";

    /// <summary>The value a directive puts into a header and which line breaks split it: CR or LF towards the client
    /// (some clients split on a bare CR), LF towards an upstream (upstreams split lines on LF).</summary>
    private static SinkValue? Sink(NginxNode node)
    {
        var args = node.Arguments;
        switch (node.Name)
        {
            case "add_header" or "add_trailer" when args.Count >= 2:
                return new SinkValue(new[] { args[1] }, NginxChars.LineBreaks, $"the response header `{args[0].Value}`", ResponseEffect);
            case "more_set_headers":
                return new SinkValue(NginxHeaders.SetValues(node), NginxChars.LineBreaks, "a response header set by `more_set_headers`", ResponseEffect);
            case "return" when args.Count == 2 && RedirectCodes.Contains(args[0].Value):
                return new SinkValue(new[] { args[1] }, NginxChars.LineBreaks, $"the Location header of `return {args[0].Value}`", ResponseEffect);
            case "return" when args.Count == 1 && IsAbsolute(args[0].Value):
                return new SinkValue(new[] { args[0] }, NginxChars.LineBreaks, "the Location header of `return`", ResponseEffect);
            // An absolute replacement always redirects; redirect/permanent redirect with any replacement. Internal
            // rewrites (last, break) make a new URI, which nginx escapes when it proxies it.
            case "rewrite" when args.Count >= 2 && (IsAbsolute(args[1].Value) || (args.Count >= 3 && args[2].Value is "redirect" or "permanent")):
                return new SinkValue(new[] { args[1] }, NginxChars.LineBreaks, "the Location header of this `rewrite`", ResponseEffect);
            case "error_page" when args.Count >= 2 && IsAbsolute(args[args.Count - 1].Value):
                return new SinkValue(new[] { args[args.Count - 1] }, NginxChars.LineBreaks, "the Location header of `error_page`", ResponseEffect);
            case "proxy_set_header" or "grpc_set_header" when args.Count >= 2:
                return new SinkValue(new[] { args[1] }, NginxChars.LineFeed, $"the upstream request header `{args[0].Value}`", UpstreamEffect);
            case "proxy_pass" when args.Count >= 1:
                return new SinkValue(new[] { args[0] }, NginxChars.LineFeed, "the upstream request line of `proxy_pass`", UpstreamEffect);
            default:
                return null;
        }
    }

    private static bool IsAbsolute(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("$scheme", StringComparison.Ordinal) || url.StartsWith("${scheme}", StringComparison.Ordinal);

    private static string Fix(NginxValueSource source)
    {
        if (source.Capture is { Kind: NginxCaptureKind.Rewrite } && source.Group?.Name is not null)
            return "Use a numbered capture (`$1`) in the rewrite replacement: nginx escapes those, not named ones.";
        if (source.Capture is not null)
            return "Capture with a class that excludes line breaks (`[^/\\r\\n]+`, `[a-z0-9_-]+`), or match against `$request_uri` (raw, still percent-encoded).";
        return source.Variable.ToLowerInvariant() switch
        {
            "$remote_user" or "$request_body" => $"Do not copy `{source.Variable}` into headers.",
            _ => "Use `$request_uri` (raw, still percent-encoded) rather than `$uri`.",
        };
    }

    private static string Why(NginxValueSource source)
    {
        if (source.Capture is { } capture && source.Group is { } group)
        {
            var from = capture.Kind is NginxCaptureKind.If or NginxCaptureKind.Map && capture.Source is not null ? $"`{capture.Source}`" : "the percent-decoded URI";
            var named = capture.Kind == NginxCaptureKind.Rewrite && group.Name is not null ? "; named captures are not escaped in a rewrite replacement" : "";
            return $" (its group `{capture.Regex.Text(group)}` matches it and {from} can contain it{named})";
        }
        return source.Variable.ToLowerInvariant() switch
        {
            "$uri" or "$document_uri" or "$request_filename" or "$fastcgi_script_name" or "$fastcgi_path_info" => " (nginx percent-decodes the URI: `%0d%0a` becomes CRLF)",
            "$remote_user" => " (it is Base64-decoded from the Authorization header, whether or not auth_basic is on)",
            "$request_body" => " (the request body is not checked)",
            _ => "",
        };
    }
}
