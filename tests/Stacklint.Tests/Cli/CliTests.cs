using System.IO;
using System.Linq;
using System.Text.Json;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.CommandLine;

public class CliTests
{
    private static readonly string Insecure = Repo.Path("samples", "vps-ssh", "insecure");
    private static readonly string Hardened = Repo.Path("samples", "vps-ssh", "hardened");

    [Fact]
    public void Scan_reports_findings_as_path_line_col_with_a_code_frame_and_a_summary_and_exits_1()
    {
        var run = StacklintProcess.Run(Insecure, "scan");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("etc/ssh/sshd_config.d/50-cloud-init.conf:1:1: error SSH001: ", run.Stdout);
        Assert.Contains("  1 | PasswordAuthentication yes", run.Stdout);
        Assert.Contains("    | ^^^^^^^^^^^^^^^^^^^^^^^^^^", run.Stdout);
        Assert.Matches(@"\d+ errors?, \d+ warnings?, \d+ notes? in \d+ files? \(\d+ files? checked\)\.", run.Stdout);
        Assert.DoesNotContain("\u001b[", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Scan_without_a_path_scans_the_working_directory()
    {
        var explicitPath = StacklintProcess.Run(Insecure, "scan", ".");
        var implicitPath = StacklintProcess.Run(Insecure, "scan");
        Assert.Equal(explicitPath.Stdout, implicitPath.Stdout);
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    public void Fail_on_sets_the_threshold(string level, int exit) =>
        Assert.Equal(exit, StacklintProcess.Run(Insecure, "scan", "--fail-on", level).ExitCode);

    [Fact]
    public void The_hardened_sample_passes_the_default_gate()
    {
        var run = StacklintProcess.Run(Hardened, "scan");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 errors, 0 warnings", run.Stdout);
    }

    [Fact]
    public void Usage_errors_exit_2_without_a_stack_trace()
    {
        var unknownOption = StacklintProcess.Run(Insecure, "scan", "--no-such-option");
        Assert.Equal(2, unknownOption.ExitCode);
        Assert.DoesNotContain("   at ", unknownOption.Stderr);
        var badFormat = StacklintProcess.Run(Insecure, "scan", "--format", "xml");
        Assert.Equal(2, badFormat.ExitCode);
        var missing = StacklintProcess.Run(Insecure, "scan", "no/such/dir");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("'no/such/dir' does not exist", missing.Stderr);
        Assert.Equal(2, StacklintProcess.Run(Insecure, "explain", "XYZ999").ExitCode);
        Assert.Equal(2, StacklintProcess.Run(Insecure, "frobnicate").ExitCode);
    }

    [Fact]
    public void Explain_prints_the_rule_page()
    {
        var run = StacklintProcess.Run(Insecure, "explain", "SSH001");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("SSH001: ", run.Stdout);
        Assert.Contains("## How to fix", run.Stdout);
    }

    [Fact]
    public void Rules_lists_every_rule_and_the_readme_table_is_the_generated_one()
    {
        var run = StacklintProcess.Run(Insecure, "rules");
        Assert.Equal(0, run.ExitCode);
        foreach (var rule in Stacklint.Engine.RuleCatalog.Default.All) Assert.Contains(rule.Id, run.Stdout);
        var markdown = StacklintProcess.Run(Insecure, "rules", "--format", "markdown").Stdout;
        Assert.Contains(markdown.Trim(), File.ReadAllText(Repo.Path("README.md")).Replace("\r\n", "\n"));
    }

    [Fact]
    public void Json_output_lists_findings_with_positions_and_fingerprints()
    {
        var run = StacklintProcess.Run(Insecure, "scan", "--format", "json", "--fail-on", "none");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "SSH001"
            && f.GetProperty("path").GetString() == "etc/ssh/sshd_config.d/50-cloud-init.conf"
            && f.GetProperty("startLine").GetInt32() == 1);
        Assert.All(findings, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("fingerprint").GetString())));
    }

    [Fact]
    public void Output_file_gets_the_report_and_the_console_a_summary()
    {
        using var temp = new TempDir();
        var target = Path.Combine(temp.Root, "out.json");
        var run = StacklintProcess.Run(Insecure, "scan", "--format", "json", "--output", target);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("Report written to", run.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(target));
        Assert.True(json.RootElement.GetProperty("findings").GetArrayLength() > 0);
    }
}
