using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;

namespace Stacklint.Stack;

/// <summary>
/// What the compose rules need from outside a project's compose files, read at load time (rules do no I/O):
/// the daemon.json files that set the daemon's defaults for its containers, the Dockerfiles its services are built
/// from, and the <c>.env.*</c> templates of a project that has no <c>.env</c>.
/// </summary>
public sealed class ComposeProjectFacts
{
    public ComposeProjectFacts(DaemonJsonDefaults daemon, IReadOnlyDictionary<string, DockerfileFinalStage> dockerfiles,
        IReadOnlyDictionary<string, string> dockerfilePaths, IReadOnlyList<ComposeVariable> templateVariables)
    {
        Daemon = daemon;
        Dockerfiles = dockerfiles;
        DockerfilePaths = dockerfilePaths;
        TemplateVariables = templateVariables;
    }

    public static ComposeProjectFacts None { get; } = new(DaemonJsonDefaults.None, new Dictionary<string, DockerfileFinalStage>(),
        new Dictionary<string, string>(), Array.Empty<ComposeVariable>());

    /// <summary>The daemon.json files that apply: <c>daemon.json</c> in the project directory and <c>etc/docker/daemon.json</c>
    /// of its deployment (the host's /etc/docker/daemon.json, kept in the repository); without either, every daemon.json
    /// of the deployment.</summary>
    public DaemonJsonDefaults Daemon { get; }
    /// <summary>Where nginx of the same deployment hands requests to this project's services.</summary>
    public IReadOnlyList<NginxBackendLink> ProxiedBy { get; init; } = Array.Empty<NginxBackendLink>();

    /// <summary>The nginx backends that reach <paramref name="service"/> through this port entry (STK002's case, which
    /// DCO002 leaves to it).</summary>
    public IReadOnlyList<NginxBackendLink> ProxiedThrough(ComposeService service, ComposePort port) =>
        ProxiedBy.Where(link => link.Service == service && link.Through(port)).ToList();
    /// <summary>By service name: the final stage of the Dockerfile it is built from, when that is in the scan root
    /// (or written inline with <c>dockerfile_inline</c>).</summary>
    public IReadOnlyDictionary<string, DockerfileFinalStage> Dockerfiles { get; }
    /// <summary>By service name: where its Dockerfile is ("api/Dockerfile.prod", or "dockerfile_inline"), for messages.</summary>
    public IReadOnlyDictionary<string, string> DockerfilePaths { get; }
    /// <summary>For a project without <c>.env</c>: the variables of the <c>.env.*</c> files next to its main file
    /// (<c>.env.example</c>, <c>.env.production</c>…), one of which the operator copies to <c>.env</c>. Empty otherwise.</summary>
    public IReadOnlyList<ComposeVariable> TemplateVariables { get; }

    public DockerfileFinalStage? Dockerfile(ComposeService service) => Dockerfiles.TryGetValue(service.Name, out var stage) ? stage : null;
}

/// <summary>Reads a project's <see cref="ComposeProjectFacts"/> through the file store (never outside the scan root).</summary>
public static class ComposeProjectFactsLoader
{
    /// <param name="deployment">The project's deployment (<see cref="DeploymentRoots"/>): its daemon.json files are the
    /// ones that apply, and its nginx may proxy to the project.</param>
    public static ComposeProjectFacts Load(FileStore store, IReadOnlyList<DiscoveredFile> files, ComposeProject project,
        IReadOnlyDictionary<string, DaemonJsonConfig> daemonFiles, IComposeDotEnvReader dotEnv, Deployment deployment)
    {
        var deploymentRoot = deployment.Root;
        // The daemon.json next to the project and the host's /etc/docker/daemon.json kept at etc/docker/ of the
        // deployment; without either, every daemon.json of the deployment (docker/daemon.json…), which must then agree
        // (README S9).
        var daemon = new List<DaemonJsonConfig>();
        foreach (var path in new[] { Join(project.Directory, "daemon.json"), Join(deploymentRoot, "etc/docker/daemon.json") }.Distinct(StringComparer.Ordinal))
            if (daemonFiles.TryGetValue(path, out var config)) daemon.Add(config);
        if (daemon.Count == 0)
            daemon.AddRange(daemonFiles.Where(f => DeploymentRoots.Contains(deploymentRoot, f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Value));
        // dockerd refuses to start with an invalid daemon.json (LNT001 says where): it sets nothing a rule could rely on.
        daemon.RemoveAll(d => d.Errors.Count > 0);

        var dockerfiles = new Dictionary<string, DockerfileFinalStage>(StringComparer.Ordinal);
        var dockerfilePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in project.Services)
        {
            if (service.Node["build"] is not { } build) continue;
            var mapping = build as ComposeMapping;
            if (mapping?["dockerfile_inline"]?.Text is { } inline)
            {
                dockerfiles[service.Name] = DockerfileFinalStage.Read(inline);
                dockerfilePaths[service.Name] = $"dockerfile_inline ({mapping["dockerfile_inline"]!.Origin.Describe()})";
                continue;
            }
            var contextNode = mapping is null ? build : mapping["context"];
            var context = contextNode?.Text?.Trim();
            if (string.IsNullOrEmpty(context)) context = ".";
            if (context!.Contains("://") || context.StartsWith("git@", StringComparison.Ordinal)) continue;
            var baseDirectory = project.Files.FirstOrDefault(f => f.File == (contextNode ?? build).Origin.File)?.BaseDirectory ?? project.Directory;
            var contextPath = ComposeVolumeMount.ResolveHostPath(context, baseDirectory).RepositoryPath;
            if (contextPath is null) continue;
            var dockerfile = mapping?["dockerfile"]?.Text?.Trim();
            if (string.IsNullOrEmpty(dockerfile)) dockerfile = "Dockerfile";
            var path = ComposeVolumeMount.ResolveHostPath(dockerfile!, contextPath).RepositoryPath;
            if (path is null || !store.Exists(path) || store.Load(path) is not { } file) continue;
            dockerfiles[service.Name] = DockerfileFinalStage.Read(file.Text.ToString());
            dockerfilePaths[service.Name] = file.RelativePath;
        }

        var templates = new List<ComposeVariable>();
        if (project.DotEnv is null)
            // Only .env.* files stand in for .env; a service's env_file (api.env) never feeds interpolation.
            foreach (var template in files.Where(f => f.Kind == FileKind.DotEnv && ComposeProjectBuilder.DirectoryOf(f.RelativePath) == project.Directory
                                                      && System.IO.Path.GetFileName(f.RelativePath).StartsWith(".env.", StringComparison.Ordinal))
                         .Select(f => f.RelativePath).OrderBy(p => p, StringComparer.Ordinal))
                if (store.Load(template) is { } file) templates.AddRange(dotEnv.Read(file));

        return new ComposeProjectFacts(new DaemonJsonDefaults(daemon), dockerfiles, dockerfilePaths, templates)
        {
            ProxiedBy = deployment.Backends.Where(b => b.Project == project).ToList(),
        };
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;
}
