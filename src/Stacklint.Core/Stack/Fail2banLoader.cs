using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Fail2ban;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>
/// Finds the fail2ban configuration directories of a scan and reads each the way fail2ban 1.0.2 reads
/// <c>/etc/fail2ban</c> (<c>ConfigReaderUnshared.read</c> and <c>SafeConfigParserWithIncludes</c>):
/// <list type="number">
/// <item>A configuration directory is one that holds jail.conf, jail.local, fail2ban.conf, fail2ban.local, or .conf/.local
/// files in jail.d/ or fail2ban.d/ (<c>etc/fail2ban/</c>, <c>fail2ban/</c>, or wherever a lone jail.local sits).</item>
/// <item>For <c>jail</c> and <c>fail2ban</c>: NAME.conf, NAME.d/*.conf (sorted), NAME.local, NAME.d/*.local (sorted),
/// hidden files left out as Python's glob leaves them. A missing NAME.conf is fail2ban's stock one.</item>
/// <item>Each file brings its <c>[INCLUDES] before</c> files ahead of it and its <c>after</c> files behind it (each
/// followed by the .local beside it, recursively, a file never including itself through its own chain), relative to
/// its directory; <c>/etc/fail2ban/</c> means the configuration directory. A missing include is skipped, as fail2ban
/// skips it (no LNT002: fail2ban does not fail on it), unless it is one of fail2ban's stock paths-*.conf files, which
/// fail2ban's package installs beside jail.conf: then the stock copy is read.</item>
/// </list>
/// Every parse error of a file read is LNT001 (fail2ban refuses to start on any of them).
/// </summary>
public static class Fail2banLoader
{
    private static readonly HashSet<string> DropInDirectories = new(StringComparer.Ordinal) { "jail.d", "fail2ban.d", "filter.d", "action.d" };

    /// <summary>What fail2ban would read at a path of the configuration directory: a repository file, a stock file, or nothing.</summary>
    private sealed record Resource(string Path, Fail2banDocument Document, string? StockName);

    public static IReadOnlyList<Fail2banConfig> Load(FileStore store, IReadOnlyList<DiscoveredFile> files, FindingSink sink,
        out IReadOnlyList<SourceFile> read)
    {
        var documents = new Dictionary<string, Fail2banDocument?>(StringComparer.Ordinal);
        Fail2banDocument? Parse(string relative)
        {
            if (documents.TryGetValue(relative, out var known)) return known;
            var file = store.Exists(relative) ? store.Load(relative) : null;
            var document = file is null ? null : Fail2banParser.Read(file, store.HadByteOrderMark(relative));
            documents[relative] = document;
            if (document is not null)
                foreach (var error in document.Errors)
                    sink.Report(LinterDiagnostics.ParseError, document.File.Location(error.Span),
                        $"{document.File.RelativePath} could not be parsed here: {error.Message}. fail2ban refuses to start on this file (\"{error.Fail2banSays}\").");
            return document;
        }

        var directories = files.Where(f => f.Kind == FileKind.Fail2ban)
            .Select(f => ConfigDirectoryOf(f.RelativePath.Replace('\\', '/')))
            .Distinct(StringComparer.Ordinal)
            .Where(d => IsConfigDirectory(store, d))
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();

        var configs = new List<Fail2banConfig>();
        foreach (var directory in directories)
        {
            var reader = new DirectoryReader(store, directory, Parse);
            var jailFiles = reader.Layer("jail");
            var daemonFiles = reader.Layer("fail2ban");
            var filters = store.List(Combine(directory, "filter.d"))
                .Where(e => !e.IsDirectory && !e.Name.StartsWith(".", StringComparison.Ordinal)
                            && (e.Name.EndsWith(".conf", StringComparison.Ordinal) || e.Name.EndsWith(".local", StringComparison.Ordinal)))
                .Select(e => e.Name.Substring(0, e.Name.LastIndexOf('.')))
                .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            // Filters and actions are read by fail2ban only for the jails that use them; kept as text for the rules that
            // look into them (F2B006), not parsed here (their own syntax errors are not the jail configuration's).
            var pluginFiles = new[] { "filter.d", "action.d" }
                .SelectMany(d => store.List(Combine(directory, d))
                    .Where(e => !e.IsDirectory && !e.Name.StartsWith(".", StringComparison.Ordinal)
                                && (e.Name.EndsWith(".conf", StringComparison.Ordinal) || e.Name.EndsWith(".local", StringComparison.Ordinal)))
                    .Select(e => d + "/" + e.Name))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => (Name: n, File: store.Load(Combine(directory, n))))
                .Where(x => x.File is not null)
                .ToDictionary(x => x.Name, x => x.File!, StringComparer.Ordinal);
            var anchorFile = jailFiles.Where(f => !f.IsStock)
                .OrderBy(f => f.Role switch { Fail2banFileRole.Local => 0, Fail2banFileRole.LocalDropIn => 1, Fail2banFileRole.ConfDropIn => 2, Fail2banFileRole.Conf => 3, _ => 4 })
                .Concat(daemonFiles.Where(f => !f.IsStock))
                .Select(f => f.File).FirstOrDefault()
                // A directory is a configuration only because it holds one of these files, so one is read.
                ?? store.Load(Combine(directory, "jail.local"))!;
            configs.Add(new Fail2banConfig(directory, jailFiles, daemonFiles, filters, reader.Missing, anchorFile.StartLocation(), pluginFiles));
        }

        read = configs.SelectMany(c => c.Files).Where(f => !f.IsStock).Select(f => f.File)
            .GroupBy(f => f.RelativePath, StringComparer.Ordinal).Select(g => g.First()).ToList();
        return configs;
    }

    /// <summary>The configuration directory a fail2ban file belongs to: its own, or for jail.d/x.local and the like the one above.</summary>
    private static string ConfigDirectoryOf(string relative)
    {
        var directory = DirectoryOf(relative);
        var name = directory.Substring(directory.LastIndexOf('/') + 1);
        return DropInDirectories.Contains(name) ? DirectoryOf(directory) : directory;
    }

    private static bool IsConfigDirectory(FileStore store, string directory) =>
        new[] { "jail.conf", "jail.local", "fail2ban.conf", "fail2ban.local" }.Any(n => store.Exists(Combine(directory, n)))
        || DropIns(store, Combine(directory, "jail.d"), ".conf").Concat(DropIns(store, Combine(directory, "jail.d"), ".local")).Any()
        || DropIns(store, Combine(directory, "fail2ban.d"), ".conf").Concat(DropIns(store, Combine(directory, "fail2ban.d"), ".local")).Any();

    /// <summary>Python's <c>sorted(glob.glob(dir + '/*' + extension))</c>: non-hidden files, sorted by name.</summary>
    private static IEnumerable<string> DropIns(FileStore store, string directory, string extension) =>
        store.List(directory)
            .Where(e => !e.IsDirectory && !e.Name.StartsWith(".", StringComparison.Ordinal) && e.Name.EndsWith(extension, StringComparison.Ordinal))
            .Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => Combine(directory, n));

    internal static string DirectoryOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative.Substring(0, slash);
    }

    internal static string Combine(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>Reads the layers of one configuration directory, following includes.</summary>
    private sealed class DirectoryReader
    {
        private readonly FileStore _store;
        private readonly string _directory;
        private readonly Func<string, Fail2banDocument?> _parse;
        private readonly List<Fail2banMissingInclude> _missing = new();

        public DirectoryReader(FileStore store, string directory, Func<string, Fail2banDocument?> parse)
        {
            _store = store;
            _directory = directory;
            _parse = parse;
        }

        public IReadOnlyList<Fail2banMissingInclude> Missing => _missing;

        /// <summary>The files of <c>jail</c> or <c>fail2ban</c> in reading order, includes in place.</summary>
        public IReadOnlyList<Fail2banFile> Layer(string basename)
        {
            var main = new List<(string Path, Fail2banFileRole Role)> { (Combine(_directory, basename + ".conf"), Fail2banFileRole.Conf) };
            var dropIns = Combine(_directory, basename + ".d");
            main.AddRange(DropIns(_store, dropIns, ".conf").Select(p => (p, Fail2banFileRole.ConfDropIn)));
            main.Add((Combine(_directory, basename + ".local"), Fail2banFileRole.Local));
            main.AddRange(DropIns(_store, dropIns, ".local").Select(p => (p, Fail2banFileRole.LocalDropIn)));
            var existing = main.Where(m => Open(m.Path) is not null).ToList();
            var roles = existing.ToDictionary(m => m.Path, m => m.Role, StringComparer.Ordinal);
            return Includes(existing.Select(m => m.Path).ToList(), new List<string>())
                .Select(r => new Fail2banFile(r.Document, roles.TryGetValue(r.Path, out var role) ? role : Fail2banFileRole.Include, r.StockName))
                .ToList();
        }

        /// <summary>What fail2ban reads at a path: the repository's file, or (only beside the configuration, for the files
        /// fail2ban's package installs there) the stock one.</summary>
        private Resource? Open(string path)
        {
            if (_parse(path) is { } document) return new Resource(path, document, null);
            if (DirectoryOf(path) != _directory) return null;
            var name = path.Substring(path.LastIndexOf('/') + 1);
            return Fail2banStockConfig.Document(name) is { } stock ? new Resource(path, stock, name) : null;
        }

        /// <summary>configparserinc's <c>_getIncludes</c>: each file with the .local beside it, each expanded.</summary>
        private List<Resource> Includes(List<string> paths, List<string> seen)
        {
            var expanded = new List<string>();
            foreach (var path in paths)
            {
                expanded.Add(path);
                var dot = path.LastIndexOf('.');
                var local = (dot > path.LastIndexOf('/') ? path.Substring(0, dot) : path) + ".local";
                if (!paths.Contains(local) && _store.Exists(local)) expanded.Add(local);
            }
            var result = new List<Resource>();
            foreach (var path in expanded) result.AddRange(Uncached(path, seen));
            return result;
        }

        /// <summary>configparserinc's <c>__getIncludesUncached</c>: the file's <c>before</c> files, the file, its
        /// <c>after</c> files; nothing for a file that is not there.</summary>
        private List<Resource> Uncached(string path, List<string> seen)
        {
            if (Open(path) is not { } resource) return new List<Resource>();
            var before = new List<Resource>();
            var after = new List<Resource>();
            var own = new Fail2banLayers();
            own.Merge(resource.Document);
            foreach (var (option, target) in new[] { ("before", before), ("after", after) })
            {
                if (!own.HasSection("INCLUDES") || !own.TryRaw("INCLUDES", option, out _, out var line)) continue;
                var value = own.Get("INCLUDES", option).Value;
                foreach (var entry in value.Split('\n'))
                {
                    if (entry.Length == 0) continue;
                    var included = Resolve(DirectoryOf(path), entry);
                    if (included is null || Open(included) is null)
                    {
                        if (line is not null && resource.StockName is null) _missing.Add(new Fail2banMissingInclude(line, entry));
                        if (included is null) continue;
                    }
                    if (seen.Contains(included)) continue;
                    target.AddRange(Includes(new List<string> { included }, seen.Concat(new[] { path }).ToList()));
                }
            }
            return before.Concat(new[] { resource }).Concat(after).ToList();
        }

        /// <summary>An include's path in the scan root: relative to the including file's directory, or under
        /// /etc/fail2ban/ (the configuration directory); null for another absolute path or one leaving the root.</summary>
        private string? Resolve(string from, string entry)
        {
            string joined;
            if (entry.StartsWith("/", StringComparison.Ordinal))
            {
                const string etc = "/etc/fail2ban/";
                if (!entry.StartsWith(etc, StringComparison.Ordinal)) return null;
                joined = Combine(_directory, entry.Substring(etc.Length));
            }
            else joined = Combine(from, entry);
            var parts = new List<string>();
            foreach (var part in joined.Split('/'))
            {
                if (part.Length == 0 || part == ".") continue;
                if (part == "..")
                {
                    if (parts.Count == 0) return null;
                    parts.RemoveAt(parts.Count - 1);
                }
                else parts.Add(part);
            }
            return string.Join("/", parts);
        }
    }
}
