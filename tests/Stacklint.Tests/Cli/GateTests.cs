using System.IO;
using System.Linq;
using System.Text.Json;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.CommandLine;

/// <summary>stacklint as a CI gate: annotations, Markdown summaries, several reports in one run, baselines,
/// inline and configured suppressions, and .stacklint.yml.</summary>
public class GateTests
{
    private const string Insecure = "PasswordAuthentication yes\nPermitRootLogin no\nKbdInteractiveAuthentication no\n";

    private static TempDir Tree(string sshdConfig, string? stacklintYml = null)
    {
        var temp = new TempDir();
        temp.Write("etc/ssh/sshd_config", sshdConfig);
        if (stacklintYml is not null) temp.Write(".stacklint.yml", stacklintYml);
        return temp;
    }

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void Github_format_prints_escaped_workflow_commands()
    {
        using var temp = Tree(Insecure);
        var run = StacklintProcess.Run(temp.Root, "scan", "--format", "github");
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stdout.Split('\n'), l => l.Contains("title=SSH001"));
        Assert.StartsWith("::error file=etc/ssh/sshd_config,line=1,col=1,endLine=1,endColumn=27,title=SSH001::password logins are allowed", line);
        Assert.DoesNotContain("::error", run.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("::")));
        Assert.Equal("a%25b%0D%0Ac", Stacklint.Cli.Output.GitHubReporter.Data("a%b\r\nc"));
        Assert.Equal("x%3Ay%2Cz", Stacklint.Cli.Output.GitHubReporter.Property("x:y,z"));
    }

    [Fact]
    public void Text_on_the_console_and_sarif_markdown_json_files_come_from_one_run()
    {
        using var temp = Tree(Insecure);
        var run = StacklintProcess.Run(temp.Root, "scan", "--report", "sarif=out/s.sarif", "--report", "markdown=out/s.md", "--report", "json=out/s.json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error SSH001", run.Stdout);
        Assert.Equal(0, SarifValidator.Validate(Path.Combine(temp.Root, "out/s.sarif")).Errors + SarifValidator.Validate(Path.Combine(temp.Root, "out/s.sarif")).Warnings);
        var markdown = File.ReadAllText(Path.Combine(temp.Root, "out/s.md"));
        Assert.Contains("| `etc/ssh/sshd_config` | [SSH001](", markdown);
        var summary = Json(Path.Combine(temp.Root, "out/s.json")).GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("errors").GetInt32());
        Assert.Equal(summary.GetProperty("errors").GetInt32() + summary.GetProperty("warnings").GetInt32() + summary.GetProperty("notes").GetInt32(),
            summary.GetProperty("total").GetInt32());
        Assert.Equal(2, StacklintProcess.Run(temp.Root, "scan", "--report", "yaml=x").ExitCode);
    }

    [Fact]
    public void A_baseline_lets_known_findings_pass_and_fails_on_new_ones()
    {
        using var temp = Tree(Insecure);
        Assert.Equal(1, StacklintProcess.Run(temp.Root, "scan", "--write-baseline", "base.sarif").ExitCode);

        // Unrelated lines move: the old finding is still the same finding.
        temp.Write("etc/ssh/sshd_config", "# moved down\n\n" + Insecure);
        var same = StacklintProcess.Run(temp.Root, "scan", "--baseline", "base.sarif", "--report", "sarif=now.sarif");
        Assert.Equal(0, same.ExitCode);
        Assert.DoesNotContain("SSH001", same.Stdout);
        Assert.Contains("unchanged not shown", same.Stdout);

        // One finding fixed (SSH001), one introduced (SSH002).
        temp.Write("etc/ssh/sshd_config", "# moved down\n\nPasswordAuthentication no\nPermitRootLogin yes\nKbdInteractiveAuthentication no\n");
        var worse = StacklintProcess.Run(temp.Root, "scan", "--baseline", "base.sarif", "--report", "sarif=now.sarif");
        Assert.Equal(1, worse.ExitCode);
        Assert.Contains("error SSH002", worse.Stdout);
        Assert.DoesNotContain("SSH009", worse.Stdout);
        var results = Json(Path.Combine(temp.Root, "now.sarif")).GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SSH002" && r.GetProperty("baselineState").GetString() == "new");
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SSH009" && r.GetProperty("baselineState").GetString() == "unchanged");
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SSH001" && r.GetProperty("baselineState").GetString() == "absent");
        var validation = SarifValidator.Validate(Path.Combine(temp.Root, "now.sarif"));
        Assert.True(validation.Errors + validation.Warnings == 0, validation.ToString());

        File.WriteAllText(Path.Combine(temp.Root, "bad.sarif"), "{ not sarif");
        var bad = StacklintProcess.Run(temp.Root, "scan", "--baseline", "bad.sarif");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not a SARIF log", bad.Stderr);
    }

    [Fact]
    public void Inline_suppressions_silence_with_a_reason_and_report_unknown_or_unused_ones()
    {
        using var temp = Tree(
            "# stacklint-disable-next-line SSH001 -- bastion only reachable over the VPN\n" +
            "PasswordAuthentication yes\n" +
            "# stacklint-disable-next-line SSH01 -- typo\n" +
            "PermitRootLogin no\n" +
            "# stacklint-disable-next-line SSH007 -- nothing to silence here\n" +
            "KbdInteractiveAuthentication no\n");
        var run = StacklintProcess.Run(temp.Root, "scan", "--report", "sarif=s.sarif");
        Assert.DoesNotContain("error SSH001", run.Stdout);
        Assert.Contains("etc/ssh/sshd_config:3:31: warning LNT003", run.Stdout);
        Assert.Contains("etc/ssh/sshd_config:5:31: note LNT004", run.Stdout);
        Assert.Contains("1 suppressed", run.Stdout);
        var suppressed = Json(Path.Combine(temp.Root, "s.sarif")).GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "SSH001").GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppressed.GetProperty("kind").GetString());
        Assert.Equal("bastion only reachable over the VPN", suppressed.GetProperty("justification").GetString());
        var validation = SarifValidator.Validate(Path.Combine(temp.Root, "s.sarif"));
        Assert.True(validation.Errors + validation.Warnings == 0, validation.ToString());
    }

    [Fact]
    public void Configuration_sets_severities_fail_on_and_external_ignores()
    {
        using var temp = Tree(Insecure,
            "fail-on: error\n" +
            "rules:\n  SSH001: warning\n  SSH014: off\n  SSH999: error\n" +
            "ignore:\n  - path: etc/ssh/sshd_config\n    rules: [SSH015]\n    reason: grace time is fine behind the VPN\n" +
            "  - path: docker/daemon.json\n");
        var run = StacklintProcess.Run(temp.Root, "scan", "--report", "sarif=s.sarif");
        Assert.Contains("warning SSH001", run.Stdout);
        Assert.DoesNotContain("SSH014", run.Stdout);
        Assert.DoesNotContain("SSH015", run.Stdout);
        Assert.Contains(".stacklint.yml:5:3: warning LNT003", run.Stdout);
        Assert.Contains(".stacklint.yml:10:5: note LNT004", run.Stdout);
        Assert.Equal(0, run.ExitCode); // fail-on: error, and nothing is an error any more
        Assert.Equal(1, StacklintProcess.Run(temp.Root, "scan", "--fail-on", "warning").ExitCode); // the command line wins
        var external = Json(Path.Combine(temp.Root, "s.sarif")).GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "SSH015").GetProperty("suppressions")[0];
        Assert.Equal("external", external.GetProperty("kind").GetString());
    }

    [Fact]
    public void Configuration_mistakes_are_diagnostics_at_their_place()
    {
        using var broken = Tree(Insecure, "rules: [SSH001\n");
        var run = StacklintProcess.Run(broken.Root, "scan");
        Assert.Contains(".stacklint.yml:", run.Stdout);
        Assert.Contains("error LNT001", run.Stdout);
        Assert.Contains("error SSH001", run.Stdout); // the rest of the scan goes on
        Assert.Equal(2, run.ExitCode); // but an invalid configuration is a usage error
        Assert.Contains("configuration is invalid", run.Stderr);

        using var wrong = Tree(Insecure, "fail-on: sometimes\nkinds:\n  x.conf: apache\nwhatever: 1\n");
        var outcome = StacklintProcess.Run(wrong.Root, "scan");
        Assert.Contains(".stacklint.yml:1:10: error LNT001", outcome.Stdout);
        Assert.Contains(".stacklint.yml:3:11: error LNT001", outcome.Stdout);
        Assert.Contains(".stacklint.yml:4:1: error LNT001", outcome.Stdout);
        Assert.DoesNotContain("Exception", outcome.Stdout + outcome.Stderr);
    }

    [Fact]
    public void Path_mappings_and_kinds_place_files_that_live_elsewhere_in_the_repository()
    {
        using var temp = new TempDir();
        temp.Write("deploy/ssh/main.conf", "Include /etc/ssh/conf.d/*.conf\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n");
        temp.Write("deploy/ssh/conf.d/50-cloud-init.conf", "PasswordAuthentication yes\n");
        temp.Write(".stacklint.yml", "kinds:\n  deploy/ssh/main.conf: sshd\n  deploy/ssh/conf.d/*.conf: ignore\npaths:\n  /etc/ssh: deploy/ssh\n");
        var run = StacklintProcess.Run(temp.Root, "scan");
        Assert.Contains("deploy/ssh/conf.d/50-cloud-init.conf:1:1: error SSH001", run.Stdout);
        Assert.DoesNotContain("LNT002", run.Stdout);
    }

    [Fact]
    public void A_staged_drop_in_alone_is_judged_through_the_main_file_that_includes_it()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(Path.Combine(temp.Root, ".git"));
        temp.Write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n");
        temp.Write("etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n");
        var run = StacklintProcess.Run(temp.Root, "scan", "etc/ssh/sshd_config.d/50-cloud-init.conf");
        Assert.Contains("etc/ssh/sshd_config.d/50-cloud-init.conf:1:1: error SSH001", run.Stdout);
        Assert.Contains("which wins over etc/ssh/sshd_config:2", run.Stdout);
        Assert.DoesNotContain(run.Stdout.Split('\n'), l => l.StartsWith("etc/ssh/sshd_config:")); // only the named file's findings
    }
}
