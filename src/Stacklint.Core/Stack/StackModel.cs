using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;
using Stacklint.Formats.Fail2ban;
using Stacklint.Formats.Nginx;
using Stacklint.Formats.Sshd;
using Stacklint.Secrets;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>Everything parsed and resolved under one scan root: the configurations of one deployment.</summary>
public sealed class StackModel
{
    public StackModel(IReadOnlyList<SshdConfig> sshd, IReadOnlyList<NginxConfig> nginx, IReadOnlyList<SourceFile> files,
        IReadOnlyList<ComposeProject>? compose = null, IReadOnlyDictionary<ComposeProject, ComposeProjectFacts>? composeFacts = null,
        IReadOnlyList<DaemonJsonConfig>? daemonJson = null)
    {
        Sshd = sshd;
        Nginx = nginx;
        Files = files;
        Compose = compose ?? Array.Empty<ComposeProject>();
        _composeFacts = composeFacts ?? new Dictionary<ComposeProject, ComposeProjectFacts>();
        DaemonJson = daemonJson ?? Array.Empty<DaemonJsonConfig>();
    }

    private readonly IReadOnlyDictionary<ComposeProject, ComposeProjectFacts> _composeFacts;

    /// <summary>One per sshd entry point: each main file with its includes, and each drop-in nothing includes.</summary>
    public IReadOnlyList<SshdConfig> Sshd { get; }
    /// <summary>One per nginx entry point: each main nginx.conf with its includes spliced in, and each fragment nothing
    /// includes (see <see cref="NginxLoader"/>).</summary>
    public IReadOnlyList<NginxConfig> Nginx { get; }
    /// <summary>One per Compose project: the default files of a directory (with their override), and each other compose
    /// file nothing includes or extends (see <see cref="ComposeLoader"/>).</summary>
    public IReadOnlyList<ComposeProject> Compose { get; }
    /// <summary>What a project's rules need from outside its compose files (daemon.json, Dockerfiles, .env templates).</summary>
    public ComposeProjectFacts ComposeFacts(ComposeProject project) =>
        _composeFacts.TryGetValue(project, out var facts) ? facts : ComposeProjectFacts.None;
    /// <summary>Every daemon.json of the scan root, read minimally (see <see cref="DaemonJsonConfig"/>).</summary>
    public IReadOnlyList<DaemonJsonConfig> DaemonJson { get; }
    /// <summary>One per fail2ban configuration directory, evaluated as fail2ban reads it (see <see cref="Fail2banLoader"/>).</summary>
    public IReadOnlyList<Fail2banConfig> Fail2ban { get; init; } = Array.Empty<Fail2banConfig>();
    /// <summary>Every file read, for reporters that show code.</summary>
    public IReadOnlyList<SourceFile> Files { get; }
    /// <summary>The .env files (templates included), ignored ones too: Compose reads those.</summary>
    public IReadOnlyList<DotEnvFile> DotEnv { get; init; } = Array.Empty<DotEnvFile>();
    /// <summary>Where a real .env belongs (beside a template, or a compose file that reads variables), for ENV011.</summary>
    public IReadOnlyList<DotEnvPlace> DotEnvPlaces { get; init; } = Array.Empty<DotEnvPlace>();
    /// <summary>Credentials recognised by their format in any file read (ENV004).</summary>
    public IReadOnlyList<FoundCredential> Credentials { get; init; } = Array.Empty<FoundCredential>();
    /// <summary>The deployments of the scan root, each with its configurations and the links between them.</summary>
    public IReadOnlyList<Deployment> Deployments { get; init; } = Array.Empty<Deployment>();
    /// <summary>Files of the repository holding private keys or compose secrets (STK004).</summary>
    public IReadOnlyList<KeyFile> KeyFiles { get; init; } = Array.Empty<KeyFile>();
    /// <summary>Where the files hold secrets, which no output may show.</summary>
    public SecretIndex Secrets { get; init; } = new();
}

/// <summary>Parse and resolve: turns discovered files into the stack model. Parse errors become LNT001,
/// include problems LNT002, unusable files LNT005; nothing here throws on bad input.</summary>
public static class StackLoader
{
    /// <param name="pathMappings">Absolute directories (<c>/etc/ssh</c>) ⇒ root-relative directories, from .stacklint.yml.</param>
    /// <param name="disk">What the disk says beyond the files' text (git, permissions); null for a scan of texts.</param>
    public static StackModel Load(FileStore store, IReadOnlyList<DiscoveredFile> files, FindingSink sink,
        IReadOnlyDictionary<string, string>? pathMappings = null, IComposeDotEnvReader? dotEnv = null, DiskFacts? disk = null)
    {
        var secrets = new SecretIndex();
        var sshdDocuments = new Dictionary<string, SshdDocument?>(StringComparer.Ordinal);
        SshdDocument? ParseSshd(string relative)
        {
            if (sshdDocuments.TryGetValue(relative, out var known)) return known;
            var file = store.Load(relative);
            var document = file is null ? null : SshdParser.Read(file);
            sshdDocuments[relative] = document;
            if (document is null) return null;
            foreach (var error in document.Errors)
                sink.Report(LinterDiagnostics.ParseError, document.File.Location(error.Span), $"{document.File.RelativePath} could not be parsed here: {error.Message}.");
            return document;
        }

        var resolver = new SshdIncludeResolver(store, sink, ParseSshd, pathMappings);
        var configs = new List<(string Path, SshdConfig Config)>();
        var sshdFiles = files.Where(f => f.Kind == FileKind.Sshd).Select(f => f.RelativePath).ToList();
        // Main files first, so that drop-ins they include are analysed in their context, not alone.
        foreach (var path in sshdFiles.Where(p => !IsDropIn(p)))
            if (ParseSshd(path) is { } main) configs.Add((path, resolver.Resolve(path, main, isFragment: false)));
        foreach (var path in sshdFiles.Where(IsDropIn).Where(p => !resolver.Reached.Contains(p)))
            if (ParseSshd(path) is { } fragment) configs.Add((path, resolver.Resolve(path, fragment, isFragment: true)));

        var nginx = NginxLoader.Load(store, files, sink, pathMappings, out var nginxRead);
        var compose = ComposeLoader.Load(store, files, sink, out var composeRead, dotEnv);

        var dotEnvFiles = DotEnvLoader.Load(store, files, sink, secrets, disk, out var dotEnvPlaces);
        var fail2ban = Fail2banLoader.Load(store, files, sink, out var fail2banRead);

        var daemonJson = new Dictionary<string, DaemonJsonConfig>(StringComparer.Ordinal);
        foreach (var path in files.Where(f => f.Kind == FileKind.DaemonJson).Select(f => f.RelativePath.Replace('\\', '/')))
        {
            if (store.Load(path) is not { } file) continue;
            var config = DaemonJsonConfig.Read(file);
            foreach (var (message, span) in config.Errors)
                sink.Report(LinterDiagnostics.ParseError, file.Location(span), $"{file.RelativePath} could not be parsed here: {message}.");
            daemonJson[path] = config;
        }
        var roots = DeploymentRoots.Find(files);
        // Each document is placed once (a lookup per root would cost roots × documents × roots on a tree of many hosts).
        ILookup<string, T> ByRoot<T>(IEnumerable<T> items, Func<T, string> path) =>
            items.ToLookup(item => DeploymentRoots.RootOf(roots, path(item)) ?? "", StringComparer.Ordinal);
        var sshdByRoot = ByRoot(configs, c => c.Path);
        var nginxByRoot = ByRoot(nginx, c => store.RootRelative(c.Main.File));
        var composeByRoot = ByRoot(compose, p => store.RootRelative(p.Main.File));
        var daemonByRoot = ByRoot(daemonJson, d => d.Key);
        var dotEnvByRoot = ByRoot(dotEnvFiles, e => e.RootRelative);
        var fail2banByRoot = ByRoot(fail2ban, f => f.Directory);
        var deployments = roots.DefaultIfEmpty("").Select(root => new Deployment(root,
                sshdByRoot[root].Select(c => c.Config).ToList(), nginxByRoot[root].ToList(), composeByRoot[root].ToList(),
                daemonByRoot[root].Select(d => d.Value).ToList(), dotEnvByRoot[root].ToList(), fail2banByRoot[root].ToList()))
            .ToList();
        foreach (var deployment in deployments) DeploymentLinks.Link(deployment, store, pathMappings);
        var composeFacts = deployments.SelectMany(d => d.Compose.Select(p => (Deployment: d, Project: p))).ToDictionary(x => x.Project,
            x => ComposeProjectFactsLoader.Load(store, files, x.Project, daemonJson, dotEnv ?? DotEnvVariables.Instance, x.Deployment));

        var read = sshdDocuments.Values.Where(d => d is not null).Select(d => d!.File).Concat(nginxRead).Concat(composeRead)
            .Concat(dotEnvFiles.Select(e => e.File)).Concat(daemonJson.Values.Select(d => d.File)).Concat(fail2banRead)
            .GroupBy(f => f.RelativePath, StringComparer.Ordinal).Select(g => g.First()).ToList();
        // Credentials and URL passwords are found by their form in every file read, whatever its format.
        var credentials = read.SelectMany(file => secrets.MarkByForm(file).Select(match => new FoundCredential(file, match))).ToList();
        return new StackModel(configs.Select(c => c.Config).ToList(), nginx, read, compose, composeFacts, daemonJson.Values.ToList())
        {
            DotEnv = dotEnvFiles,
            Fail2ban = fail2ban,
            DotEnvPlaces = dotEnvPlaces,
            Deployments = deployments,
            KeyFiles = KeyFileLoader.Load(store, files, deployments, disk),
            Credentials = credentials,
            Secrets = secrets,
        };
    }

    private static bool IsDropIn(string relative) =>
        relative.Replace('\\', '/').Contains("sshd_config.d/");
}
