using System.Linq;
using Stacklint.Formats.Compose;
using Stacklint.Tests.Support;
using Xunit;
using static Stacklint.Tests.Compose.ComposeTestSupport;

namespace Stacklint.Tests.Compose;

/// <summary>Which files make a project, and the Compose Specification's merge rules (override files, extends,
/// include), with every merged value keeping the file and line that set it.</summary>
public class ComposeMergeTests
{
    private const string Base = """
        services:
          web:
            image: nginx:1.25
            command: ["nginx", "-g", "daemon off;"]
            ports:
              - "80:80"
              - "443:443"
            environment:
              - MODE=prod
              - KEEP=1
            labels:
              a: "1"
            volumes:
              - ./html:/usr/share/nginx/html:ro
              - logs:/var/log/nginx
            cap_add: [NET_ADMIN]
            logging:
              driver: json-file
              options: {max-size: 10m}
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost"]
              interval: 30s
        volumes:
          logs: {}
        """;

    [Fact]
    public void The_override_file_merges_over_the_base_by_the_specification_rules()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", Base);
        tree.Write("compose.override.yaml", """
            services:
              web:
                image: nginx:1.27
                command: ["nginx-debug"]
                ports:
                  - "80:80"
                  - "127.0.0.1:8080:8080"
                environment:
                  MODE: dev
                  EXTRA: "2"
                labels:
                  - b=2
                volumes:
                  - ./debug-html:/usr/share/nginx/html
                cap_add: [NET_ADMIN, SYS_PTRACE]
                logging:
                  options: {max-file: "3"}
                healthcheck:
                  test: ["CMD", "true"]
            """);
        var project = Single(tree);
        Assert.Equal(new[] { "compose.yaml", "compose.override.yaml" }, project.Files.Select(f => f.File.RelativePath));
        var web = project.Service("web")!;

        // Scalars are replaced, and the value remembers the override's line.
        Assert.Equal("nginx:1.27", web.Image!.Reference);
        Assert.Equal("compose.override.yaml:3", web.Image.Origin.Describe());
        // command and healthcheck.test are replaced, not appended.
        Assert.Equal(new[] { "nginx-debug" }, web.Command!.Words);
        Assert.Equal(new[] { "CMD", "true" }, web.Healthcheck!.Test);
        Assert.Equal("30s", web.Healthcheck.Interval!.Text);
        // Ports are appended; the identical "80:80" is kept once: the later item, in the earlier one's place.
        Assert.Equal(new[] { "*:80->80/tcp", "*:443->443/tcp", "127.0.0.1:8080->8080/tcp" }, web.Ports.Select(p => p.ToString()));
        Assert.Equal(new[] { "compose.override.yaml:6", "compose.yaml:7", "compose.override.yaml:7" }, web.Ports.Select(p => p.Origin.Describe()));
        // Environment merges by key across the list and map forms: the override wins in the base's place.
        Assert.Equal(new[] { "MODE=dev", "KEEP=1", "EXTRA=2" }, web.Environment.Select(v => $"{v.Name}={v.Value}"));
        Assert.Equal("compose.override.yaml:9", web.EnvironmentVariable("MODE")!.Origin.Describe());
        Assert.Equal(new[] { "a=1", "b=2" }, web.Labels.Select(l => l.ToString()));
        // Volumes are unique by target: the override's bind replaces the base's (and loses :ro).
        Assert.Equal(new[] { "/usr/share/nginx/html", "/var/log/nginx" }, web.Volumes.Select(v => v.Target));
        Assert.False(web.Volumes[0].ReadOnly);
        Assert.Equal("debug-html", web.Volumes[0].RepositoryPath);
        // cap_add is appended and unique.
        Assert.Equal(new[] { "NET_ADMIN", "SYS_PTRACE" }, web.CapAdd.Select(c => c.Value));
        // logging with the same (or no) driver merges its options.
        Assert.Equal("json-file", web.Logging!.Driver!.Value);
        Assert.Equal(new[] { "max-size=10m", "max-file=3" }, web.Logging.Options.Select(o => o.ToString()));
        // The service is reported where the base declares it; both declarations are known.
        Assert.Equal("compose.yaml:2", web.Origin.Describe());
        Assert.Equal(2, web.Declarations.Count);
    }

    [Fact]
    public void Logging_with_another_driver_replaces_the_whole_block()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", Base);
        tree.Write("compose.override.yml", "services:\n  web:\n    logging:\n      driver: syslog\n");
        var web = Single(tree).Service("web")!;
        Assert.Equal("syslog", web.Logging!.Driver!.Value);
        Assert.Empty(web.Logging.Options);
    }

    [Fact]
    public void Reset_and_override_tags()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", Base);
        tree.Write("compose.override.yaml", """
            services:
              web:
                ports: !reset []
                cap_add: !reset null
                volumes: !override
                  - data:/data
                environment: !override
                  ONLY: "1"
            """);
        var web = Single(tree).Service("web")!;
        Assert.Empty(web.Ports);
        Assert.False(web.Node.Contains("ports"));
        Assert.Empty(web.CapAdd);
        Assert.Equal(new[] { "data:/data" }, web.Volumes.Select(v => $"{v.Source}:{v.Target}"));
        Assert.Equal(new[] { "ONLY" }, web.Environment.Select(v => v.Name));
        Assert.Null(web.Node["volumes"]!.Tag);
    }

    [Theory]
    // The first default name found is the project; the first override name found is merged over it.
    [InlineData(new[] { "compose.yaml", "compose.yml", "docker-compose.yml" }, "compose.yaml")]
    [InlineData(new[] { "compose.yml", "docker-compose.yaml" }, "compose.yml")]
    [InlineData(new[] { "docker-compose.yaml", "docker-compose.yml" }, "docker-compose.yml")]
    [InlineData(new[] { "docker-compose.yml", "compose.override.yaml", "docker-compose.override.yml" }, "docker-compose.yml+compose.override.yaml")]
    [InlineData(new[] { "compose.yaml", "compose.override.yml", "compose.override.yaml" }, "compose.yaml+compose.override.yml")]
    public void The_files_compose_would_load_make_the_project(string[] names, string expected)
    {
        using var tree = new TempDir();
        foreach (var name in names) tree.Write(name, $"services:\n  s:\n    image: {name}\n");
        var (projects, diagnostics, _) = Load(tree);
        Assert.Empty(diagnostics);
        // Files of other default names are projects of their own (used with -f).
        var main = projects.First();
        Assert.Equal(expected, string.Join("+", main.Files.Select(f => f.File.RelativePath)));
        Assert.Equal(names.Length - main.Files.Count, projects.Count - 1);
    }

    [Fact]
    public void A_compose_file_in_another_directory_is_its_own_project()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  app:\n    image: app\n");
        tree.Write("deploy/docker-compose.prod.yml", "services:\n  app:\n    image: app:prod\n    env_file: ../prod.env\n");
        tree.Write("prod.env", "A=1\n");
        var (projects, diagnostics, read) = Load(tree);
        Assert.Empty(diagnostics);
        Assert.Equal(new[] { "compose.yaml", "deploy/docker-compose.prod.yml" }, projects.Select(p => p.Main.File.RelativePath));
        var prod = projects[1];
        Assert.Equal("deploy", prod.Directory);
        Assert.Equal("deploy", prod.Name);
        var envFile = prod.Service("app")!.EnvFiles.Single();
        Assert.Equal("prod.env", envFile.RepositoryPath);
        Assert.Contains(read, f => f.RelativePath == "prod.env");
    }

    [Fact]
    public void Extends_in_the_same_file_and_from_another_file_with_paths_relative_to_that_file()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", """
            services:
              base:
                image: base
                privileged: true
                environment: {A: "1"}
              app:
                extends: base
                environment: {B: "2"}
              worker:
                extends:
                  file: common/services.yml
                  service: hardened
                user: "1000"
            """);
        tree.Write("common/services.yml", """
            services:
              root:
                image: worker
                volumes: ["./data:/data"]
              hardened:
                extends: root
                read_only: true
                cap_drop: [ALL]
            """);
        var project = Single(tree);
        var app = project.Service("app")!;
        Assert.Equal("base", app.Image!.Reference);
        Assert.True(app.Privileged!.Value);
        Assert.Equal("compose.yaml:4", app.Privileged.Origin.Describe());
        Assert.Equal(new[] { "A", "B" }, app.Environment.Select(v => v.Name));
        Assert.False(app.Node.Contains("extends"));
        Assert.Equal("compose.yaml:6", app.Origin.Describe());

        var worker = project.Service("worker")!;
        Assert.Equal("worker", worker.Image!.Reference);
        Assert.True(worker.ReadOnly!.Value);
        Assert.Equal("1000", worker.User!.Value);
        Assert.Equal("common/data", worker.Volumes.Single().RepositoryPath);
        Assert.Equal("common/services.yml:4", worker.Volumes.Single().Origin.Describe());
        Assert.Equal(new[] { "root", "hardened", "worker" }, worker.Declarations.Select(d => d.Name));
        Assert.Contains(project.Files, f => f.File.RelativePath == "common/services.yml" && f.Role == ComposeFileRole.Extends);
    }

    [Fact]
    public void Extends_cycles_and_missing_targets_are_reported()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", """
            services:
              a:
                extends: b
              b:
                extends: a
              c:
                extends: {file: missing.yml, service: x}
              d:
                extends: nobody
            """);
        var (projects, diagnostics, _) = Load(tree);
        Assert.Single(projects);
        Assert.Contains(diagnostics, d => d.StartsWith("compose.yaml:3 LNT001") && d.Contains("cycle"));
        Assert.Contains(diagnostics, d => d.StartsWith("compose.yaml:7 LNT002") && d.Contains("missing.yml"));
        Assert.Contains(diagnostics, d => d.StartsWith("compose.yaml:9 LNT001") && d.Contains("no service `nobody`"));
    }

    [Fact]
    public void Include_adds_the_included_project_with_its_own_directory_and_env()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "include:\n  - infra/compose.db.yaml\nservices:\n  app:\n    image: app\n");
        tree.Write("infra/compose.db.yaml", "services:\n  db:\n    image: postgres:${PG:-15}\n    volumes: [./pgdata:/var/lib/postgresql/data]\n");
        tree.Write("infra/.env", "PG=16\n");
        var (projects, diagnostics, read) = Load(tree);
        Assert.Empty(diagnostics);
        // The included file is analysed as part of the including project, not alone.
        var project = Assert.Single(projects);
        Assert.Equal(new[] { "app", "db" }, project.Services.Select(s => s.Name));
        var db = project.Service("db")!;
        Assert.Equal("postgres:16", db.Image!.Reference);
        Assert.Equal("infra/pgdata", db.Volumes.Single().RepositoryPath);
        Assert.Contains(read, f => f.RelativePath == "infra/.env");
    }

    [Fact]
    public void Include_cycles_and_remote_includes_are_reported_without_a_hang()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "include:\n  - compose.other.yaml\n  - oci://registry/app:1\nservices:\n  a: {image: a}\n");
        tree.Write("compose.other.yaml", "include:\n  - compose.yaml\nservices:\n  b: {image: b}\n");
        var (projects, diagnostics, _) = Load(tree);
        Assert.NotEmpty(projects);
        Assert.Contains(diagnostics, d => d.StartsWith("compose.other.yaml:2 LNT001") && d.Contains("cycle"));
        Assert.Contains(diagnostics, d => d.StartsWith("compose.yaml:3 LNT002") && d.Contains("remote"));
    }

    [Fact]
    public void Every_profile_is_loaded_and_each_service_knows_its_profiles()
    {
        var project = Project("services:\n  app: {image: a}\n  debug:\n    image: d\n    profiles: [debug, tools]\n");
        Assert.Equal(new[] { "app", "debug" }, project.Services.Select(s => s.Name));
        Assert.True(project.Service("app")!.IsEnabledByDefault);
        Assert.Equal(new[] { "debug", "tools" }, project.Service("debug")!.Profiles);
        Assert.False(project.Service("debug")!.IsEnabledByDefault);
    }

    [Fact]
    public void Env_files_give_the_environment_under_environment_with_provenance()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", """
            services:
              app:
                image: app
                env_file:
                  - common.env
                  - path: ./local.env
                    required: false
                  - path: missing.env
                    required: false
                environment:
                  OVERRIDDEN: from-compose
            """);
        tree.Write("common.env", "A=1\nOVERRIDDEN=from-file\nB=common\n");
        tree.Write("local.env", "B=local\n");
        var project = Single(tree);
        var app = project.Service("app")!;
        Assert.Equal(new[] { "common.env", "./local.env", "missing.env" }, app.EnvFiles.Select(f => f.Path));
        Assert.Equal(new[] { true, true, false }, app.EnvFiles.Select(f => f.Exists));
        Assert.Equal(new[] { true, false, false }, app.EnvFiles.Select(f => f.Required));
        Assert.Equal(new[] { "A=1", "OVERRIDDEN=from-compose", "B=local" }, app.Environment.Select(v => $"{v.Name}={v.Value}"));
        var b = app.EnvironmentVariable("B")!;
        Assert.Equal(ComposeEnvironmentSource.EnvFile, b.Source);
        Assert.Equal("local.env:1", b.Origin.Describe());
        Assert.Equal("common.env:3", b.Replaces!.Origin.Describe());
        var overridden = app.EnvironmentVariable("OVERRIDDEN")!;
        Assert.Equal(ComposeEnvironmentSource.Environment, overridden.Source);
        Assert.Equal("common.env:2", overridden.Replaces!.Origin.Describe());
    }

    [Fact]
    public void Merging_a_sequence_over_a_mapping_is_an_error_at_the_override()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  web:\n    image: a\n    deploy:\n      replicas: 1\n");
        tree.Write("compose.override.yaml", "services:\n  web:\n    deploy: [1]\n");
        var (_, diagnostics, _) = Load(tree);
        Assert.Contains(diagnostics, d => d.StartsWith("compose.override.yaml:3 LNT001") && d.Contains("cannot be overridden"));
    }
}
