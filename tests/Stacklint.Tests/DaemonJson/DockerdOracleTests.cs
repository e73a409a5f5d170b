using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DaemonJson;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.DaemonJson;

/// <summary>
/// The reader and key table against dockerd's own configuration loader: Debian's docker.io 20.10.24, unpacked by
/// tests/run.sh into tests/tools/dockerd (never installed). Run without root, dockerd reads the file and then stops:
/// with the file's error, or with "dockerd needs to be started with root privileges" when the file passed — an exact
/// oracle for "does dockerd refuse this daemon.json". Debian has no dockerd with <c>--validate</c> (23.0+).
/// <para>
/// The key table models the Engine 29 line (see <see cref="DaemonJsonKeys"/>), so only cases whose handling is the
/// same in 20.10 and 29 are compared here: the name check against flag names (findConfigurationConflicts, unchanged
/// since 2016), the flattening of objects, Go's type errors, net.IP and MemBytes parsing, label validation. Left out
/// because the releases differ: names added or removed since 20.10 (<c>proxies</c>, <c>bip6</c>, <c>graph</c>,
/// <c>cluster-store</c>…); an empty file, a byte order mark and text after the object (20.10 decoded with
/// json.Decoder: "EOF", refused, ignored; 29 uses json.Unmarshal after trimming: accepted, skipped, refused); values
/// 29 validates at load and 20.10 only later (<c>mtu</c> below 0, <c>hosts</c> schemes, address-pool prefixes,
/// <c>userland-proxy-path</c>).
/// </para>
/// </summary>
public class DockerdOracleTests
{
    private static readonly Lazy<string> Dockerd = new(() => ExternalTool.Require(Repo.Path("tests", "tools", "dockerd", "usr", "sbin", "dockerd"),
        "Run tests/run.sh: it unpacks Debian's docker.io (apt-get download docker.io; dpkg-deb -x) into tests/tools/dockerd."));

    private static readonly Regex Directives = new("don't match any configuration option: (?<names>.*)$", RegexOptions.Multiline);

    /// <summary>dockerd's verdict: null when it accepted the file, else its error.</summary>
    private static string? DockerdSays(string json)
    {
        using var tree = new TempDir();
        var file = tree.Write("daemon.json", json);
        var arguments = new List<string> { Dockerd.Value, "--config-file", file };
        var program = Dockerd.Value;
        // As root dockerd would really start: drop to nobody, as an unprivileged user it stops after reading the file.
        if (Environment.UserName == "root")
        {
            program = ExternalTool.Require("setpriv", "Install util-linux (tests/run.sh does).");
            arguments.InsertRange(0, new[] { "--reuid=65534", "--regid=65534", "--clear-groups" });
        }
        else arguments.RemoveAt(0);
        var run = ExternalTool.Run(program, arguments, tree.Root, new Dictionary<string, string?> { ["HOME"] = tree.Root }, TimeSpan.FromSeconds(60));
        if (run.Output.Contains("needs to be started with root")) return null;
        // Refused: dockerd exits with the file's error (a loader failure would be something else entirely).
        Assert.True(run.ExitCode != 0 && run.Stderr.Trim().Length > 0 && !run.Output.Contains("error while loading shared libraries"), run.ToString());
        return run.Output.Trim();
    }

    private static DaemonJsonConfig Read(string json) =>
        DaemonJsonConfig.Read(new SourceFile("daemon.json", "/tmp/daemon.json", SourceText.From(json)));

    [Theory]
    // Names: dockerd's check knows flags' names, not configuration fields'.
    [InlineData("{\"icc\": false, \"log-driver\": \"json-file\", \"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}}")]
    [InlineData("{\"containerd-plugin-namespace\": \"docker-plugins\"}")]
    [InlineData("{\"containerd-plugins-namespace\": \"docker-plugins\"}")]
    [InlineData("{\"swarm-raft-heartbeat-tick\": 1}")]
    [InlineData("{\"default-init\": \"/usr/libexec/docker/docker-init\"}")]
    [InlineData("{\"resolv-conf\": \"/etc/resolv.conf\"}")]
    [InlineData("{\"insecure-registry\": [\"registry.internal:5000\"], \"label\": [\"a=b\"]}")]
    [InlineData("{\"Debug\": true}")]
    [InlineData("{\"no-new-priviledges\": true}")]
    // Objects under a name that is not flat: their members are checked instead.
    [InlineData("{\"log-opt\": {\"max-size\": \"10m\"}}")]
    [InlineData("{\"log_opts\": {\"max-size\": \"10m\"}}")]
    [InlineData("{\"tls\": {\"enabled\": true}}")]
    [InlineData("{\"settings\": {\"debug\": true}}")]
    // Go's types.
    [InlineData("{\"icc\": \"false\"}")]
    [InlineData("{\"log-opts\": {\"max-file\": 3}}")]
    [InlineData("{\"features\": {\"buildkit\": \"true\"}}")]
    [InlineData("{\"max-concurrent-downloads\": \"3\"}")]
    [InlineData("{\"shutdown-timeout\": 1.5}")]
    [InlineData("{\"shutdown-timeout\": 1e2}")]
    [InlineData("{\"containerd\": 5}")]
    [InlineData("{\"dns\": \"1.1.1.1\"}")]
    [InlineData("{\"runtimes\": {\"runsc\": {\"path\": \"/usr/local/bin/runsc\", \"runtimeArgs\": \"--debug\"}}}")]
    [InlineData("{\"default-ulimits\": {\"nofile\": {\"name\": \"nofile\", \"hard\": 64000, \"soft\": 64000}}}")]
    [InlineData("{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": \"64000\", \"Soft\": 64000}}}")]
    [InlineData("{\"default-address-pools\": [{\"bsae\": \"172.30.0.0/16\", \"size\": 24}]}")]
    [InlineData("{\"tls\": null, \"icc\": null, \"labels\": null}")]
    // Values parsed while decoding, and validated after.
    [InlineData("{\"ip\": \"127.0.0.1\", \"default-gateway\": \"\"}")]
    [InlineData("{\"ip\": \"localhost\"}")]
    [InlineData("{\"ip\": \"010.0.0.1\"}")]
    [InlineData("{\"default-shm-size\": \"64M\"}")]
    [InlineData("{\"default-shm-size\": 67108864}")]
    [InlineData("{\"default-shm-size\": null}")]
    [InlineData("{\"labels\": [\"env\"]}")]
    [InlineData("{\"labels\": [\"env=prod\", \"env=dev\"]}")]
    [InlineData("{\"default-ipc-mode\": \"host\"}")]
    // Syntax, and names written twice.
    [InlineData("{\"icc\": true, \"icc\": false}")]
    [InlineData("{\"icc\": false,}")]
    [InlineData("{\"icc\": false // off\n}")]
    [InlineData("[\"icc\"]")]
    [InlineData("null")]
    public void Stacklint_refuses_exactly_what_dockerd_refuses(string json)
    {
        var dockerd = DockerdSays(json);
        var config = Read(json);
        var refused = config.Errors.Select(e => e.Message).Concat(config.Problems.Where(p => p.Refused).Select(p => p.Message)).ToList();
        Assert.True((dockerd is null) == (refused.Count == 0),
            $"dockerd: {dockerd ?? "accepted"}{Environment.NewLine}stacklint: {(refused.Count == 0 ? "accepted" : string.Join(Environment.NewLine, refused))}");
        // Where dockerd names directives it does not know, stacklint names the same ones.
        if (dockerd is not null && Directives.Match(dockerd) is { Success: true } match)
            Assert.Equal(match.Groups["names"].Value.Split(',').Select(n => n.Trim()).OrderBy(n => n),
                config.Problems.Where(p => p.Kind == DaemonJsonProblemKind.Unknown).Select(p => p.Path.Split('.').Last()).OrderBy(n => n));
    }
}
