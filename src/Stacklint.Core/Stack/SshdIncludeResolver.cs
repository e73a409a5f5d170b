using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Sshd;

namespace Stacklint.Stack;

/// <summary>Follows sshd's <c>Include</c>: relative paths resolve against <c>/etc/ssh</c>, which is the directory
/// of the main file in the repository; absolute <c>/etc/ssh/...</c> paths map onto that directory, other absolute
/// paths onto the host tree the main file sits in (<c>X/etc/ssh/sshd_config</c> ⇒ <c>/</c> is <c>X</c>) or onto
/// the scan root. Globs expand in byte order; a glob matching nothing is silent (as in sshd), a missing literal
/// file, a path outside the scan root and an include cycle give LNT002.</summary>
public sealed class SshdIncludeResolver
{
    /// <summary>sshd's READCONF_MAX_DEPTH.</summary>
    private const int MaxDepth = 16;
    private const string SshDir = "/etc/ssh/";

    private readonly FileStore _store;
    private readonly FindingSink _sink;
    private readonly Func<string, SshdDocument?> _parse;

    public SshdIncludeResolver(FileStore store, FindingSink sink, Func<string, SshdDocument?> parse,
        IReadOnlyDictionary<string, string>? pathMappings = null)
    {
        _pathMappings = pathMappings ?? new Dictionary<string, string>();
        _store = store;
        _sink = sink;
        _parse = parse;
    }

    /// <summary>Root-relative paths of every file some Include reached.</summary>
    private readonly IReadOnlyDictionary<string, string> _pathMappings;

    public HashSet<string> Reached { get; } = new(StringComparer.Ordinal);

    public SshdConfig Resolve(string mainRelative, SshdDocument main, bool isFragment)
    {
        var includes = new Dictionary<SshdDirective, IReadOnlyList<SshdDocument>>();
        var sshDirectory = Directory(mainRelative);
        Visit(main, mainRelative, sshDirectory, includes, new List<string> { mainRelative });
        return new SshdConfig(main, includes, isFragment);
    }

    private void Visit(SshdDocument document, string relative, string sshDirectory,
        Dictionary<SshdDirective, IReadOnlyList<SshdDocument>> includes, List<string> chain)
    {
        foreach (var directive in document.Directives.Where(d => d.Is("Include")))
        {
            var documents = new List<SshdDocument>();
            foreach (var argument in directive.Arguments)
            {
                var mapped = PathMappings.Map(_pathMappings, argument.Value) ?? Map(argument.Value, sshDirectory);
                if (mapped is null)
                {
                    _sink.Report(LinterDiagnostics.IncludeProblem, directive.File.Location(argument.Span),
                        $"Include '{argument.Value}' points outside the scan root; stacklint cannot check what it adds (sshd resolves it against /etc/ssh on the host).");
                    continue;
                }
                var matches = PathGlob.HasWildcards(mapped) ? PathGlob.Expand(_store, mapped)
                    : _store.Exists(mapped) ? new[] { mapped } : Array.Empty<string>();
                if (matches.Count == 0 && !PathGlob.HasWildcards(mapped))
                {
                    _sink.Report(LinterDiagnostics.IncludeProblem, directive.File.Location(argument.Span),
                        $"Include '{argument.Value}' names {_store.Display(mapped)}, which is not in the scan root; sshd silently skips a missing include, so whatever it was meant to set is not set.");
                    continue;
                }
                foreach (var match in matches)
                {
                    if (chain.Contains(match) || chain.Count >= MaxDepth)
                    {
                        _sink.Report(LinterDiagnostics.IncludeProblem, directive.File.Location(argument.Span),
                            $"Include '{argument.Value}' leads back to {_store.Display(match)} (include chain: {string.Join(" → ", chain.Select(_store.Display))}); sshd stops with \"too many recursive configuration includes\".");
                        continue;
                    }
                    var included = _parse(match);
                    if (included is null) continue;
                    Reached.Add(match);
                    documents.Add(included);
                    chain.Add(match);
                    Visit(included, match, sshDirectory, includes, chain);
                    chain.RemoveAt(chain.Count - 1);
                }
            }
            includes[directive] = documents;
        }
    }

    /// <summary>The root-relative path (possibly a glob) an Include argument stands for, or null outside the root.</summary>
    internal static string? Map(string argument, string sshDirectory)
    {
        var absolute = argument.StartsWith("/", StringComparison.Ordinal) ? argument : SshDir + argument;
        string candidate;
        if (absolute.StartsWith(SshDir, StringComparison.Ordinal))
            candidate = Join(sshDirectory, absolute.Substring(SshDir.Length));
        else if (sshDirectory == "etc/ssh" || sshDirectory.EndsWith("/etc/ssh", StringComparison.Ordinal))
            candidate = Join(sshDirectory.Substring(0, sshDirectory.Length - "etc/ssh".Length).TrimEnd('/'), absolute.TrimStart('/'));
        else
            candidate = absolute.TrimStart('/');
        return PathGlob.Normalize(candidate);
    }

    private static string Join(string directory, string rest) => directory.Length == 0 ? rest : directory + "/" + rest;

    private static string Directory(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative.Substring(0, slash);
    }
}
