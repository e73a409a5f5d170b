using System.Linq;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.DaemonJson;

/// <summary>The DKD rules in the stack: what they skip, and how they agree with the compose rules that read the same
/// daemon.json.</summary>
public class DaemonJsonRuleTests
{
    [Fact]
    public void A_daemon_json_that_is_not_JSON_is_LNT001_only()
    {
        using var tree = new TempDir();
        tree.Write("etc/docker/daemon.json", "{\n  // rotate logs\n  \"log-opts\": {\"max-size\": \"10m\"},\n  \"icc\": true\n}\n");
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Equal(new[] { "etc/docker/daemon.json:2 LNT001" }, result.Diagnostics.Brief());
    }

    [Fact]
    public void DKD010_does_not_stop_the_other_rules()
    {
        using var tree = new TempDir();
        tree.Write("etc/docker/daemon.json", "{\n  \"icc\": \"false\",\n  \"seccomp-profile\": \"unconfined\"\n}\n");
        var brief = Scan.Run(tree.Root).Diagnostics.Brief().ToList();
        Assert.Contains("etc/docker/daemon.json:2 DKD010", brief);
        Assert.Contains("etc/docker/daemon.json:3 DKD012", brief);
        // A mistyped icc is DKD010's alone: DKD003 does not guess what dockerd would have done.
        Assert.DoesNotContain(brief, b => b.EndsWith("DKD003"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("203.0.113.10")]
    public void DKD013_and_DCO002_agree_on_the_address_a_port_without_host_IP_binds(string? ip)
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    ports:\n      - \"8000:8000\"\n");
        tree.Write("etc/docker/daemon.json", ip is null ? "{}\n" : $"{{\"ip\": \"{ip}\"}}\n");
        var diagnostics = Scan.Run(tree.Root).Diagnostics;
        var daemonSaysAllInterfaces = diagnostics.Any(d => d.Id == "DKD013");
        var composeSaysAllInterfaces = diagnostics.Any(d => d.Id == "DCO002");
        Assert.Equal(daemonSaysAllInterfaces, composeSaysAllInterfaces);
        Assert.Equal(ip is null or "" or "0.0.0.0" or "::", daemonSaysAllInterfaces);
    }

    [Fact]
    public void DKD013_names_the_ports_it_opens_with_their_places()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    ports:\n      - \"8000:8000\"\n      - \"127.0.0.1:9229:9229\"\n");
        tree.Write("etc/docker/daemon.json", "{\"log-driver\": \"local\"}\n");
        var finding = Assert.Single(Scan.Run(tree.Root).Diagnostics, d => d.Id == "DKD013");
        var message = finding.GetMessage();
        Assert.Contains("`8000:8000` (service `api`, compose.yaml:5)", message);
        Assert.DoesNotContain("9229", message);
        Assert.Equal("compose.yaml", Assert.Single(finding.AdditionalLocations).GetLineSpan().Path);
    }

    [Fact]
    public void A_stack_without_daemon_json_gets_no_DKD_finding()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n");
        Assert.DoesNotContain(Scan.Run(tree.Root).Diagnostics, d => d.Id.StartsWith("DKD"));
    }
}
