using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Compose;

/// <summary>The files a project reads, by root-relative path (forward slashes). The scanner backs it with its file
/// store (never outside the scan root); tests with a directory.</summary>
public interface IComposeFileSource
{
    bool Exists(string rootRelativePath);
    /// <summary>The file, or null when it is missing or cannot be read.</summary>
    SourceFile? Load(string rootRelativePath);
    /// <summary>The file read as compose YAML (once per file), or null when it is missing or cannot be read.</summary>
    ComposeYamlDocument? Parse(string rootRelativePath);
}

/// <summary>
/// Loads a project the way Compose does (compose-go's loader): for each file in order, its YAML documents are read
/// (anchors, merge keys), interpolated from the project's variables, its <c>include:</c> entries loaded as projects of
/// their own and added, and the file merged over the ones before it; then every service's <c>extends</c> is resolved
/// (same file, or <c>file:</c> relative to the file that says it, recursively, cycles refused) and unicity enforced.
/// </summary>
public sealed class ComposeProjectBuilder
{
    /// <summary>Includes nested deeper than this are refused (Compose itself only refuses cycles).</summary>
    private const int MaxIncludeDepth = 16;

    private readonly IComposeFileSource _source;
    private readonly IComposeDotEnvReader _dotEnv;
    private readonly List<ComposeError> _errors = new();
    private readonly List<ComposeVariableUse> _uses = new();
    private readonly List<ComposeFile> _files = new();
    private readonly Dictionary<SourceFile, string> _baseDirectories = new();
    /// <summary>Variable files read (.env files, include env_files, service env_files), besides the compose files.</summary>
    private readonly List<SourceFile> _variableFiles = new();
    private readonly Dictionary<string, ComposeMapping?> _extendedFiles = new(StringComparer.Ordinal);
    private ComposeVariables _variables = new();

    public ComposeProjectBuilder(IComposeFileSource source, IComposeDotEnvReader? dotEnv = null)
    {
        _source = source;
        _dotEnv = dotEnv ?? DotEnvVariables.Instance;
    }

    /// <summary>Loads the project made of <paramref name="paths"/> (the first is the main file; the others are merged
    /// over it in order) whose directory is <paramref name="projectDirectory"/>.</summary>
    /// <param name="defaultName">The name when neither <c>name:</c> nor COMPOSE_PROJECT_NAME gives one.</param>
    /// <param name="envFiles">Files to read the variables from instead of the project's <c>.env</c> (an include's <c>env_file</c>).</param>
    /// <param name="inherited">Variables that win over the project's own (an including project's).</param>
    /// <returns>The project, or null when none of its files can be read.</returns>
    public ComposeProject? Build(IReadOnlyList<string> paths, string projectDirectory, string defaultName,
        IReadOnlyList<string>? envFiles = null, IComposeEnvironment? inherited = null)
        => Build(paths, projectDirectory, defaultName, envFiles, inherited, new List<string>());

    private ComposeProject? Build(IReadOnlyList<string> paths, string projectDirectory, string defaultName,
        IReadOnlyList<string>? envFiles, IComposeEnvironment? inherited, List<string> includeChain)
    {
        SourceFile? dotEnv = null;
        var variables = new ComposeVariables();
        foreach (var envPath in envFiles ?? new[] { Join(projectDirectory, ".env") })
        {
            if (!_source.Exists(envPath) || _source.Load(envPath) is not { } envFile) continue;
            dotEnv ??= envFile;
            _variableFiles.Add(envFile);
            foreach (var variable in _dotEnv.Read(envFile)) variables.Set(variable);
        }
        if (inherited is ComposeVariables parent)
            foreach (var variable in parent.All) variables.Set(variable);
        _variables = variables;

        ComposeMapping? root = null;
        var ownDeclarations = new Dictionary<string, List<ComposeEntry>>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            var document = _source.Parse(paths[i]);
            if (document is null) continue;
            var file = AddFile(document, i == 0 ? ComposeFileRole.Main : ComposeFileRole.Override, projectDirectory);
            var fileRoot = Interpolated(file);
            if (fileRoot is null) continue;
            if (fileRoot["services"] is ComposeMapping declared)
                foreach (var entry in declared.Entries)
                    (ownDeclarations.TryGetValue(entry.Name, out var list) ? list : ownDeclarations[entry.Name] = new List<ComposeEntry>()).Add(entry);
            fileRoot = ApplyIncludes(fileRoot, file, includeChain.Concat(new[] { paths[i] }).ToList());
            root = root is null ? fileRoot : ComposeMerger.Merge(root, fileRoot, Array.Empty<string>(), _errors) as ComposeMapping ?? root;
        }
        if (_files.Count == 0) return null;
        root ??= new ComposeMapping(new ComposeOrigin(_files[0].File, new TextSpan(0, 0)), Array.Empty<ComposeEntry>());

        var declarations = new Dictionary<string, List<ComposeEntry>>(StringComparer.Ordinal);
        if (root.Entry("services") is { Value: ComposeMapping services } servicesEntry)
        {
            var resolved = new List<ComposeEntry>();
            foreach (var entry in services.Entries)
            {
                var bases = new List<ComposeEntry>();
                resolved.Add(entry.WithValue(ResolveExtends(entry, services, null, new List<string>(), bases)));
                // Included services were declared in their own files; extended bases come first.
                declarations[entry.Name] = bases.Concat(ownDeclarations.TryGetValue(entry.Name, out var own) ? own : new List<ComposeEntry> { entry }).ToList();
            }
            root = Replace(root, servicesEntry.WithValue(new ComposeMapping(services.Origin, resolved, services.Tag)));
        }
        root = (ComposeMapping)ComposeMerger.Normalize(root, Array.Empty<string>());

        var typed = new List<ComposeService>();
        if (root["services"] is ComposeMapping merged)
            foreach (var entry in merged.Entries)
            {
                if (entry.Value is not ComposeMapping service)
                {
                    if (entry.Value is not ComposeScalar { IsNull: true })
                        _errors.Add(new ComposeError(entry.Value.Origin, $"service `{entry.Name}` must be a mapping, not {entry.Value.Describe()}"));
                    continue;
                }
                var all = declarations.TryGetValue(entry.Name, out var list) ? list : new List<ComposeEntry> { entry };
                var own = ownDeclarations.TryGetValue(entry.Name, out var mine) && mine.Count > 0 ? mine[0] : all[all.Count - 1];
                typed.Add(new ComposeService(entry.Name, own, service, all, BaseDirectoryOf, ReadEnvFile, variables, _errors));
            }

        var name = root["name"]?.Text is { Length: > 0 } written ? written
            : variables.TryGet("COMPOSE_PROJECT_NAME", out var fromEnv) && fromEnv.Value.Length > 0 ? fromEnv.Value
            : defaultName;
        return new ComposeProject(name, projectDirectory, _files.ToList(), root, typed, variables, dotEnv, _uses.ToList(), _errors.ToList(),
            _variableFiles.Distinct().ToList());
    }

    private ComposeFile AddFile(ComposeYamlDocument document, ComposeFileRole role, string baseDirectory)
    {
        var file = new ComposeFile(document, role, baseDirectory);
        _files.Add(file);
        if (!_baseDirectories.ContainsKey(document.File)) _baseDirectories[document.File] = baseDirectory;
        _errors.AddRange(document.Errors);
        return file;
    }

    /// <summary>The file's documents interpolated and merged into one mapping (null when it has none).</summary>
    private ComposeMapping? Interpolated(ComposeFile file)
    {
        ComposeMapping? result = null;
        foreach (var document in file.Yaml.Roots)
        {
            if (document is ComposeScalar { IsNull: true }) continue;
            if (document is not ComposeMapping)
            {
                _errors.Add(new ComposeError(document.Origin, $"a compose file is a mapping of top-level keys (services, volumes…), not {document.Describe()}"));
                continue;
            }
            var interpolated = (ComposeMapping)ComposeInterpolator.InterpolateTree(document, _variables, _errors, _uses);
            result = result is null ? interpolated : ComposeMerger.Merge(result, interpolated, Array.Empty<string>(), _errors) as ComposeMapping ?? result;
        }
        return result ?? (file.Yaml.Roots.Count == 0 && file.Yaml.Errors.Count == 0
            ? new ComposeMapping(new ComposeOrigin(file.File, new TextSpan(0, 0)), Array.Empty<ComposeEntry>())
            : null);
    }

    // ---- include ----------------------------------------------------------------------------------------------

    private static readonly string[] IncludedSections = { "services", "volumes", "networks", "secrets", "configs", "models" };

    private ComposeMapping ApplyIncludes(ComposeMapping fileRoot, ComposeFile file, List<string> chain)
    {
        if (fileRoot.Entry("include") is not { } include) return fileRoot;
        var result = new ComposeMapping(fileRoot.Origin, fileRoot.Entries.Where(e => e.Name != "include"), fileRoot.Tag);
        foreach (var item in ComposeService.Items(include.Value))
        {
            var (paths, projectDirectory, envFiles) = ReadInclude(item, file);
            if (paths.Count == 0) continue;
            if (chain.Contains(paths[0]) || chain.Count > MaxIncludeDepth)
            {
                _errors.Add(new ComposeError(item.Origin, $"`include` of {paths[0]} makes a cycle ({string.Join(" → ", chain.Concat(new[] { paths[0] }))})"));
                continue;
            }
            var savedVariables = _variables;
            var nested = new ComposeProjectBuilder(_source, _dotEnv);
            var included = nested.Build(paths, projectDirectory, "", envFiles, _variables, chain);
            _variables = savedVariables;
            if (included is null) continue;
            foreach (var included_file in included.Files)
            {
                _files.Add(new ComposeFile(included_file.Yaml, ComposeFileRole.Include, included_file.BaseDirectory));
                if (!_baseDirectories.ContainsKey(included_file.File)) _baseDirectories[included_file.File] = included_file.BaseDirectory;
            }
            _errors.AddRange(included.Errors);
            _variableFiles.AddRange(included.VariableFiles);
            _uses.AddRange(included.VariableUses);
            result = AddIncluded(result, included.Root, item);
        }
        return result;
    }

    private (List<string> Paths, string ProjectDirectory, IReadOnlyList<string>? EnvFiles) ReadInclude(ComposeNode item, ComposeFile file)
    {
        var baseDirectory = BaseDirectoryOf(item.Origin.File);
        var pathNodes = item is ComposeMapping m ? ComposeService.Items(m["path"]).ToList() : new List<ComposeNode> { item };
        var paths = new List<string>();
        foreach (var node in pathNodes)
            if (Resolve(node, baseDirectory, "include") is { } path)
            {
                if (_source.Exists(path)) paths.Add(path);
                else _errors.Add(new ComposeError(node.Origin, $"the included file {path} is not in the repository", IsMissingReference: true));
            }
        if (paths.Count < pathNodes.Count) return (new List<string>(), "", null);
        var projectDirectory = item is ComposeMapping withDirectory && withDirectory["project_directory"] is { Text: { Length: > 0 } } directoryNode
            ? Resolve(directoryNode, baseDirectory, "project_directory") ?? DirectoryOf(paths[0])
            : DirectoryOf(paths[0]);
        IReadOnlyList<string>? envFiles = null;
        if (item is ComposeMapping withEnv && withEnv["env_file"] is { } envNode)
            envFiles = ComposeService.Items(envNode).Select(n => Resolve(n, baseDirectory, "env_file")).Where(p => p is not null).Select(p => p!).ToList();
        return (paths, projectDirectory, envFiles);
    }

    private ComposeMapping AddIncluded(ComposeMapping root, ComposeMapping included, ComposeNode includeItem)
    {
        var result = root;
        foreach (var section in IncludedSections)
        {
            if (included[section] is not ComposeMapping incoming || incoming.Entries.Count == 0) continue;
            var existing = result.Entry(section);
            var current = existing?.Value as ComposeMapping;
            var entries = current?.Entries.ToList() ?? new List<ComposeEntry>();
            foreach (var entry in incoming.Entries)
            {
                if (current?.Entry(entry.Name) is { } clash)
                {
                    _errors.Add(new ComposeError(clash.Key.Origin,
                        $"{section} `{entry.Name}` is also defined by the file included at {includeItem.Origin.Describe()} ({entry.Key.Origin.Describe()}); Compose refuses the conflict"));
                    continue;
                }
                entries.Add(entry);
            }
            var merged = new ComposeMapping(current?.Origin ?? incoming.Origin, entries, current?.Tag);
            result = existing is null
                ? new ComposeMapping(result.Origin, result.Entries.Concat(new[] { new ComposeEntry(new ComposeScalar(incoming.Origin, section, ComposeScalarStyle.Plain, null), merged) }), result.Tag)
                : Replace(result, existing.WithValue(merged));
        }
        return result;
    }

    // ---- extends ----------------------------------------------------------------------------------------------

    /// <summary>The service with its <c>extends</c> chain merged under it. <paramref name="fileKey"/> is the extended
    /// file the service comes from (null: the project's merged services).</summary>
    private ComposeNode ResolveExtends(ComposeEntry service, ComposeMapping services, string? fileKey, List<string> chain, List<ComposeEntry> bases)
    {
        if (service.Value is not ComposeMapping mapping || mapping.Entry("extends") is not { } extends)
            return service.Value;
        var key = (fileKey ?? "") + "#" + service.Name;
        if (chain.Contains(key) || chain.Count > MaxIncludeDepth)
        {
            _errors.Add(new ComposeError(extends.Key.Origin, $"`extends` of service `{service.Name}` makes a cycle"));
            return Without(mapping, "extends");
        }
        chain.Add(key);
        try
        {
            var (baseName, baseFile) = extends.Value switch
            {
                ComposeMapping m => (m["service"]?.Text, m["file"]),
                var scalar => (scalar.Text, (ComposeNode?)null),
            };
            if (string.IsNullOrEmpty(baseName))
            {
                _errors.Add(new ComposeError(extends.Value.Origin, $"`extends` of service `{service.Name}` needs `service`"));
                return Without(mapping, "extends");
            }
            var baseServices = services;
            var baseKey = fileKey;
            if (baseFile is not null)
            {
                var path = Resolve(baseFile, BaseDirectoryOf(baseFile.Origin.File), "extends.file");
                if (path is null) return Without(mapping, "extends");
                if (!_source.Exists(path))
                {
                    _errors.Add(new ComposeError(baseFile.Origin, $"the extended file {path} is not in the repository", IsMissingReference: true));
                    return Without(mapping, "extends");
                }
                if (LoadExtended(path) is not { } loaded) return Without(mapping, "extends");
                baseServices = loaded;
                baseKey = path;
            }
            if (baseServices.Entry(baseName!) is not { } baseEntry)
            {
                _errors.Add(new ComposeError(extends.Value.Origin, $"`extends`: there is no service `{baseName}` to extend"));
                return Without(mapping, "extends");
            }
            var baseResolved = ResolveExtends(baseEntry, baseServices, baseKey, chain, bases);
            bases.Add(baseEntry);
            return ComposeMerger.Merge(baseResolved, Without(mapping, "extends"), new[] { "services", service.Name }, _errors);
        }
        finally
        {
            chain.Remove(key);
        }
    }

    /// <summary>The services of an extended file, read and interpolated once; its relative paths resolve against its own directory.</summary>
    private ComposeMapping? LoadExtended(string path)
    {
        if (_extendedFiles.TryGetValue(path, out var known)) return known;
        _extendedFiles[path] = null;
        var document = _source.Parse(path);
        if (document is null) return null;
        var file = AddFile(document, ComposeFileRole.Extends, DirectoryOf(path));
        var services = Interpolated(file)?["services"] as ComposeMapping;
        if (services is null) _errors.Add(new ComposeError(new ComposeOrigin(document.File, new TextSpan(0, 0)), $"{path} has no services to extend"));
        return _extendedFiles[path] = services;
    }

    // ---- env_file ---------------------------------------------------------------------------------------------

    private ComposeEnvFile? ReadEnvFile(ComposeNode item)
    {
        var pathNode = item is ComposeMapping m ? m["path"] : item;
        if (pathNode?.Text is not { Length: > 0 } written) return null;
        var required = item is ComposeMapping withRequired && (withRequired["required"] as ComposeScalar)?.AsBoolean() == false ? false : true;
        var repositoryPath = ComposeVolumeMount.ResolveHostPath(written, BaseDirectoryOf(pathNode.Origin.File)).RepositoryPath;
        var file = repositoryPath is not null && _source.Exists(repositoryPath) ? _source.Load(repositoryPath) : null;
        var variables = file is null ? Array.Empty<ComposeVariable>() : _dotEnv.Read(file);
        if (file is not null) _variableFiles.Add(file);
        return new ComposeEnvFile(item, written, repositoryPath, required, file, variables);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private string BaseDirectoryOf(SourceFile file) => _baseDirectories.TryGetValue(file, out var directory) ? directory : "";

    /// <summary>A path a file names, resolved against <paramref name="baseDirectory"/>; null (with LNT002) when it is
    /// remote, absolute or leaves the scan root.</summary>
    private string? Resolve(ComposeNode node, string baseDirectory, string what)
    {
        var written = node.Text?.Trim();
        if (string.IsNullOrEmpty(written)) return null;
        if (written!.Contains("://") || written.StartsWith("git@", StringComparison.Ordinal))
        {
            _errors.Add(new ComposeError(node.Origin, $"the remote {what} {written} cannot be read by a static linter", IsMissingReference: true));
            return null;
        }
        var (_, repositoryPath) = ComposeVolumeMount.ResolveHostPath(written, baseDirectory);
        if (repositoryPath is null)
            _errors.Add(new ComposeError(node.Origin, $"the {what} {written} is outside the scan root", IsMissingReference: true));
        return repositoryPath;
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    internal static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.Substring(0, slash);
    }

    private static ComposeMapping Without(ComposeMapping mapping, string key) =>
        new(mapping.Origin, mapping.Entries.Where(e => e.Name != key), mapping.Tag);

    private static ComposeMapping Replace(ComposeMapping mapping, ComposeEntry replacement) =>
        new(mapping.Origin, mapping.Entries.Select(e => e.Name == replacement.Name ? replacement : e), mapping.Tag);
}
