using System.IO;
using System.Linq;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Engine;

/// <summary>What compose findings say: every service a shared line affects, the profile that gates a service, where
/// defaults came from, and never a secret's value.</summary>
public class ComposeRuleMessageTests
{
    private static string[] Messages(string fixtureRule, string fixture, string id)
    {
        using var tree = new TempDir();
        Fixtures.Materialize(fixtureRule, fixture, tree);
        return Scan.Run(tree.Root).Diagnostics.Where(d => d.Id == id).Select(d => d.GetMessage()).ToArray();
    }

    [Fact]
    public void A_value_shared_through_an_anchor_is_one_finding_naming_every_service_and_profiles_are_named()
    {
        var messages = Messages("DCO001", "fail-anchor-profile-public-ip", "DCO001");
        Assert.Contains(messages, m => m.StartsWith("services `db`, `db-replica`: "));
        Assert.Contains(messages, m => m.StartsWith("service `debug-db` (only with profile `debug`): "));
        Assert.Equal(3, messages.Length);
    }

    [Fact]
    public void Secret_values_are_never_printed()
    {
        foreach (var fixture in Directory.GetDirectories(Path.Combine(Fixtures.Directory, "DCO009")).Select(Path.GetFileName))
        {
            var messages = string.Join("\n", Messages("DCO009", fixture!, "DCO009"));
            foreach (var secret in new[] { "hunter2", "s3cr3t-pa55", "local-dev-password", "changeme", "redispass", "dev-secret-key", "4f1c9a7e",
                         "sk_test_placeholder", "123456", "npm_placeholder", "s3cret", "pa$word", "b=c" })
                Assert.DoesNotContain(secret, messages);
        }
        var literal = Messages("DCO009", "fail-literal-map-and-list", "DCO009");
        Assert.Contains(literal, m => m.Contains("`POSTGRES_PASSWORD`") && m.Contains($"`{Stacklint.Secrets.SecretMask.Mask("hunter2hunter2")}`"));
        Assert.Contains(Messages("DCO009", "fail-literal-defaults", "DCO009"), m => m.Contains($"`${{POSTGRES_PASSWORD:-{Stacklint.Secrets.SecretMask.Mask("changeme")}}}`"));
    }

    [Fact]
    public void Without_a_daemon_json_the_message_says_which_default_applied()
    {
        Assert.All(Messages("DCO014", "fail-no-daemon-json", "DCO014"), m => Assert.Contains("no daemon.json in the scan", m));
        Assert.All(Messages("DCO008", "fail-missing-no-new-privileges", "DCO008"), m => Assert.Contains("no daemon.json in the scan", m));
        Assert.Contains(Messages("DCO014", "fail-other-driver-drops-daemon-opts", "DCO014"),
            m => m.Contains("etc/docker/daemon.json makes `local` the default, so its `log-opts` do not apply"));
    }

    [Fact]
    public void An_invalid_daemon_json_is_LNT001_and_the_defaults_apply()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n");
        tree.Write("daemon.json", "{\n  \"log-driver\": \"local\",\n}\n");
        var result = Scan.Run(tree.Root);
        Assert.Contains("daemon.json:3 LNT001", result.Diagnostics.Brief());
        Assert.Contains("compose.yaml:1 DCO014", result.Diagnostics.Brief());
        Assert.Empty(result.InternalErrors);
    }
}

/// <summary>Which compose projects the rules judge.</summary>
public class ComposeRuleScopeTests
{
    [Fact]
    public void A_value_Compose_refuses_is_LNT001_and_the_rest_of_the_project_is_still_judged()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n      - \"70000:5432\"\n");
        var brief = Scan.Run(tree.Root).Diagnostics.Brief().ToList();
        Assert.Contains("compose.yaml:6 LNT001", brief);
        Assert.Contains("compose.yaml:5 DCO001", brief);
        Assert.DoesNotContain("compose.yaml:6 DCO001", brief);
    }

    [Fact]
    public void A_file_that_is_not_valid_YAML_is_LNT001_only()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n  db:\n    image: redis\n");
        var brief = Scan.Run(tree.Root).Diagnostics.Brief().ToList();
        Assert.Contains(brief, b => b.EndsWith(" LNT001"));
        Assert.DoesNotContain(brief, b => b.Contains(" DCO"));
    }

    [Fact]
    public void A_CDI_device_name_is_a_runtime_device_request_not_a_host_device()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  ai:\n    image: ghcr.io/example/ai:1.0.0\n    devices:\n      - nvidia.com/gpu=all\n      - /dev/dri:/dev/dri\n");
        var brief = Scan.Run(tree.Root).Diagnostics.Where(d => d.Id == "DCO020").Brief().ToList();
        Assert.Equal(new[] { "compose.yaml:6 DCO020" }, brief);
    }

    [Fact]
    public void A_secret_named_variable_holding_a_Docker_secret_path_is_not_a_literal_secret()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  api:\n    image: ghcr.io/example/api:1.0.0\n    environment:\n"
                                   + "      - DATABASE_PASSWORD=/run/secrets/db-password\n      - DB_PASSWORD=/etc/app/pw\n");
        var brief = Scan.Run(tree.Root).Diagnostics.Where(d => d.Id == "DCO009").Brief().ToList();
        Assert.Equal(new[] { "compose.yaml:6 DCO009" }, brief);
    }
}
