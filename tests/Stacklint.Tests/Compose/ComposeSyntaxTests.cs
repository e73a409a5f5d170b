using System.Linq;
using Stacklint.Formats.Compose;
using Stacklint.Tests.Support;
using Xunit;
using static Stacklint.Tests.Compose.ComposeTestSupport;

namespace Stacklint.Tests.Compose;

/// <summary>Ports, volumes, images and the other typed views, in every syntax Compose accepts (cases from compose-go's
/// <c>TestParsePortConfig</c> and <c>format/volume_test.go</c> and the Compose Specification).</summary>
public class ComposeSyntaxTests
{
    private static ComposeService Service(string body, string? dotEnv = null) =>
        Project("services:\n  s:\n" + string.Join("\n", body.Split('\n').Select(l => "    " + l)) + "\n", dotEnv).Service("s")!;

    [Theory]
    // spec => host ip (* = all interfaces), published (? = random host port), target, protocol
    [InlineData("\"5432\"", "*:?->5432/tcp")]
    [InlineData("5432", "*:?->5432/tcp")]
    [InlineData("\"5432:5432\"", "*:5432->5432/tcp")]
    [InlineData("5432:5432", "*:5432->5432/tcp")]
    [InlineData("\"8080:80\"", "*:8080->80/tcp")]
    [InlineData("\"127.0.0.1:5432:5432\"", "127.0.0.1:5432->5432/tcp")]
    [InlineData("\"127.0.0.1::5432\"", "127.0.0.1:?->5432/tcp")]
    [InlineData("\"0.0.0.0:80:80\"", "0.0.0.0:80->80/tcp")]
    [InlineData("\"[::1]:5432:5432\"", "[::1]:5432->5432/tcp")]
    [InlineData("\"::1:6000:6000\"", "[::1]:6000->6000/tcp")]
    [InlineData("\"[::]:80:80\"", "[::]:80->80/tcp")]
    [InlineData("\"8000-8010:8000-8010\"", "*:8000-8010->8000-8010/tcp")]
    [InlineData("\"9090-9091:8080-8081\"", "*:9090-9091->8080-8081/tcp")]
    [InlineData("\"8000-9000:80\"", "*:8000-9000->80/tcp")]
    [InlineData("\"3000-3005\"", "*:?->3000-3005/tcp")]
    [InlineData("\"53:53/udp\"", "*:53->53/udp")]
    [InlineData("\"127.0.0.1:53:53/UDP\"", "127.0.0.1:53->53/udp")]
    [InlineData("\"6060:6060/sctp\"", "*:6060->6060/sctp")]
    [InlineData("\"80/\"", "*:?->80/tcp")]
    [InlineData("{target: 80, published: 8080, host_ip: 127.0.0.1, protocol: tcp, mode: host}", "127.0.0.1:8080->80/tcp")]
    [InlineData("{target: 80}", "*:?->80/tcp")]
    [InlineData("{target: 80, published: \"8000-8010\"}", "*:8000-8010->80/tcp")]
    [InlineData("{target: 53, published: 53, protocol: udp, host_ip: \"::1\"}", "[::1]:53->53/udp")]
    public void Ports_read_in_every_syntax(string item, string expected)
    {
        var port = Assert.Single(Service($"image: a\nports:\n  - {item}").Ports);
        Assert.Equal(expected, port.ToString());
    }

    [Fact]
    public void Port_views_say_where_they_listen()
    {
        var ports = Service("image: a\nports:\n  - \"5432\"\n  - \"127.0.0.1:6379:6379\"\n  - \"0.0.0.0:80:80\"\n  - \"[::1]:9000:9000\"\n  - \"192.168.1.5:22:22\"\n" +
                            "  - target: 443\n    published: 443\n    app_protocol: https\n    name: web").Ports;
        Assert.Equal(new[] { true, false, true, false, false, true }, ports.Select(p => p.IsOnAllInterfaces));
        Assert.Equal(new[] { false, true, false, true, false, false }, ports.Select(p => p.IsLoopbackOnly));
        Assert.Null(ports[0].Published);
        Assert.True(ports[5].IsLongSyntax);
        Assert.Equal(("https", "web"), (ports[5].AppProtocol, ports[5].Name));
        Assert.True(ports[1].Target.Contains(6379));
    }

    [Theory]
    [InlineData("\"1.2.3:80:80\"", "invalid IP address")]
    [InlineData("\"80:\"", "no container port")]
    [InlineData("\"abc:80\"", "invalid host port")]
    [InlineData("\"70000\"", "invalid container port")]
    [InlineData("\"8000-8001:80-82\"", "differ in size")]
    [InlineData("\"80/icmp\"", "unknown protocol")]
    [InlineData("{published: 80}", "needs `target`")]
    public void Invalid_ports_are_LNT001_at_the_item(string item, string message)
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", $"services:\n  s:\n    image: a\n    ports:\n      - {item}\n");
        var (_, diagnostics, _) = Load(tree);
        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith("compose.yaml:5 LNT001", diagnostic);
        Assert.Contains(message, diagnostic);
    }

    [Fact]
    public void A_port_made_invalid_by_an_unset_variable_is_not_the_files_fault()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  s:\n    image: a\n    ports:\n      - \"${PORT}\"\n      - \"${HOST_PORT:-8080}:80\"\n");
        var (projects, diagnostics, _) = Load(tree);
        Assert.Empty(diagnostics);
        Assert.Equal("*:8080->80/tcp", Assert.Single(projects.Single().Services.Single().Ports).ToString());
    }

    [Theory]
    // spec => kind, source, host path (for binds), target, ro, propagation
    [InlineData("/var/lib/data", "Anonymous||/var/lib/data|False|")]
    [InlineData("db-data:/var/lib/postgresql/data", "Volume|db-data||/var/lib/postgresql/data|False|")]
    [InlineData("./html:/usr/share/nginx/html:ro", "Bind|./html|html|/usr/share/nginx/html|True|")]
    [InlineData("../shared:/shared", "Bind|../shared|../shared|/shared|False|")]
    // A one-letter source is a Windows drive, as compose-go reads it.
    [InlineData("a::b", "Bind|a:|a:|b|False|")]
    [InlineData("/var/run/docker.sock:/var/run/docker.sock:ro", "Bind|/var/run/docker.sock|/var/run/docker.sock|/var/run/docker.sock|True|")]
    [InlineData("/:/host:ro,rslave", "Bind|/|/|/host|True|rslave")]
    [InlineData("~/.ssh:/root/.ssh", "Bind|~/.ssh|~/.ssh|/root/.ssh|False|")]
    [InlineData("/data:/data:rw,shared,z", "Bind|/data|/data|/data|False|shared")]
    [InlineData("cache:/cache:nocopy", "Volume|cache||/cache|False|")]
    [InlineData("C:\\data:/data", "Bind|C:\\data|C:/data|/data|False|")]
    [InlineData("{type: bind, source: ./conf, target: /etc/app, read_only: true, bind: {propagation: rshared}}", "Bind|./conf|conf|/etc/app|True|rshared")]
    [InlineData("{type: volume, source: data, target: /data}", "Volume|data||/data|False|")]
    [InlineData("{type: volume, target: /data}", "Anonymous||/data|False|")]
    [InlineData("{type: tmpfs, target: /tmp}", "Tmpfs|||/tmp|False|")]
    [InlineData("{type: bind, source: /proc, target: /host/proc}", "Bind|/proc|/proc|/host/proc|False|")]
    public void Volumes_read_in_every_syntax(string item, string expected)
    {
        var volume = Assert.Single(Service($"image: a\nvolumes:\n  - {item}").Volumes);
        var actual = volume.Kind == ComposeMountKind.Anonymous
            ? $"{volume.Kind}||{volume.Target}|{volume.ReadOnly}|{volume.Propagation}"
            : $"{volume.Kind}|{volume.Source}|{volume.HostPath}|{volume.Target}|{volume.ReadOnly}|{volume.Propagation}";
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Bind_sources_resolve_against_the_project_directory()
    {
        using var tree = new TempDir();
        tree.Write("deploy/docker-compose.yml", "services:\n  s:\n    image: a\n    volumes:\n      - ./data:/data\n      - ../etc/app:/etc/app\n      - ../../outside:/x\n");
        var service = Single(tree).Service("s")!;
        Assert.Equal(new[] { "deploy/data", "etc/app", null }, service.Volumes.Select(v => v.RepositoryPath));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"ab::c\"")]
    [InlineData("\"ab:cd:ro:extra\"")]
    [InlineData("{type: bind, target: /x}")]
    [InlineData("{type: weird, target: /x}")]
    public void Invalid_volumes_are_LNT001(string item)
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", $"services:\n  s:\n    image: a\n    volumes:\n      - {item}\n");
        var (_, diagnostics, _) = Load(tree);
        Assert.StartsWith("compose.yaml:5 LNT001", Assert.Single(diagnostics));
    }

    [Theory]
    [InlineData("postgres", null, "postgres", "postgres", null, null, true)]
    [InlineData("postgres:16-alpine", null, "postgres", "postgres", "16-alpine", null, false)]
    [InlineData("library/redis:latest", null, "redis", "redis", "latest", null, true)]
    [InlineData("bitnami/redis:7.2", null, "bitnami/redis", "redis", "7.2", null, false)]
    [InlineData("ghcr.io/org/app:1.0@sha256:abc", "ghcr.io", "org/app", "app", "1.0", "sha256:abc", false)]
    [InlineData("localhost:5000/app", "localhost:5000", "app", "app", null, null, true)]
    [InlineData("traefik@sha256:0123", null, "traefik", "traefik", null, "sha256:0123", false)]
    public void Images_split_into_registry_repository_tag_and_digest(string reference, string? registry, string repository, string name,
        string? tag, string? digest, bool latest)
    {
        var image = Service($"image: \"{reference}\"").Image!;
        Assert.Equal((registry, repository, name, tag, digest, latest), (image.Registry, image.Repository, image.Name, image.Tag, image.Digest, image.IsLatest));
    }

    [Fact]
    public void Security_settings_have_typed_views_with_their_lines()
    {
        var s = Service("""
            image: a
            user: "1000:1000"
            privileged: true
            read_only: "false"
            cap_add: [SYS_ADMIN]
            cap_drop: [ALL]
            security_opt: ["no-new-privileges:true", "seccomp=unconfined"]
            network_mode: host
            pid: host
            ipc: host
            uts: host
            userns_mode: host
            cgroup_parent: custom
            devices: ["/dev/ttyUSB0:/dev/ttyUSB0:rwm", "/dev/fuse"]
            restart: unless-stopped
            mem_limit: 512m
            cpus: "0.5"
            pids_limit: 100
            entrypoint: /entry.sh
            command: ["--api.insecure=true"]
            tmpfs: /run
            expose: ["3000"]
            sysctls: {net.core.somaxconn: "1024"}
            deploy:
              resources:
                limits: {memory: 1g, cpus: "1", pids: 50}
              restart_policy: {condition: on-failure, max_attempts: 3}
            healthcheck: {disable: true}
            """);
        Assert.Equal("1000:1000", s.User!.Value);
        Assert.True(s.Privileged!.Value);
        Assert.Equal(5, s.Privileged.Origin.Line);
        Assert.False(s.ReadOnly!.Value);
        Assert.Equal(("SYS_ADMIN", "ALL"), (s.CapAdd.Single().Value, s.CapDrop.Single().Value));
        Assert.Equal(new[] { "no-new-privileges:true", "seccomp=unconfined" }, s.SecurityOpt.Select(o => o.Value));
        Assert.Equal(new[] { "host", "host", "host", "host", "host", "custom" },
            new[] { s.NetworkMode, s.Pid, s.Ipc, s.Uts, s.UsernsMode, s.CgroupParent }.Select(v => v!.Value));
        Assert.Equal(new[] { "/dev/ttyUSB0>/dev/ttyUSB0 rwm", "/dev/fuse>/dev/fuse " }, s.Devices.Select(d => $"{d.Source}>{d.Target} {d.Permissions}"));
        Assert.Equal("unless-stopped", s.Restart!.Value);
        Assert.Equal(("512m", "0.5", 100L), (s.MemLimit!.Value, s.Cpus!.Value, s.PidsLimit!.Value));
        Assert.Equal(("1g", "1", 50L), (s.LimitsMemory!.Value, s.LimitsCpus!.Value, s.LimitsPids!.Value));
        Assert.Equal("on-failure", s.RestartPolicy!["condition"]!.Text);
        Assert.Equal(("/entry.sh", false), (s.Entrypoint!.Text, s.Entrypoint.IsList));
        Assert.Equal(new[] { "--api.insecure=true" }, s.Command!.Words);
        Assert.Equal("/run", s.Tmpfs.Single().Value);
        Assert.Equal("3000", s.Expose.Single().Value);
        Assert.Equal("net.core.somaxconn=1024", s.Sysctls.Single().ToString());
        Assert.True(s.Healthcheck!.Disabled);
        Assert.Null(s.Logging);
        Assert.False(s.HasBuild);
    }

    [Theory]
    [InlineData("healthcheck:\n  test: [\"NONE\"]", true)]
    [InlineData("healthcheck:\n  test: curl -f http://localhost", false)]
    public void Healthcheck_tests_read_in_both_forms(string body, bool disabled)
    {
        var health = Service("image: a\n" + body).Healthcheck!;
        Assert.Equal(disabled, health.Disabled);
        if (!disabled) Assert.Equal(new[] { "CMD-SHELL", "curl -f http://localhost" }, health.Test);
    }

    [Fact]
    public void Booleans_and_numbers_are_read_after_interpolation()
    {
        var s = Service("image: a\nprivileged: ${PRIV:-true}\nread_only: ${RO}\npids_limit: ${PIDS:-64}", "RO=false\n");
        Assert.True(s.Privileged!.Value);
        Assert.Equal(ComposeSubstitutionSource.Default, s.Privileged.Node.Interpolation!.Substitutions.Single().Source);
        Assert.False(s.ReadOnly!.Value);
        Assert.Equal(64, s.PidsLimit!.Value);
    }
}
