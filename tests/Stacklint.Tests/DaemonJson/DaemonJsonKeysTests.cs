using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DaemonJson;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.DaemonJson;

/// <summary>The key table and what dockerd (moby daemon/config at the commit DaemonJsonKeys names) does with each family
/// of values: which names it refuses or ignores, and which JSON it cannot decode into each Go type.</summary>
public class DaemonJsonKeysTests
{
    private static DaemonJsonConfig Read(string text) =>
        DaemonJsonConfig.Read(new SourceFile("daemon.json", "/tmp/daemon.json", SourceText.From(text)));

    private static DaemonJsonProblem Only(string text) => Assert.Single(Read(text).Problems);

    [Theory]
    // bool, *bool
    [InlineData("{\"icc\": false, \"tls\": true, \"tlsverify\": null}", true)]
    [InlineData("{\"icc\": \"false\"}", false)]
    [InlineData("{\"live-restore\": 1}", false)]
    // string
    [InlineData("{\"log-driver\": \"local\", \"data-root\": null}", true)]
    [InlineData("{\"log-driver\": true}", false)]
    // int, int64, uint32 (the tick is refused by name before its type matters)
    [InlineData("{\"max-concurrent-downloads\": 3, \"cpu-rt-period\": 1000000}", true)]
    [InlineData("{\"max-concurrent-downloads\": \"3\"}", false)]
    [InlineData("{\"shutdown-timeout\": 1.5}", false)]
    [InlineData("{\"shutdown-timeout\": 1e2}", false)]
    [InlineData("{\"mtu\": 99999999999999999999}", false)]
    // []string
    [InlineData("{\"exec-opts\": [\"native.cgroupdriver=systemd\"], \"storage-opts\": []}", true)]
    [InlineData("{\"storage-opts\": \"overlay2.size=10G\"}", false)]
    [InlineData("{\"registry-mirrors\": [\"https://mirror.gcr.io\", 5]}", false)]
    // map[string]string: log options are strings
    [InlineData("{\"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}}", true)]
    [InlineData("{\"log-opts\": {\"max-file\": 3}}", false)]
    [InlineData("{\"log-opts\": {\"compress\": true}}", false)]
    [InlineData("{\"log-opts\": [\"max-size=10m\"]}", false)]
    // map[string]bool, map[string]map[string]string
    [InlineData("{\"features\": {\"containerd-snapshotter\": true}, \"default-network-opts\": {\"bridge\": {\"com.docker.network.driver.mtu\": \"1450\"}}}", true)]
    [InlineData("{\"features\": {\"cdi\": \"true\"}}", false)]
    [InlineData("{\"default-network-opts\": {\"bridge\": {\"com.docker.network.driver.mtu\": 1450}}}", false)]
    // net.IP, []netip.Addr, netip.Prefix
    [InlineData("{\"ip\": \"::1\", \"default-gateway\": \"\", \"dns\": [\"1.1.1.1\", \"fe80::1%eth0\"]}", true)]
    [InlineData("{\"ip\": \"localhost\"}", false)]
    [InlineData("{\"ip\": \"010.0.0.1\"}", false)]
    [InlineData("{\"ip\": \"fe80::1%eth0\"}", false)]
    [InlineData("{\"dns\": [\"8.8.8.8:53\"]}", false)]
    [InlineData("{\"default-address-pools\": [{\"base\": \"172.30.0.0/16\", \"size\": 24}]}", true)]
    [InlineData("{\"default-address-pools\": [{\"base\": \"172.30.0.0\", \"size\": 24}]}", false)]
    [InlineData("{\"default-address-pools\": {\"base\": \"172.30.0.0/16\", \"size\": 24}}", false)]
    // struct maps: default-ulimits, runtimes; MemBytes
    [InlineData("{\"default-ulimits\": {\"nofile\": {\"name\": \"nofile\", \"hard\": 64000, \"soft\": 64000}}}", true)]
    [InlineData("{\"default-ulimits\": {\"nofile\": 64000}}", false)]
    [InlineData("{\"runtimes\": {\"runsc\": {\"path\": \"/usr/local/bin/runsc\", \"runtimeArgs\": \"--debug\"}}}", false)]
    [InlineData("{\"default-shm-size\": \"64M\"}", true)]
    [InlineData("{\"default-shm-size\": 67108864}", false)]
    [InlineData("{\"default-shm-size\": null}", false)]
    // proxies (a struct whose members the check reads as top-level names)
    [InlineData("{\"proxies\": {\"http-proxy\": \"http://proxy:3128\", \"no-proxy\": \"localhost\"}}", true)]
    [InlineData("{\"proxies\": {\"http-proxy\": 3128}}", false)]
    [InlineData("{\"proxies\": \"http://proxy:3128\"}", false)]
    public void A_value_is_refused_exactly_when_Go_cannot_decode_it_into_the_settings_type(string text, bool accepted)
    {
        var refused = Read(text).Problems.Where(p => p.Refused).ToList();
        if (accepted) Assert.Empty(refused);
        else Assert.NotEmpty(refused);
    }

    [Fact]
    public void An_unknown_name_is_refused_in_dockerds_words_with_a_near_miss()
    {
        var problem = Only("{\n  \"no-new-priviledges\": true\n}");
        Assert.Equal(DaemonJsonProblemKind.Unknown, problem.Kind);
        Assert.True(problem.Refused);
        Assert.Contains("\"the following directives don't match any configuration option: no-new-priviledges\"", problem.Message);
        Assert.Equal("no-new-privileges", problem.Suggestion);
        Assert.Equal(1, problem.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("log-opts", Only("{\"log_opts\": \"x\"}").Suggestion);
        Assert.Equal("live-restore", Only("{\"LiveRestore\": true}").Suggestion);
    }

    [Fact]
    public void Both_containerd_plugin_namespace_spellings_are_known_and_neither_sets_the_namespace()
    {
        // The field's JSON name is no flag's: dockerd --validate refuses it (docker/docs#19398).
        var singular = Only("{\"containerd-plugin-namespace\": \"docker-plugins\"}");
        Assert.True(singular.Refused);
        Assert.Null(singular.Suggestion);
        // The flag's name passes the check, but no field reads it.
        var plural = Only("{\"containerd-plugins-namespace\": \"docker-plugins\"}");
        Assert.False(plural.Refused);
        Assert.Equal(DaemonJsonProblemKind.Ignored, plural.Kind);
        Assert.Equal(DaemonJsonKeyStatus.FieldWithoutFlag, DaemonJsonKeys.Find("containerd-plugin-namespace")!.Status);
        Assert.Equal(DaemonJsonKeyStatus.FlagOnly, DaemonJsonKeys.Find("containerd-plugins-namespace")!.Status);
    }

    [Fact]
    public void Deprecated_and_removed_names_are_handled_as_the_release_does()
    {
        var cors = Only("{\"api-cors-header\": \"*\"}");
        Assert.True(cors.Refused);
        Assert.Contains("have been removed", cors.Message);
        Assert.Empty(Read("{\"api-cors-header\": \"\"}").Problems);
        var artifacts = Only("{\"allow-nondistributable-artifacts\": [\"registry:5000\"]}");
        Assert.False(artifacts.Refused);
        Assert.True(Only("{\"graph\": \"/srv/docker\"}").Refused);
        Assert.True(Only("{\"cluster-store\": \"consul://localhost:8500\"}").Refused);
        Assert.Contains("must not both be specified", Only("{\"host-gateway-ip\": \"172.17.0.1\", \"host-gateway-ips\": [\"172.17.0.1\"]}").Message);
    }

    [Fact]
    public void A_flags_name_is_accepted_and_ignored_and_an_object_under_it_is_checked_member_by_member()
    {
        var ignored = Only("{\"insecure-registry\": [\"registry:5000\"]}");
        Assert.False(ignored.Refused);
        Assert.Equal("insecure-registries", ignored.Suggestion);

        // configValuesSet replaces the object by its members: dockerd names the member, not "log-opt".
        var member = Only("{\"log-opt\": {\"max-size\": \"10m\"}}");
        Assert.True(member.Refused);
        Assert.Contains("configuration option: max-size\"", member.Message);

        // Members that are all option names pass the check, and the object is ignored.
        var whole = Only("{\"settings\": {\"debug\": true}}");
        Assert.False(whole.Refused);
        Assert.Equal(DaemonJsonProblemKind.Ignored, whole.Kind);
    }

    [Fact]
    public void Members_a_struct_lacks_are_ignored_by_Go_and_matched_case_insensitively()
    {
        Assert.Empty(Read("{\"default-ulimits\": {\"nofile\": {\"NAME\": \"nofile\", \"Hard\": 1, \"soft\": 1}}}").Problems);
        var typo = Only("{\"default-address-pools\": [{\"bsae\": \"172.30.0.0/16\", \"size\": 24}]}");
        Assert.False(typo.Refused);
        Assert.Equal("base", typo.Suggestion);
        Assert.Equal("default-address-pools[0].bsae", typo.Path);
    }

    [Fact]
    public void A_repeated_name_is_reported_at_the_earlier_one_at_any_depth()
    {
        var problems = Read("{\n  \"icc\": true,\n  \"log-opts\": {\"max-size\": \"1m\", \"max-size\": \"10m\"},\n  \"icc\": false\n}").Problems;
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(DaemonJsonProblemKind.Repeated, p.Kind));
        Assert.Equal(new[] { 1, 2 }, problems.Select(p => p.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("log-opts.max-size", problems[1].Message);
    }

    [Theory]
    [InlineData("{\"log-level\": \"Debug\"}", true)]
    [InlineData("{\"log-level\": \"verbose\"}", false)]
    [InlineData("{\"log-format\": \"json\"}", true)]
    [InlineData("{\"log-format\": \"logfmt\"}", false)]
    [InlineData("{\"hosts\": [\"unix:///var/run/docker.sock\", \"fd://\", \"tcp://0.0.0.0:2376\", \"0.0.0.0:2375\"]}", true)]
    [InlineData("{\"hosts\": [\"ssh://host\"]}", false)]
    [InlineData("{\"labels\": [\"env=prod\", \"env=prod\"]}", true)]
    [InlineData("{\"labels\": [\"env\"]}", false)]
    [InlineData("{\"labels\": [\"env=prod\", \"env=dev\"]}", false)]
    [InlineData("{\"exec-opts\": [\"native.cgroupdriver=cgroupfs\"]}", true)]
    [InlineData("{\"exec-opts\": [\"isolation=hyperv\"]}", false)]
    [InlineData("{\"mtu\": -1}", false)]
    [InlineData("{\"network-diagnostic-port\": 70000}", false)]
    [InlineData("{\"firewall-backend\": \"nftables\"}", true)]
    [InlineData("{\"firewall-backend\": \"ufw\"}", false)]
    [InlineData("{\"default-ipc-mode\": \"host\"}", false)]
    [InlineData("{\"default-cgroupns-mode\": \"private\"}", true)]
    [InlineData("{\"userland-proxy-path\": \"docker-proxy\"}", false)]
    public void Values_dockerd_validates_after_decoding(string text, bool accepted)
    {
        var refused = Read(text).Problems.Where(p => p.Refused).ToList();
        if (accepted) Assert.Empty(refused);
        else Assert.Equal(DaemonJsonProblemKind.InvalidValue, Assert.Single(refused).Kind);
    }

    [Fact]
    public void The_table_names_each_setting_once_with_a_type_and_the_documented_linux_keys_are_settings()
    {
        Assert.Equal(DaemonJsonKeys.All.Count, DaemonJsonKeys.All.Select(k => k.Name).Distinct().Count());
        Assert.All(DaemonJsonKeys.All.Where(k => k.Status == DaemonJsonKeyStatus.Read), k => Assert.NotNull(k.Type));
        // The keys of the daemon.json reference example (docker/cli docs/reference/dockerd.md, Linux), less the two
        // spellings of the plugin namespace (see the test above).
        foreach (var key in new[]
                 {
                     "allow-direct-routing", "authorization-plugins", "bip", "bip6", "bridge", "bridge-accept-fwmark", "builder", "cgroup-parent",
                     "containerd", "containerd-namespace", "data-root", "debug", "default-address-pools", "default-cgroupns-mode",
                     "default-gateway", "default-gateway-v6", "default-network-opts", "default-runtime", "default-shm-size", "default-ulimits",
                     "dns", "dns-opts", "dns-search", "exec-opts", "exec-root", "experimental", "features", "firewall-backend", "fixed-cidr",
                     "fixed-cidr-v6", "group", "host-gateway-ip", "hosts", "proxies", "icc", "init", "init-path", "insecure-registries", "ip",
                     "ip-forward", "ip-masq", "iptables", "ip6tables", "ipv6", "labels", "live-restore", "log-driver", "log-format", "log-level",
                     "log-opts", "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts", "mtu", "no-new-privileges",
                     "node-generic-resources", "pidfile", "raw-logs", "registry-mirrors", "runtimes", "seccomp-profile", "selinux-enabled",
                     "shutdown-timeout", "storage-driver", "storage-opts", "swarm-default-advertise-addr", "tls", "tlscacert", "tlscert",
                     "tlskey", "tlsverify", "userland-proxy", "userland-proxy-path", "userns-remap",
                 })
            Assert.Equal(DaemonJsonKeyStatus.Read, DaemonJsonKeys.Find(key)?.Status);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void The_default_bind_address_is_ip_when_it_is_an_address_else_every_interface(string? ip, bool allInterfaces)
    {
        var config = Read(ip is null ? "{}" : $"{{\"ip\": \"{ip}\"}}");
        Assert.Equal(allInterfaces, DaemonJsonConfig.IsAllInterfaces(config.DefaultBindAddress?.Text));
        Assert.Equal(ip is { Length: > 0 } ? ip : null, config.DefaultBindAddress?.Text);
        Assert.Equal(config.DefaultBindAddress?.Text, new DaemonJsonDefaults(new[] { config }).DefaultBindAddress?.Text);
    }
}
