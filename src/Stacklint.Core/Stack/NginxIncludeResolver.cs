using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;

namespace Stacklint.Stack;

/// <summary>
/// Follows nginx's <c>include</c> (<c>ngx_conf_include</c>), allowed in any context, map and types blocks included:
/// <list type="bullet">
/// <item>A relative path resolves against the conf prefix, the directory of the main nginx.conf, even inside nested
/// includes (never against the including file's directory).</item>
/// <item>An absolute path is mapped onto the repository: through the configuration's <c>paths:</c> first; then
/// <c>/etc/nginx/...</c> (and the other usual conf prefixes) onto the prefix directory; when the prefix is
/// <c>X/etc/nginx</c>, any other absolute path onto the host tree <c>X</c>; otherwise onto the scan root.</item>
/// <item>A path with <c>*</c>, <c>?</c> or <c>[</c> is a glob: its matches are read in sorted order, and a glob that
/// matches nothing is fine. A literal path that is missing stops nginx (LNT002 here).</item>
/// <item>Each included file is spliced in place, once per place it is included from, in the context of that place.
/// A cycle, a path outside the scan root or an expansion beyond <see cref="MaxNodes"/> directives gives LNT002; the
/// resolver never loops and never reads outside the root.</item>
/// </list>
/// </summary>
public sealed class NginxIncludeResolver
{
    /// <summary>A bound on the spliced tree, so that includes that fan out (a file included twice by a file included
    /// twice...) cannot make the scan explode.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Absolute directories that nginx packages use as the conf prefix; all stand for the prefix directory.</summary>
    private static readonly string[] ConfPrefixes =
        { "/etc/nginx", "/usr/local/nginx/conf", "/usr/local/etc/nginx", "/opt/homebrew/etc/nginx", "/usr/local/openresty/nginx/conf" };

    /// <summary>Directories that hold pieces of a configuration; the conf prefix is the directory above them.</summary>
    private static readonly HashSet<string> PieceDirectories = new(StringComparer.Ordinal)
    {
        "conf.d", "sites-available", "sites-enabled", "snippets", "modules-available", "modules-enabled",
        "stream.d", "streams-available", "streams-enabled", "http.d", "vhosts.d", "servers",
    };

    private readonly FileStore _store;
    private readonly FindingSink _sink;
    private readonly Func<string, NginxDocument?> _parse;
    private readonly IReadOnlyDictionary<string, string> _pathMappings;

    public NginxIncludeResolver(FileStore store, FindingSink sink, Func<string, NginxDocument?> parse,
        IReadOnlyDictionary<string, string>? pathMappings = null)
    {
        _store = store;
        _sink = sink;
        _parse = parse;
        _pathMappings = pathMappings ?? new Dictionary<string, string>();
    }

    /// <summary>Root-relative paths of every file some include reached.</summary>
    public HashSet<string> Reached { get; } = new(StringComparer.Ordinal);

    /// <param name="entryRelative">The entry file, relative to the scan root.</param>
    /// <param name="rootContext">The context of the entry file's top level.</param>
    /// <param name="prefixDirectory">The root-relative directory standing for nginx's conf prefix.</param>
    public NginxConfig Resolve(string entryRelative, NginxDocument entry, NginxContext rootContext, string prefixDirectory)
    {
        var run = new Run(this, prefixDirectory);
        var directives = run.Splice(entry.Directives, null, null, rootContext, new List<string> { entryRelative });
        return new NginxConfig(entry, directives, rootContext, prefixDirectory, run.Includes);
    }

    /// <summary>The conf prefix for a file nothing includes: the nearest directory above it that holds a main file;
    /// else, for a file under <c>conf.d/</c>, <c>sites-available/</c>, <c>snippets/</c>..., the directory above that;
    /// else its own directory.</summary>
    public static string PrefixFor(string relative, ICollection<string> mainDirectories)
    {
        var directory = DirectoryOf(relative);
        for (var candidate = directory; ; candidate = DirectoryOf(candidate))
        {
            if (mainDirectories.Contains(candidate)) return candidate;
            if (candidate.Length == 0) break;
        }
        var segments = directory.Length == 0 ? Array.Empty<string>() : directory.Split('/');
        for (var i = segments.Length - 1; i >= 0; i--)
            if (PieceDirectories.Contains(segments[i])) return string.Join("/", segments.Take(i));
        return directory;
    }

    /// <summary>The root-relative path (possibly a glob) an include argument stands for, or null outside the root.</summary>
    internal static string? Map(string argument, string prefixDirectory)
    {
        string candidate;
        if (!argument.StartsWith("/", StringComparison.Ordinal))
            candidate = Join(prefixDirectory, argument);
        else if (ConfPrefixes.FirstOrDefault(p => argument == p || argument.StartsWith(p + "/", StringComparison.Ordinal)) is { } prefix)
            candidate = Join(prefixDirectory, argument.Substring(prefix.Length).TrimStart('/'));
        else if (prefixDirectory == "etc/nginx" || prefixDirectory.EndsWith("/etc/nginx", StringComparison.Ordinal))
            candidate = Join(prefixDirectory.Substring(0, prefixDirectory.Length - "etc/nginx".Length).TrimEnd('/'), argument.TrimStart('/'));
        else
            candidate = argument.TrimStart('/');
        return PathGlob.Normalize(candidate);
    }

    private static string Join(string directory, string rest) => directory.Length == 0 ? rest : directory + "/" + rest;

    private static string DirectoryOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative.Substring(0, slash);
    }

    /// <summary>The state of resolving one entry file.</summary>
    private sealed class Run
    {
        private readonly NginxIncludeResolver _resolver;
        private readonly string _prefix;
        private readonly Dictionary<string, IReadOnlyList<string>> _matches = new(StringComparer.Ordinal);
        private int _nodes;
        private bool _overBudget;

        public Run(NginxIncludeResolver resolver, string prefix)
        {
            _resolver = resolver;
            _prefix = prefix;
        }

        public List<NginxInclude> Includes { get; } = new();

        public List<NginxNode> Splice(IReadOnlyList<NginxDirective> directives, NginxNode? parent, NginxNode? includedBy,
            NginxContext context, List<string> chain)
        {
            var result = new List<NginxNode>();
            foreach (var directive in directives)
            {
                // "include" takes exactly one argument and no block; anything else is left in the tree for NGX028.
                if (directive.Is("include") && !directive.HasBlock && directive.Arguments.Count == 1)
                {
                    var include = new NginxNode(directive, parent, includedBy, context);
                    _nodes++;
                    var documents = new List<NginxDocument>();
                    Includes.Add(new NginxInclude(include, documents));
                    foreach (var (relative, document) in Targets(directive, chain))
                    {
                        documents.Add(document);
                        chain.Add(relative);
                        result.AddRange(Splice(document.Directives, parent, include, context, chain));
                        chain.RemoveAt(chain.Count - 1);
                    }
                    continue;
                }
                var node = new NginxNode(directive, parent, includedBy, context);
                _nodes++;
                if (directive.Block is { } block)
                    node.SetBlock(Splice(block, node, includedBy, NginxContexts.Inside(context, directive.Name), chain));
                result.Add(node);
            }
            return result;
        }

        /// <summary>The files an include reads, in nginx's order, with LNT002 for what cannot be followed.</summary>
        private IEnumerable<(string Relative, NginxDocument Document)> Targets(NginxDirective include, List<string> chain)
        {
            var store = _resolver._store;
            var sink = _resolver._sink;
            var argument = include.Arguments[0];
            var location = include.File.Location(argument.Span);
            var mapped = PathMappings.Map(_resolver._pathMappings, argument.Value) ?? Map(argument.Value, _prefix);
            if (mapped is null)
            {
                sink.Report(LinterDiagnostics.IncludeProblem, location,
                    $"include '{argument.Value}' points outside the scan root; stacklint cannot check what it adds (nginx resolves relative paths against the directory of nginx.conf, here {(_prefix.Length == 0 ? "the scan root" : store.Display(_prefix) + "/")}).");
                yield break;
            }
            var glob = PathGlob.HasWildcards(mapped);
            if (!_matches.TryGetValue(mapped, out var matches))
                _matches[mapped] = matches = glob ? PathGlob.Expand(store, mapped) : store.Exists(mapped) ? new[] { mapped } : Array.Empty<string>();
            if (matches.Count == 0 && !glob)
            {
                sink.Report(LinterDiagnostics.IncludeProblem, location,
                    $"include '{argument.Value}' names {store.Display(mapped)}, which is not in the scan root; nginx refuses to start when an included file is missing, and stacklint cannot check what it was meant to add.");
                yield break;
            }
            foreach (var match in matches)
            {
                if (chain.Contains(match))
                {
                    sink.Report(LinterDiagnostics.IncludeProblem, location,
                        $"include '{argument.Value}' leads back to {store.Display(match)} (include chain: {string.Join(" → ", chain.Select(store.Display))}); nginx would read it again and again until it fails.");
                    continue;
                }
                if (_nodes > MaxNodes)
                {
                    if (!_overBudget)
                        sink.Report(LinterDiagnostics.IncludeProblem, location,
                            $"include '{argument.Value}': the includes expand to more than {MaxNodes} directives (files included over and over); stacklint stops following includes here.");
                    _overBudget = true;
                    yield break;
                }
                if (_resolver._parse(match) is not { } document) continue;
                _resolver.Reached.Add(match);
                yield return (match, document);
            }
        }
    }
}
