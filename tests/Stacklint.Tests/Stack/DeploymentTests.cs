using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Stack;

/// <summary>Deployments (which files are judged together) and the links between their files, on real trees loaded by
/// the real loaders.</summary>
public class DeploymentTests
{
    private static StackModel Load(TempDir tree, IReadOnlyDictionary<string, string>? mappings = null)
    {
        var sink = new FindingSink();
        return StackLoader.Load(new FileStore(tree.Root, "", sink), Discovery.Walk(tree.Root), sink, mappings, disk: new DiskFacts(tree.Root));
    }

    [Theory]
    [InlineData("etc/ssh/sshd_config", FileKind.Sshd, "")]
    [InlineData("prod/etc/nginx/sites-available/app", FileKind.Nginx, "prod")]
    [InlineData("deploy/nginx/conf.d/app.conf", FileKind.Nginx, "deploy")]
    [InlineData("deploy/nginx-conf/nginx.conf", FileKind.Nginx, "deploy")]
    [InlineData("ops/fail2ban/jail.d/sshd.local", FileKind.Fail2ban, "ops")]
    [InlineData("ops/jail.local", FileKind.Fail2ban, "ops")]
    [InlineData("ops/docker/daemon.json", FileKind.DaemonJson, "ops")]
    [InlineData("services/api/compose.yaml", FileKind.Compose, "services/api")]
    [InlineData("ssh/sshd_config", FileKind.Sshd, "")]
    public void A_file_points_at_the_folder_its_host_tree_starts_in(string path, FileKind kind, string anchor) =>
        Assert.Equal(anchor, DeploymentRoots.Anchor(path, kind));

    [Fact]
    public void Side_by_side_folders_are_separate_deployments_and_nested_anchors_join_the_outer_one()
    {
        var files = new[]
        {
            new DiscoveredFile("samples/a/insecure/etc/ssh/sshd_config", FileKind.Sshd),
            new DiscoveredFile("samples/a/insecure/docker-compose.yml", FileKind.Compose),
            new DiscoveredFile("samples/a/hardened/etc/nginx/nginx.conf", FileKind.Nginx),
            new DiscoveredFile("samples/a/hardened/services/api/compose.yaml", FileKind.Compose),
            new DiscoveredFile("samples/README.md", FileKind.Unknown),
        };
        var roots = DeploymentRoots.Find(files);
        Assert.Equal(new[] { "samples/a/hardened", "samples/a/insecure" }, roots);
        Assert.Equal("samples/a/hardened", DeploymentRoots.RootOf(roots, "samples/a/hardened/services/api/compose.yaml"));
        Assert.Null(DeploymentRoots.RootOf(roots, "samples/README.md"));
        // A compose file at the top makes the whole repository one deployment.
        Assert.Equal(new[] { "" }, DeploymentRoots.Find(files.Append(new DiscoveredFile("compose.yaml", FileKind.Compose))));
    }

    [Fact]
    public void Each_deployment_holds_only_its_own_configurations_and_daemon_json()
    {
        using var tree = new TempDir();
        tree.Write("prod/etc/docker/daemon.json", "{\"log-driver\": \"local\"}");
        tree.Write("prod/compose.yaml", "services:\n  api:\n    image: nginx:1.27\n");
        tree.Write("staging/compose.yaml", "services:\n  api:\n    image: nginx:1.27\n");
        tree.Write("staging/etc/ssh/sshd_config", "PasswordAuthentication no\n");
        var stack = Load(tree);
        Assert.Equal(new[] { "prod", "staging" }, stack.Deployments.Select(d => d.Root));
        var prod = stack.Deployments[0];
        var staging = stack.Deployments[1];
        Assert.Single(prod.Compose);
        Assert.Single(prod.DaemonJson);
        Assert.Empty(prod.Sshd);
        Assert.Single(staging.Sshd);
        Assert.Empty(staging.DaemonJson);
        // The daemon.json of prod does not set staging's defaults.
        Assert.False(stack.ComposeFacts(prod.Compose[0]).Daemon.IsEmpty);
        Assert.True(stack.ComposeFacts(staging.Compose[0]).Daemon.IsEmpty);
    }

    [Fact]
    public void A_named_file_is_judged_within_its_own_deployment_only()
    {
        using var tree = new TempDir();
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(tree.Root, ".git"));
        tree.Write("prod/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n");
        tree.Write("prod/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n");
        tree.Write("staging/etc/ssh/sshd_config", "PasswordAuthentication yes\n");
        tree.Write("staging/etc/fail2ban/jail.local", "[sshd]\nenabled = true\n");
        var result = Scanner.Scan(new[] { System.IO.Path.Combine(tree.Root, "prod/etc/ssh/sshd_config.d/50-cloud-init.conf") },
            new ScanOptions { BaseDirectory = tree.Root });
        var read = result.Files.Select(f => f.RelativePath).ToList();
        Assert.Contains("prod/etc/ssh/sshd_config", read);
        Assert.DoesNotContain(read, f => f.StartsWith("staging/", System.StringComparison.Ordinal));
        var ssh001 = Assert.Single(result.Diagnostics, d => d.Id == "SSH001");
        // Judged through prod's main file, and staging's jail does not guard prod's sshd, as in a scan of the whole tree.
        Assert.Contains("which wins over prod/etc/ssh/sshd_config:2", ssh001.GetMessage());
        Assert.Contains("no fail2ban configuration in prod protects sshd", ssh001.GetMessage());
    }

    [Fact]
    public void Nginx_mounted_into_a_service_reaches_services_by_name_and_its_key_through_the_mount()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", string.Join("\n",
            "services:",
            "  proxy:",
            "    image: nginx:1.27",
            "    volumes:",
            "      - ./nginx/conf.d:/etc/nginx/conf.d:ro",
            "      - ./certs:/etc/nginx/certs:ro",
            "  api:",
            "    image: ghcr.io/example/api:1",
            "    networks:",
            "      default:",
            "        aliases: [backend-api]",
            ""));
        tree.Write("nginx/conf.d/app.conf", string.Join("\n",
            "server {",
            "    listen 443 ssl;",
            "    ssl_certificate /etc/nginx/certs/app.crt;",
            "    ssl_certificate_key /etc/nginx/certs/app.key;",
            "    location / { proxy_pass http://backend-api:8000; }",
            "    location /self { proxy_pass http://127.0.0.1:9000; }",
            "    location /dyn { proxy_pass http://$upstream; }",
            "}",
            ""));
        tree.Write("certs/app.key", "placeholder");
        var deployment = Assert.Single(Load(tree).Deployments);
        var mount = Assert.Single(deployment.Mounts);
        Assert.Equal("proxy", mount.Service.Name);
        var backend = Assert.Single(deployment.Backends);
        Assert.Equal(("api", 8000, false), (backend.Service.Name, backend.Backend.Port, backend.ViaPublishedPort));
        var key = Assert.Single(deployment.KeyReferences);
        Assert.Equal("certs/app.key", key.RepositoryPath);
    }

    [Fact]
    public void Nginx_on_the_host_reaches_published_ports_and_keys_through_the_host_tree_or_path_mappings()
    {
        using var tree = new TempDir();
        tree.Write("docker-compose.yml", "services:\n  web:\n    image: ghcr.io/example/web:1\n    ports:\n      - \"127.0.0.1:3000:3000\"\n");
        tree.Write("etc/nginx/conf.d/app.conf", string.Join("\n",
            "server {",
            "    listen 443 ssl;",
            "    ssl_certificate_key /etc/ssl/private/app.key;",
            "    location / { proxy_pass http://localhost:3000; }",
            "}",
            ""));
        tree.Write("etc/ssl/private/app.key", "placeholder");
        tree.Write("etc/ssh/sshd_config", "HostKey /etc/ssh/ssh_host_ed25519_key\nHostKey /srv/keys/host_key\n");
        tree.Write("keys/host_key", "placeholder");
        var deployment = Assert.Single(Load(tree, new Dictionary<string, string> { ["/srv/keys"] = "keys" }).Deployments);
        var backend = Assert.Single(deployment.Backends);
        Assert.Equal(("web", true), (backend.Service.Name, backend.ViaPublishedPort));
        Assert.Equal(new[] { "etc/ssl/private/app.key", null, "keys/host_key" }, deployment.KeyReferences.Select(k => k.RepositoryPath));
    }
}
