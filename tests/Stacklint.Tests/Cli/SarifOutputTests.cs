using System.IO;
using System.Linq;
using System.Text.Json;
using Stacklint.Engine;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.CommandLine;

public class SarifOutputTests
{
    private static JsonDocument WriteSarif(string directory, TempDir temp, params string[] extra)
    {
        var target = Path.Combine(temp.Root, "result.sarif");
        var run = Stacklint.Tests.Support.StacklintProcess.Run(directory, new[] { "scan", "--format", "sarif", "--output", target }.Concat(extra).ToArray());
        Assert.InRange(run.ExitCode, 0, 1);
        var validation = SarifValidator.Validate(target);
        Assert.True(validation.Errors == 0 && validation.Warnings == 0, string.Join("\n", validation.Messages));
        return JsonDocument.Parse(File.ReadAllText(target));
    }

    [Fact]
    public void Sarif_validates_and_describes_every_rule_for_code_scanning()
    {
        using var temp = new TempDir();
        using var sarif = WriteSarif(Repo.Path("samples", "vps-ssh", "insecure"), temp);
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("stacklint", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.Default.All.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("markdown").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString());
            var properties = rule.GetProperty("properties");
            Assert.True(properties.GetProperty("tags").GetArrayLength() > 0);
            Assert.True(double.TryParse(properties.GetProperty("security-severity").GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        }
        Assert.Equal("%SRCROOT%", run.GetProperty("originalUriBaseIds").EnumerateObject().Single().Name);
    }

    [Fact]
    public void Results_point_at_relative_files_with_regions_snippets_and_fingerprints()
    {
        using var temp = new TempDir();
        using var sarif = WriteSarif(Repo.Path("samples", "vps-ssh", "insecure"), temp);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            // SARIF 3.27.10: an absent level means "warning", and Sarif.Sdk leaves the default out.
            var level = result.TryGetProperty("level", out var given) ? given.GetString() : "warning";
            var expected = RuleCatalog.Default[ruleId!].Severity.ToString().ToLowerInvariant();
            Assert.Equal(expected, level);
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var artifact = physical.GetProperty("artifactLocation");
            Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
            Assert.False(Path.IsPathRooted(artifact.GetProperty("uri").GetString()));
            var region = physical.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
            Assert.True(region.GetProperty("endLine").GetInt32() >= region.GetProperty("startLine").GetInt32());
            Assert.True(region.TryGetProperty("snippet", out _));
            Assert.False(string.IsNullOrEmpty(result.GetProperty("partialFingerprints").GetProperty("stacklint/v1").GetString()));
        }
        var cloudInit = results.Single(r => r.GetProperty("ruleId").GetString() == "SSH001"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "etc/ssh/sshd_config.d/50-cloud-init.conf");
        Assert.Equal("PasswordAuthentication yes", cloudInit.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("snippet").GetProperty("text").GetString());
        Assert.True(cloudInit.TryGetProperty("relatedLocations", out var related) && related.GetArrayLength() >= 1);
    }

    [Fact]
    public void Fingerprints_survive_unrelated_lines_moving()
    {
        const string config = "PermitRootLogin yes\nX11Forwarding yes\nPasswordAuthentication yes\n";
        using var before = new TempDir();
        using var after = new TempDir();
        before.Write("sshd_config", config);
        after.Write("sshd_config", "# a comment added on top\n\nPort 2222\n" + config.Replace("X11Forwarding yes\n", "MaxSessions 4\nX11Forwarding yes\n"));
        string[] Prints(TempDir tree)
        {
            var run = Stacklint.Tests.Support.StacklintProcess.Run(tree.Root, "scan", "--format", "json", "--fail-on", "none");
            using var json = JsonDocument.Parse(run.Stdout);
            return json.RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("ruleId").GetString() is "SSH002" or "SSH007" or "SSH001")
                .Select(f => f.GetProperty("ruleId").GetString() + " " + f.GetProperty("fingerprint").GetString())
                .OrderBy(s => s).ToArray();
        }
        var first = Prints(before);
        Assert.Equal(3, first.Length);
        Assert.Equal(first, Prints(after));
    }

    [Fact]
    public void Sarif_written_to_stdout_reads_back_with_the_sdk()
    {
        var run = Stacklint.Tests.Support.StacklintProcess.Run(Repo.Path("samples", "vps-ssh", "hardened"), "scan", "--format", "sarif");
        Assert.Equal(0, run.ExitCode);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(run.Stdout));
        var log = Microsoft.CodeAnalysis.Sarif.SarifLog.Load(stream, true);
        Assert.Single(log.Runs);
        Assert.All(log.Runs[0].Results, r => Assert.NotEqual(Microsoft.CodeAnalysis.Sarif.FailureLevel.Error, r.Level));
    }
}
