using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>
/// Finds the nginx entry points of a scan and resolves each into an <see cref="NginxConfig"/>:
/// <list type="number">
/// <item>Main files first: every nginx file named <c>nginx.conf</c> or with a top-level <c>http</c> or <c>events</c>
/// block. Its directory is the conf prefix. (An <c>nginx.conf</c> holding only <c>server { }</c>, as Docker images
/// copy into <c>conf.d/</c>, is analysed in the context its content implies, like a fragment.)</item>
/// <item>Then the fragments nothing includes (<c>conf.d/*.conf</c>, <c>sites-available/*</c>, <c>snippets/*.conf</c>),
/// each in the context its content implies (<see cref="NginxContexts.Infer"/>); a fragment another fragment
/// includes is analysed there, not alone.</item>
/// <item>A fragment whose text is identical to a file already part of a configuration (a <c>sites-enabled/</c> link
/// or copy of <c>sites-available/</c>) is not analysed again; among identical fragments the <c>sites-enabled/</c>
/// one is kept.</item>
/// </list>
/// Parse errors (LNT001) are reported for every file that is part of some configuration.
/// </summary>
public static class NginxLoader
{
    public static IReadOnlyList<NginxConfig> Load(FileStore store, IReadOnlyList<DiscoveredFile> files, FindingSink sink,
        IReadOnlyDictionary<string, string>? pathMappings, out IReadOnlyList<SourceFile> read)
    {
        var documents = new Dictionary<string, NginxDocument?>(StringComparer.Ordinal);
        NginxDocument? Parse(string relative)
        {
            if (documents.TryGetValue(relative, out var known)) return known;
            var file = store.Load(relative);
            var document = file is null ? null : NginxParser.Read(file);
            documents[relative] = document;
            return document;
        }

        var resolver = new NginxIncludeResolver(store, sink, Parse, pathMappings);
        var configs = new List<NginxConfig>();
        var used = new List<string>();
        var nginxFiles = files.Where(f => f.Kind == FileKind.Nginx).Select(f => f.RelativePath)
            .Where(p => Parse(p) is not null).ToList();

        var mains = nginxFiles.Where(p => IsMain(p, Parse(p)!)).ToList();
        foreach (var path in mains)
        {
            var document = Parse(path)!;
            used.Add(path);
            configs.Add(resolver.Resolve(path, document, NginxContexts.Infer(document.Directives, path), DirectoryOf(path)));
        }

        var mainDirectories = new HashSet<string>(mains.Select(DirectoryOf), StringComparer.Ordinal);
        var seenTexts = new HashSet<string>(mains.Concat(resolver.Reached).Select(p => Parse(p)!.File.Text.ToString()), StringComparer.Ordinal);
        var candidates = new List<string>();
        // sites-enabled/ is what nginx runs; its twin in sites-available/ is the one to drop.
        foreach (var path in nginxFiles.Where(p => !mains.Contains(p) && !resolver.Reached.Contains(p))
                     .OrderBy(p => p.Contains("sites-available/") ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal))
            if (seenTexts.Add(Parse(path)!.File.Text.ToString())) candidates.Add(path);

        foreach (var path in FragmentEntries(candidates, store, Parse, pathMappings, mainDirectories))
        {
            var document = Parse(path)!;
            used.Add(path);
            configs.Add(resolver.Resolve(path, document, NginxContexts.Infer(document.Directives, path),
                NginxIncludeResolver.PrefixFor(path, mainDirectories)));
        }

        var readPaths = used.Concat(resolver.Reached).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        foreach (var path in readPaths)
        {
            var document = Parse(path)!;
            foreach (var error in document.Errors)
                sink.Report(LinterDiagnostics.ParseError, document.File.Location(error.Span),
                    $"{document.File.RelativePath} could not be parsed here: {error.Message}.");
        }
        read = readPaths.Select(p => Parse(p)!.File).ToList();
        return configs;
    }

    /// <summary>The fragments to analyse on their own: those no other fragment includes (and, in a circle of
    /// fragments including each other, the first of the circle).</summary>
    private static List<string> FragmentEntries(List<string> candidates, FileStore store, Func<string, NginxDocument?> parse,
        IReadOnlyDictionary<string, string>? pathMappings, ICollection<string> mainDirectories)
    {
        var reaches = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in candidates)
        {
            // A dry run: what each fragment includes decides which fragments are entry points. Its LNT002s are dropped
            // here and reported when the entry points are resolved for real.
            var dry = new NginxIncludeResolver(store, new FindingSink(), parse, pathMappings);
            var document = parse(path)!;
            dry.Resolve(path, document, NginxContexts.Infer(document.Directives, path), NginxIncludeResolver.PrefixFor(path, mainDirectories));
            dry.Reached.Remove(path);
            reaches[path] = dry.Reached;
        }
        var entries = candidates.Where(c => !candidates.Any(other => other != c && reaches[other].Contains(c))).ToList();
        foreach (var path in candidates)
            if (!entries.Contains(path) && !entries.Any(e => reaches[e].Contains(path)))
                entries.Add(path);
        return entries;
    }

    private static bool IsMain(string relative, NginxDocument document) =>
        Path.GetFileName(relative).Equals("nginx.conf", StringComparison.OrdinalIgnoreCase)
        || document.Directives.Any(d => (d.Is("http") || d.Is("events")) && d.HasBlock);

    private static string DirectoryOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative.Substring(0, slash);
    }
}
