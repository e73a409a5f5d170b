using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Compose;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>
/// Finds the Compose projects of a scan and loads each (<see cref="ComposeProjectBuilder"/>):
/// <list type="number">
/// <item>In a directory holding one of Compose's default files, the project is what a plain <c>docker compose</c> there
/// loads: the first of <c>compose.yaml</c>, <c>compose.yml</c>, <c>docker-compose.yml</c>, <c>docker-compose.yaml</c>,
/// and the first of <c>compose.override.yml</c>, <c>compose.override.yaml</c>, <c>docker-compose.override.yml</c>,
/// <c>docker-compose.override.yaml</c> merged over it.</item>
/// <item>Every other compose file (<c>docker-compose.prod.yml</c>, <c>deploy/compose.staging.yaml</c>: used with
/// <c>-f</c>) is a project of its own, in its own directory, unless another project includes or extends it (then it
/// is analysed there, as with nginx fragments).</item>
/// </list>
/// YAML errors and values Compose refuses are LNT001 at their place; files named by <c>include</c>, <c>extends</c> that
/// are missing, remote or outside the scan root are LNT002. The rest of the stack is scanned either way.
/// </summary>
public static class ComposeLoader
{
    public static readonly string[] DefaultFileNames = { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" };
    public static readonly string[] DefaultOverrideFileNames =
        { "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml" };

    public static IReadOnlyList<ComposeProject> Load(FileStore store, IReadOnlyList<DiscoveredFile> files, FindingSink sink,
        out IReadOnlyList<SourceFile> read, IComposeDotEnvReader? dotEnv = null)
    {
        var source = new StoreSource(store);
        var composeFiles = files.Where(f => f.Kind == FileKind.Compose).Select(f => f.RelativePath.Replace('\\', '/')).ToList();
        var candidates = new List<(string[] Paths, string Directory)>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in composeFiles.Select(ComposeProjectBuilder.DirectoryOf).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal))
        {
            var main = DefaultFileNames.Select(n => Join(directory, n)).FirstOrDefault(store.Exists);
            if (main is null) continue;
            var paths = new List<string> { main };
            if (DefaultOverrideFileNames.Select(n => Join(directory, n)).FirstOrDefault(store.Exists) is { } over) paths.Add(over);
            candidates.Add((paths.ToArray(), directory));
            claimed.UnionWith(paths);
        }
        foreach (var path in composeFiles.Where(p => !claimed.Contains(p)).OrderBy(p => p, StringComparer.Ordinal))
            candidates.Add((new[] { path }, ComposeProjectBuilder.DirectoryOf(path)));

        var built = new List<ComposeProject>();
        foreach (var (paths, directory) in candidates)
        {
            if (source.Parse(paths[0]) is null) continue;
            var project = new ComposeProjectBuilder(source, dotEnv).Build(paths, directory, DefaultName(directory, store));
            if (project is not null) built.Add(project);
        }

        // A file another project includes or extends is analysed there, not alone.
        var reached = new Dictionary<ComposeProject, HashSet<SourceFile>>();
        foreach (var project in built)
            reached[project] = new HashSet<SourceFile>(project.Files.Where(f => f.Role is ComposeFileRole.Include or ComposeFileRole.Extends).Select(f => f.File));
        var kept = built.Where(p => !built.Any(other => other != p && reached[other].Contains(p.Main.File) && !reached[p].Contains(other.Main.File))).ToList();

        foreach (var project in kept)
            foreach (var error in project.Errors)
                sink.Report(error.IsMissingReference ? LinterDiagnostics.IncludeProblem : LinterDiagnostics.ParseError, error.Origin.Location,
                    error.IsMissingReference ? $"{error.Message}." : $"{error.Origin.File.RelativePath} could not be loaded by Compose here: {error.Message}.");

        read = kept.SelectMany(p => p.Files.Select(f => f.File).Concat(p.VariableFiles))
            .GroupBy(f => f.RelativePath, StringComparer.Ordinal).Select(g => g.First()).ToList();
        return kept;
    }

    private static string DefaultName(string directory, FileStore store)
    {
        var name = directory.Length == 0 ? System.IO.Path.GetFileName(store.RootFullPath) : directory.Substring(directory.LastIndexOf('/') + 1);
        return name.ToLowerInvariant();
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>The file store as the compose model's file source: each compose file parsed once per scan.</summary>
    private sealed class StoreSource : IComposeFileSource
    {
        private readonly FileStore _store;
        private readonly Dictionary<string, ComposeYamlDocument?> _parsed = new(StringComparer.Ordinal);

        public StoreSource(FileStore store) => _store = store;

        public bool Exists(string rootRelativePath) => _store.Exists(rootRelativePath);
        public SourceFile? Load(string rootRelativePath) => _store.Load(rootRelativePath);

        public ComposeYamlDocument? Parse(string rootRelativePath)
        {
            if (_parsed.TryGetValue(rootRelativePath, out var known)) return known;
            var file = _store.Exists(rootRelativePath) ? _store.Load(rootRelativePath) : null;
            return _parsed[rootRelativePath] = file is null ? null : ComposeYamlReader.Read(file);
        }
    }
}
