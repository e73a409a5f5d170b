using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Nginx;

/// <summary>An <c>add_header name value [always]</c> in effect at a level.</summary>
public sealed class NginxHeader
{
    public NginxHeader(NginxNode node)
    {
        Node = node;
        Name = node.Arg(0) ?? "";
        Value = node.Arg(1) ?? "";
        Always = node.Arguments.Count > 2 && node.Arguments[2].Is("always");
    }

    public NginxNode Node { get; }
    public string Name { get; }
    public string Value { get; }
    /// <summary>Without <c>always</c>, nginx adds the header to 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 only.</summary>
    public bool Always { get; }

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Response headers as nginx's headers module computes them per level.</summary>
public static class NginxHeaders
{
    /// <summary><c>add_header_inherit</c> (on | off | merge) exists since 1.29.3.</summary>
    public static readonly NginxVersion InheritSince = new(1, 29, 3);

    /// <summary>The headers that tell a browser how to treat the site: what NGX004 protects from being dropped.</summary>
    public static readonly IReadOnlyList<string> Security = new[]
    {
        "Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
        "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy",
        "Cross-Origin-Resource-Policy", "X-XSS-Protection",
    };

    public static bool IsSecurity(string name) => Security.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The headers nginx adds at <paramref name="level"/>: its own <c>add_header</c>s if it has any, else the
    /// nearest parent's (with <c>add_header_inherit merge</c>, the parent's followed by its own; with <c>off</c>, its own
    /// only). A header with an empty value is not sent.</summary>
    public static IReadOnlyList<NginxHeader> Effective(NginxLevel level, NginxVersion target)
    {
        var own = level.Own("add_header").Select(n => new NginxHeader(n)).ToList();
        var mode = target >= InheritSince ? level.Find("add_header_inherit")?.Arg(0) ?? "on" : "on";
        IReadOnlyList<NginxHeader> result;
        if (own.Count == 0) result = mode == "off" || level.Parent is null ? own : Effective(level.Parent, target);
        else if (mode == "merge" && level.Parent is not null) result = Effective(level.Parent, target).Concat(own).ToList();
        else result = own;
        return result.Where(h => h.Value.Length > 0).ToList();
    }

    public static NginxHeader? Find(this IReadOnlyList<NginxHeader> headers, string name) => headers.FirstOrDefault(h => h.Is(name));

    /// <summary>The header values a directive sets: <c>add_header</c>, <c>add_trailer</c> (response), <c>proxy_set_header</c>,
    /// <c>grpc_set_header</c> (upstream) take "name value"; <c>more_set_headers</c> (headers-more) takes "Name: value"
    /// words after its options (<c>-s status</c>, <c>-t type</c>, <c>-r</c>). None for other directives.</summary>
    public static IReadOnlyList<NginxArgument> SetValues(NginxNode node)
    {
        var args = node.Arguments;
        if (node.Name is "add_header" or "add_trailer" or "proxy_set_header" or "grpc_set_header")
            return args.Count >= 2 ? new[] { args[1] } : Array.Empty<NginxArgument>();
        if (!node.Is("more_set_headers")) return Array.Empty<NginxArgument>();
        var values = new List<NginxArgument>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Value is "-s" or "-t") { i++; continue; }
            if (args[i].Value.StartsWith("-", StringComparison.Ordinal) && args[i].Value.IndexOf(':') < 0) continue;
            values.Add(args[i]);
        }
        return values;
    }

    /// <summary>Whether the level has <c>add_header</c>s of its own, and so does not inherit its parent's.</summary>
    public static bool DefinesOwn(NginxLevel level) => level.Own("add_header").Any();
}
