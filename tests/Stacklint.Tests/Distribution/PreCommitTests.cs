using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Stacklint.Tests.Distribution;

/// <summary>The pre-commit hook in .pre-commit-hooks.yaml, run by the real pre-commit (Debian's package, installed by
/// tests/run.sh). `pre-commit try-repo` clones this repository (HEAD plus uncommitted changes to tracked files), lets
/// pre-commit's dotnet language pack Linter.sln and install the package as a tool, then runs the hook on the staged
/// files of a throwaway repository.</summary>
public class PreCommitTests
{
    private const string Hint = "Run tests/run.sh, which installs pre-commit (apt package pre-commit).";

    [Fact]
    public void Hook_fails_on_a_staged_insecure_sshd_config_and_passes_once_it_is_fixed()
    {
        var preCommit = ExternalTool.Require("pre-commit", Hint);
        var git = ExternalTool.Require("git", "Install git.");
        using var temp = new TempDir();
        var repo = Path.Combine(temp.Root, "repo");
        Directory.CreateDirectory(repo);
        var environment = new Dictionary<string, string?>
        {
            ["PRE_COMMIT_HOME"] = Path.Combine(temp.Root, "pre-commit-home"),
            // Keep the user's and the machine's git configuration (hooks, templates, signing) out of it.
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
        };
        void Git(params string[] args) => ExternalTool.RunOk(git, args, repo, environment);
        ExternalTool.Outcome TryRepo() => ExternalTool.Run(preCommit,
            new[] { "try-repo", Repo.Root, "stacklint", "--color", "never", "--verbose" }, repo, environment);

        Git("init", "--quiet");
        Git("config", "user.name", "stacklint tests");
        Git("config", "user.email", "tests@stacklint.invalid");
        var config = Path.Combine(repo, "etc", "ssh", "sshd_config");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, "PasswordAuthentication yes\n");
        File.WriteAllText(Path.Combine(repo, "README.md"), "not a config: the hook must not be given this file\n");
        Git("add", "--all");

        var failing = TryRepo();
        Assert.True(failing.ExitCode != 0, failing.ToString());
        Assert.Contains("etc/ssh/sshd_config:1:1: error SSH001", failing.Output);
        Assert.Matches(@"(?m)^stacklint\.+Failed$", failing.Output);
        Assert.DoesNotContain("README.md", failing.Output);

        // Fixed: no finding at warning level or above remains (notes SSH014/SSH015 do not fail the hook).
        File.WriteAllText(config, string.Join("\n",
            "PasswordAuthentication no",
            "PermitRootLogin no",
            "KbdInteractiveAuthentication no",
            "MaxAuthTries 3",
            "MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com",
            ""));
        Git("add", "--all");

        var passing = TryRepo();
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.Matches(@"(?m)^stacklint\.+Passed$", passing.Output);
        Assert.Contains("0 errors, 0 warnings", passing.Output);
    }

    public static IEnumerable<object[]> Paths() => new[]
    {
        new object[] { "sshd_config", true },
        new object[] { "etc/ssh/sshd_config", true },
        new object[] { "etc/ssh/sshd_config.hardened", true },
        new object[] { "etc/ssh/sshd_config.d/50-cloud-init.conf", true },
        new object[] { "nginx.conf", true },
        new object[] { "etc/nginx/nginx.conf", true },
        new object[] { "etc/nginx/conf.d/app.conf", true },
        new object[] { "etc/nginx/sites-available/example.org.conf", true },
        new object[] { "etc/nginx/sites-enabled/example.org.conf", true },
        new object[] { "etc/nginx/sites-available/default", true },
        new object[] { "etc/nginx/sites-enabled/example.org", true },
        new object[] { "etc/nginx/snippets/fastcgi-php.conf", true },
        new object[] { "etc/nginx/mime.types", true },
        new object[] { "etc/nginx/fastcgi_params", true },
        new object[] { "etc/nginx/proxy_params", true },
        new object[] { "etc/nginx/fastcgi.conf", true },
        new object[] { "etc/nginx/sites-available/default.bak", false },
        new object[] { "etc/nginx/sites-available/default~", false },
        new object[] { "docker-compose.yml", true },
        new object[] { "docker-compose.yaml", true },
        new object[] { "deploy/docker-compose.override.yml", true },
        new object[] { "compose.yaml", true },
        new object[] { "compose.yml", true },
        new object[] { "stack/compose.prod.yaml", true },
        new object[] { ".env", true },
        new object[] { "app/.env.production", true },
        new object[] { "etc/fail2ban/jail.conf", true },
        new object[] { "etc/fail2ban/jail.local", true },
        new object[] { "etc/fail2ban/jail.d/sshd.conf", true },
        new object[] { "etc/fail2ban/jail.d/sshd.local", true },
        new object[] { "etc/docker/daemon.json", true },
        new object[] { ".stacklint.yml", true },
        new object[] { "README.md", false },
        new object[] { "etc/ssh/sshd_config.bak", false },
        new object[] { "etc/ssh/sshd_config.dpkg-dist", false },
        new object[] { "etc/ssh/sshd_config~", false },
        new object[] { "etc/ssh/sshd_config.d/notes.txt", false },
        new object[] { "etc/ssh/ssh_config", false },
        new object[] { "src/app.conf", false },
        new object[] { "composer.json", false },
        new object[] { "config.env", true },
        new object[] { "deploy/env.example", true },
        new object[] { ".envrc", false },
        new object[] { "environment.yml", false },
        new object[] { "etc/fail2ban/jail.d/README", false },
        new object[] { "package.json", false },
    };

    /// <summary>The hook's <c>files</c>/<c>exclude</c> regexes as pre-commit applies them (re.search on the
    /// repository-relative path; the patterns use nothing where .NET and Python differ).</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Hook_is_given_the_files_stacklint_reads(string path, bool expected)
    {
        var hook = Hook();
        var files = new Regex(hook["files"]);
        var exclude = new Regex(hook["exclude"]);
        Assert.Equal(expected, files.IsMatch(path) && !exclude.IsMatch(path));
    }

    [Fact]
    public void Hook_definition_is_what_pre_commit_needs()
    {
        var hook = Hook();
        Assert.Equal("stacklint", hook["id"]);
        Assert.Equal("dotnet", hook["language"]);
        Assert.Equal("stacklint scan", hook["entry"]);
        Assert.Equal("true", hook["pass_filenames"]);
        Assert.Equal("true", hook["require_serial"]);
    }

    private static Dictionary<string, string> Hook()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repo.Path(".pre-commit-hooks.yaml")))
            yaml.Load(reader);
        var hooks = (YamlSequenceNode)yaml.Documents.Single().RootNode;
        var hook = (YamlMappingNode)hooks.Children.Single();
        return hook.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!);
    }
}
