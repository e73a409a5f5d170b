using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Microsoft.CodeAnalysis;
using Stacklint.Formats.Compose;
using Stacklint.Formats.Fail2ban;
using Stacklint.Formats.Nginx;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>A repository file bind-mounted into a compose service (an nginx config, a .env): the daemon reading it
/// runs in that container.</summary>
public sealed record ComposeMountLink(ComposeProject Project, ComposeService Service, ComposeVolumeMount Mount, SourceFile File);

/// <summary>An nginx backend that is a compose service: reached by its name on the compose network, or through the
/// host port it publishes (<see cref="ViaPublishedPort"/>: nginx on the host proxying to <c>127.0.0.1:8000</c>).</summary>
public sealed record NginxBackendLink(NginxConfig Config, NginxBackend Backend, ComposeProject Project, ComposeService Service, bool ViaPublishedPort)
{
    /// <summary>Does nginx reach the service through this port entry: the host port it connects to, or the container
    /// port it names on the compose network?</summary>
    public bool Through(ComposePort port) =>
        ViaPublishedPort ? port.Published is { } published && published.Contains(Backend.Port) : port.Target.Contains(Backend.Port);
}

/// <summary>An enabled fail2ban jail and the daemon it protects: <c>sshd</c> (the jail <c>[sshd]</c>, or any jail with the
/// sshd filter) or <c>nginx</c> (a jail with an <c>nginx-*</c> filter), with that daemon's configurations in the deployment.</summary>
public sealed record JailLink(Fail2banConfig Config, Fail2banJail Jail, string Daemon, IReadOnlyList<SourceFile> Protects);

/// <summary>A private key path a configuration names (<c>ssl_certificate_key</c>, <c>HostKey</c>, a compose secret's
/// <c>file:</c>), and the repository file it stands for when the repository holds it.</summary>
public sealed record KeyFileReference(Location Where, string Setting, string Path, string? RepositoryPath)
{
    public string Describe() => $"{Setting} {Path} ({Where.GetLineSpan().Path}:{Where.GetLineSpan().StartLinePosition.Line + 1})";
}

/// <summary>Works out the links of a deployment (resolve stage: rules only read them).</summary>
public static class DeploymentLinks
{
    /// <summary>Host names that reach the Docker host from a container.</summary>
    private static readonly HashSet<string> DockerHostNames = new(StringComparer.OrdinalIgnoreCase) { "host.docker.internal", "172.17.0.1", "host-gateway" };

    public static void Link(Deployment deployment, FileStore store, IReadOnlyDictionary<string, string>? pathMappings)
    {
        deployment.Mounts = Mounts(deployment, store);
        deployment.Backends = Backends(deployment);
        deployment.KeyReferences = KeyReferences(deployment, store, pathMappings);
        deployment.Jails = Jails(deployment);
    }

    private static IReadOnlyList<JailLink> Jails(Deployment deployment)
    {
        var links = new List<JailLink>();
        foreach (var config in deployment.Fail2ban)
            foreach (var jail in config.EnabledJails)
            {
                if (jail.Name == "sshd" || jail.FilterName == "sshd")
                    links.Add(new JailLink(config, jail, "sshd", deployment.Sshd.Select(s => s.Main.File).ToList()));
                else if (jail.FilterName is { } filter && filter.StartsWith("nginx-", StringComparison.Ordinal))
                    links.Add(new JailLink(config, jail, "nginx", deployment.Nginx.Select(n => n.Main.File).ToList()));
            }
        return links;
    }

    private static IReadOnlyList<ComposeMountLink> Mounts(Deployment deployment, FileStore store)
    {
        var files = deployment.Nginx.SelectMany(c => c.Files).Concat(deployment.DotEnv.Select(e => e.File))
            .Concat(deployment.DaemonJson.Select(d => d.File))
            .GroupBy(f => f.FullPath, StringComparer.Ordinal).Select(g => (File: g.First(), Path: store.RootRelative(g.First()))).ToList();
        var links = new List<ComposeMountLink>();
        foreach (var project in deployment.Compose)
            foreach (var service in project.Services)
                foreach (var mount in service.Volumes.Where(m => m.Kind == ComposeMountKind.Bind))
                {
                    var source = mount.RepositoryPath ?? (mount.HostPath is { } host && host.StartsWith("/", StringComparison.Ordinal)
                        ? HostPathInRepository(deployment, store, host, null) : null);
                    if (source is null) continue;
                    foreach (var file in files.Where(f => DeploymentRoots.Contains(source, f.Path)))
                        links.Add(new ComposeMountLink(project, service, mount, file.File));
                }
        return links;
    }

    private static IReadOnlyList<NginxBackendLink> Backends(Deployment deployment)
    {
        var links = new List<NginxBackendLink>();
        foreach (var config in deployment.Nginx)
        {
            var home = Home(deployment, config);
            foreach (var backend in NginxBackends.Of(config))
                foreach (var (project, service, viaPort) in Resolve(deployment, backend, home))
                    links.Add(new NginxBackendLink(config, backend, project, service, viaPort));
        }
        return links;
    }

    /// <summary>The container nginx runs in: the one its configuration is mounted into, or null (on the host, or unknown).</summary>
    private static ComposeMountLink? Home(Deployment deployment, NginxConfig config) =>
        deployment.Mounts.FirstOrDefault(m => config.Files.Contains(m.File));

    /// <summary>The compose services an address reaches from where nginx runs.</summary>
    private static IEnumerable<(ComposeProject, ComposeService, bool)> Resolve(Deployment deployment, NginxBackend backend, ComposeMountLink? home)
    {
        var host = backend.Host;
        var inContainer = home is not null && home.Service.NetworkMode?.Value.Trim() != "host";
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        // From the host (or a host-network container), loopback reaches the ports services publish; from a container,
        // the Docker host's gateway names do. In a container, loopback is the nginx container itself.
        if ((loopback && !inContainer) || (DockerHostNames.Contains(host) && inContainer))
        {
            foreach (var project in deployment.Compose)
                foreach (var service in project.Services.Where(s => s.Ports.Any(p => p.Published is { } published && published.Contains(backend.Port))))
                    yield return (project, service, true);
            yield break;
        }
        if (loopback) yield break;
        // A name: a service on the compose network nginx is on (its own project first; every project of the deployment
        // when nginx's container is not known: the config naming a service says where it runs).
        var projects = home is not null ? new[] { home.Project } : deployment.Compose;
        foreach (var project in projects)
            foreach (var service in project.Services.Where(s => Names(s).Contains(host)))
                yield return (project, service, false);
    }

    /// <summary>The names a service answers to on its compose networks.</summary>
    private static HashSet<string> Names(ComposeService service)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { service.Name };
        if (service.ContainerName?.Value is { Length: > 0 } container) names.Add(container);
        if (service.Node["hostname"]?.Text is { Length: > 0 } hostname) names.Add(hostname);
        if (service.Node["networks"] is ComposeMapping networks)
            foreach (var network in networks.Entries)
                if ((network.Value as ComposeMapping)?["aliases"] is ComposeSequence aliases)
                    foreach (var alias in aliases.Items.Select(a => a.Text).OfType<string>()) names.Add(alias);
        return names;
    }

    private static IReadOnlyList<KeyFileReference> KeyReferences(Deployment deployment, FileStore store, IReadOnlyDictionary<string, string>? pathMappings)
    {
        var references = new List<KeyFileReference>();
        foreach (var config in deployment.Nginx)
        {
            var home = Home(deployment, config);
            foreach (var key in config.All("ssl_certificate_key").Concat(config.All("proxy_ssl_certificate_key")).Where(k => k.Arg(0) is { Length: > 0 }))
            {
                var path = key.Arg(0)!;
                if (path.StartsWith("data:", StringComparison.Ordinal) || path.StartsWith("engine:", StringComparison.Ordinal) || path.IndexOf('$') >= 0) continue;
                // A relative path is relative to nginx's prefix, which the loader already placed in the repository.
                var repositoryPath = path.StartsWith("/", StringComparison.Ordinal)
                    ? InRepository(deployment, store, path, pathMappings, home)
                    : PathGlob.Normalize(config.PrefixDirectory.Length == 0 ? path : config.PrefixDirectory + "/" + path) is { } relative && store.Exists(relative) ? relative : null;
                references.Add(new KeyFileReference(key.Location, key.Name, path, repositoryPath));
            }
        }
        foreach (var config in deployment.Sshd)
            foreach (var hostKey in config.AllDirectives().Where(d => d.Is("HostKey") && d.Values.Count > 0))
            {
                var path = hostKey.Values[0];
                references.Add(new KeyFileReference(hostKey.Location, "HostKey", path,
                    path.StartsWith("/", StringComparison.Ordinal) ? InRepository(deployment, store, path, pathMappings, null) : null));
            }
        foreach (var project in deployment.Compose)
            if (project.Secrets is { } secrets)
                foreach (var secret in secrets.Entries)
                    if ((secret.Value as ComposeMapping)?["file"] is ComposeScalar { Text: { Length: > 0 } file } fileNode)
                    {
                        var baseDirectory = project.Files.FirstOrDefault(f => f.File == fileNode.Origin.File)?.BaseDirectory ?? project.Directory;
                        var repositoryPath = ComposeVolumeMount.ResolveHostPath(file, baseDirectory).RepositoryPath;
                        references.Add(new KeyFileReference(fileNode.Origin.Location, $"secret `{secret.Name}` file:", file,
                            repositoryPath is not null && store.Exists(repositoryPath) ? repositoryPath : null));
                    }
        return references;
    }

    /// <summary>The repository file an absolute path in a container or on the host stands for: through the bind mount
    /// that places it in nginx's container, the .stacklint.yml path mappings, or the deployment's host tree
    /// (<c>/etc/ssl/private/x.key</c> ⇒ <c>&lt;root&gt;/etc/ssl/private/x.key</c>); null when the repository does not hold it.</summary>
    private static string? InRepository(Deployment deployment, FileStore store, string absolute, IReadOnlyDictionary<string, string>? pathMappings, ComposeMountLink? home)
    {
        if (home is not null)
            foreach (var mount in home.Service.Volumes.Where(m => m.Kind == ComposeMountKind.Bind && m.RepositoryPath is not null))
            {
                var target = mount.Target.TrimEnd('/');
                if (absolute != target && !absolute.StartsWith(target + "/", StringComparison.Ordinal)) continue;
                var candidate = PathGlob.Normalize(mount.RepositoryPath + absolute.Substring(target.Length));
                if (candidate is not null && store.Exists(candidate)) return candidate;
            }
        return HostPathInRepository(deployment, store, absolute, pathMappings);
    }

    private static string? HostPathInRepository(Deployment deployment, FileStore store, string absolute, IReadOnlyDictionary<string, string>? pathMappings)
    {
        if (pathMappings is not null && PathMappings.Map(pathMappings, absolute) is { } mapped && (store.Exists(mapped) || store.DirectoryExists(mapped)))
            return mapped;
        var rest = PathGlob.Normalize(absolute.TrimStart('/'));
        if (rest is null) return null;
        var hostTree = deployment.Root.Length == 0 ? rest : deployment.Root + "/" + rest;
        return store.Exists(hostTree) || store.DirectoryExists(hostTree) ? hostTree : null;
    }
}
