using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Stacklint.Tests.Distribution;

/// <summary>One build directory for the whole class, so that the action's script builds stacklint once and the
/// later runs are incremental builds.</summary>
public sealed class GitHubActionBuild : IDisposable
{
    private readonly TempDir _runnerTemp = new();

    /// <summary>What the tests pass as RUNNER_TEMP; the script keeps its build in RUNNER_TEMP/stacklint-build.</summary>
    public string RunnerTemp => _runnerTemp.Root;

    public void Dispose() => _runnerTemp.Dispose();
}

/// <summary>
/// The GitHub Action (<c>action.yml</c> + <c>src/action/github-action.sh</c>): the script is run as GitHub runs the
/// composite step — bash, the working directory and <c>GITHUB_WORKSPACE</c> a copy of a sample, the step's output and
/// summary files, the action's checkout in <c>GITHUB_ACTION_PATH</c> and the inputs as <c>INPUT_*</c> variables.
/// </summary>
public class GitHubActionTests : IClassFixture<GitHubActionBuild>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private const string CloudInitSsh001 = "::error file=etc/ssh/sshd_config.d/50-cloud-init.conf,line=1,";

    private readonly GitHubActionBuild _build;

    public GitHubActionTests(GitHubActionBuild build) => _build = build;

    private sealed record ActionRun(int ExitCode, string Stdout, string Stderr, Dictionary<string, string> Outputs, string Summary, string Workspace);

    /// <summary>Counts by severity in a sample's expected-findings.txt ("path:line:col severity ID" lines).</summary>
    private static (int Errors, int Warnings, int Notes) ExpectedCounts(string variant)
    {
        var severities = File.ReadAllLines(Repo.Path("samples", "vps-ssh", variant, "expected-findings.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToList();
        Assert.All(severities, s => Assert.Contains(s, new[] { "error", "warning", "note" }));
        return (severities.Count(s => s == "error"), severities.Count(s => s == "warning"), severities.Count(s => s == "note"));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private ActionRun Run(TempDir temp, string? sample, IDictionary<string, string> inputs, string? actionPath = null)
    {
        var workspace = Path.Combine(temp.Root, "workspace");
        Directory.CreateDirectory(workspace);
        if (sample is not null) CopyTree(Repo.Path("samples", "vps-ssh", sample), workspace);
        var output = temp.Write("runner/github_output", "");
        var summary = temp.Write("runner/step_summary", "");

        // Only what GitHub would set: no INPUT_* or GITHUB_* leaking in from the machine running the tests.
        var environment = new Dictionary<string, string?>();
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(k => k.StartsWith("INPUT_", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)))
            environment[key] = null;
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_WORKSPACE"] = workspace;
        environment["GITHUB_OUTPUT"] = output;
        environment["GITHUB_STEP_SUMMARY"] = summary;
        environment["GITHUB_ACTION_PATH"] = actionPath ?? Repo.Root;
        environment["RUNNER_TEMP"] = _build.RunnerTemp;
        // The defaults action.yml gives; a test overrides some.
        var all = new Dictionary<string, string>
        {
            ["INPUT_PATH"] = ".",
            ["INPUT_CONFIG"] = "",
            ["INPUT_FAIL_ON"] = "",
            ["INPUT_BASELINE"] = "",
            ["INPUT_SARIF_FILE"] = "stacklint.sarif",
            ["INPUT_ANNOTATIONS"] = "true",
        };
        foreach (var (key, value) in inputs) all[key] = value;
        foreach (var (key, value) in all) environment[key] = value;

        var process = ExternalTool.Run("bash", new[] { Repo.Path("src", "action", "github-action.sh") }, workspace, environment, Timeout);

        var outputs = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(output).Where(l => l.Length > 0))
        {
            var equals = line.IndexOf('=');
            Assert.True(equals > 0, "GITHUB_OUTPUT line is not name=value: " + line);
            Assert.False(outputs.ContainsKey(line[..equals]), "output written twice: " + line);
            outputs[line[..equals]] = line[(equals + 1)..];
        }
        return new ActionRun(process.ExitCode, process.Stdout, process.Stderr, outputs, File.ReadAllText(summary), workspace);
    }

    private static string Describe(ActionRun run) =>
        $"exit {run.ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{run.Stdout}--- stderr ---{Environment.NewLine}{run.Stderr}";

    private static void AssertCountOutputs(ActionRun run, (int Errors, int Warnings, int Notes) expected)
    {
        Assert.True(run.Outputs.ContainsKey("total"), "no counts in GITHUB_OUTPUT: " + Describe(run));
        Assert.Equal(expected.Errors.ToString(), run.Outputs["errors"]);
        Assert.Equal(expected.Warnings.ToString(), run.Outputs["warnings"]);
        Assert.Equal(expected.Notes.ToString(), run.Outputs["notes"]);
        Assert.Equal((expected.Errors + expected.Warnings + expected.Notes).ToString(), run.Outputs["total"]);
    }

    private static void AssertSarifValid(ActionRun run, string sarifFile)
    {
        Assert.Equal(sarifFile, run.Outputs["sarif-file"]);
        var path = Path.Combine(run.Workspace, sarifFile);
        Assert.True(File.Exists(path), "SARIF file not written: " + path + Environment.NewLine + Describe(run));
        var validation = SarifValidator.Validate(path);
        Assert.True(validation.Errors == 0 && validation.Warnings == 0, validation.ToString());
    }

    private static List<string> Annotations(string stdout, string command) =>
        stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("::" + command + " file=", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Insecure_sample_fails_the_default_gate_with_annotations_summary_outputs_and_valid_sarif()
    {
        using var temp = new TempDir();
        var run = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_SARIF_FILE"] = "reports/stacklint.sarif" });

        Assert.True(run.ExitCode == 1, Describe(run));
        var expected = ExpectedCounts("insecure");
        Assert.True(expected.Errors > 0 && expected.Warnings > 0 && expected.Notes > 0);
        AssertCountOutputs(run, expected);
        Assert.Equal(new[] { "errors", "notes", "sarif-file", "total", "warnings" }, run.Outputs.Keys.OrderBy(k => k, StringComparer.Ordinal));

        // One workflow-command annotation per finding, at the line that causes it.
        var errors = Annotations(run.Stdout, "error");
        Assert.Contains(errors, l => l.StartsWith(CloudInitSsh001, StringComparison.Ordinal) && l.Contains("title=SSH001::", StringComparison.Ordinal));
        Assert.Equal(expected.Errors, errors.Count);
        Assert.Equal(expected.Warnings, Annotations(run.Stdout, "warning").Count);
        Assert.Equal(expected.Notes, Annotations(run.Stdout, "notice").Count);

        // The job summary is Markdown with a table that names the rules.
        Assert.Matches(@"(?m)^\|.*SSH001.*\|\s*$", run.Summary);
        Assert.Matches(@"(?m)^\|\s*:?-{3,}", run.Summary);

        AssertSarifValid(run, "reports/stacklint.sarif");
    }

    [Fact]
    public void Hardened_sample_passes_with_zero_counts_and_valid_sarif()
    {
        using var temp = new TempDir();
        var run = Run(temp, "hardened", new Dictionary<string, string>());

        Assert.True(run.ExitCode == 0, Describe(run));
        AssertCountOutputs(run, ExpectedCounts("hardened"));
        Assert.Empty(Annotations(run.Stdout, "error"));
        Assert.Empty(Annotations(run.Stdout, "warning"));
        AssertSarifValid(run, "stacklint.sarif");
    }

    [Fact]
    public void Fail_on_none_passes_the_insecure_sample_but_still_reports_it()
    {
        using var temp = new TempDir();
        var run = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_FAIL_ON"] = "none" });

        Assert.True(run.ExitCode == 0, Describe(run));
        AssertCountOutputs(run, ExpectedCounts("insecure"));
        Assert.Contains(Annotations(run.Stdout, "error"), l => l.StartsWith(CloudInitSsh001, StringComparison.Ordinal));
        Assert.Contains("SSH001", run.Summary);
        Assert.True(File.Exists(Path.Combine(run.Workspace, "stacklint.sarif")));
    }

    [Fact]
    public void Without_annotations_the_text_report_is_printed_and_fail_on_error_still_fails()
    {
        using var temp = new TempDir();
        var run = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_ANNOTATIONS"] = "false", ["INPUT_FAIL_ON"] = "error" });

        Assert.True(run.ExitCode == 1, Describe(run));
        Assert.DoesNotContain(" file=", run.Stdout);
        Assert.Contains("etc/ssh/sshd_config.d/50-cloud-init.conf:1:1: error SSH001: ", run.Stdout);
        AssertCountOutputs(run, ExpectedCounts("insecure"));
    }

    [Fact]
    public void A_baseline_from_an_earlier_run_leaves_no_new_findings()
    {
        using var temp = new TempDir();
        var first = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_FAIL_ON"] = "none" });
        Assert.True(first.ExitCode == 0, Describe(first));
        File.Move(Path.Combine(first.Workspace, "stacklint.sarif"), Path.Combine(first.Workspace, "baseline.sarif"));

        var second = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_BASELINE"] = "baseline.sarif" });
        Assert.True(second.ExitCode == 0, Describe(second));
        AssertCountOutputs(second, (0, 0, 0));
        Assert.Empty(Annotations(second.Stdout, "error"));
        AssertSarifValid(second, "stacklint.sarif");
    }

    [Fact]
    public void A_config_file_is_passed_to_stacklint()
    {
        using var temp = new TempDir();
        temp.Write("workspace/ci/stacklint.yml", "rules: { SSH001: off, SSH002: off, SSH008: off }\n");
        var run = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_CONFIG"] = "ci/stacklint.yml", ["INPUT_FAIL_ON"] = "error" });

        Assert.True(run.ExitCode == 0, Describe(run));
        var expected = ExpectedCounts("insecure");
        AssertCountOutputs(run, (0, expected.Warnings, expected.Notes));
        Assert.DoesNotContain("SSH001", run.Summary);
    }

    [Theory]
    [InlineData("INPUT_FAIL_ON", "fatal")]
    [InlineData("INPUT_ANNOTATIONS", "maybe")]
    public void Bad_inputs_exit_2_with_an_error_command(string input, string value)
    {
        using var temp = new TempDir();
        var run = Run(temp, "insecure", new Dictionary<string, string> { [input] = value });

        Assert.True(run.ExitCode == 2, Describe(run));
        Assert.Matches(@"(?m)^::error[^:]*::.*" + Regex.Escape(value), run.Stdout);
        Assert.Empty(run.Outputs);
    }

    [Fact]
    public void A_missing_path_is_a_stacklint_usage_error_and_exits_2()
    {
        using var temp = new TempDir();
        var run = Run(temp, "insecure", new Dictionary<string, string> { ["INPUT_PATH"] = "no/such/dir" });

        Assert.True(run.ExitCode == 2, Describe(run));
        Assert.Matches(@"(?m)^::error[^:]*::", run.Stdout);
        Assert.Contains("no/such/dir", run.Stderr);
    }

    [Fact]
    public void An_action_path_without_the_sources_exits_2_with_an_error_command()
    {
        using var temp = new TempDir();
        var empty = Path.Combine(temp.Root, "not-stacklint");
        Directory.CreateDirectory(empty);
        var run = Run(temp, "insecure", new Dictionary<string, string>(), actionPath: empty);

        Assert.True(run.ExitCode == 2, Describe(run));
        Assert.Matches(@"(?m)^::error[^:]*::.*src/Stacklint\.Cli", run.Stdout);
    }

    // --- action.yml ---------------------------------------------------------------------------------------------

    private static YamlMappingNode LoadAction()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repo.Path("action.yml"))) yaml.Load(reader);
        return Assert.IsType<YamlMappingNode>(yaml.Documents.Single().RootNode);
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Get(map, key) as YamlScalarNode)?.Value;

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => new[] { s.Value ?? "" },
        YamlMappingNode m => m.Children.SelectMany(kv => Scalars(kv.Key).Concat(Scalars(kv.Value))),
        YamlSequenceNode q => q.Children.SelectMany(Scalars),
        _ => Array.Empty<string>(),
    };

    [Fact]
    public void Action_yml_is_a_well_formed_composite_action()
    {
        var action = LoadAction();
        foreach (var key in new[] { "name", "description" })
            Assert.False(string.IsNullOrWhiteSpace(Scalar(action, key)), $"action.yml needs a non-empty '{key}'");
        var runs = Assert.IsType<YamlMappingNode>(Get(action, "runs"));
        Assert.Equal("composite", Scalar(runs, "using"));

        var branding = Assert.IsType<YamlMappingNode>(Get(action, "branding"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(branding, "icon")));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(branding, "color")));

        var steps = Assert.IsType<YamlSequenceNode>(Get(runs, "steps")).Children.Select(s => Assert.IsType<YamlMappingNode>(s)).ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            Assert.True(Get(step, "run") is null ^ Get(step, "uses") is null, "a step needs exactly one of run and uses");
            if (Get(step, "run") is not null)
                Assert.False(string.IsNullOrWhiteSpace(Scalar(step, "shell")), $"step '{Scalar(step, "name")}' has run but no shell");
        }
        var stepIds = steps.Select(s => Scalar(s, "id")).Where(id => id is not null).ToList();
        Assert.Equal(stepIds.Distinct().Count(), stepIds.Count);

        // Every input is used: a composite action gets no INPUT_* variables, only ${{ inputs.<name> }}.
        var runsText = string.Join("\n", Scalars(runs));
        var inputs = Assert.IsType<YamlMappingNode>(Get(action, "inputs"));
        Assert.Equal(
            new[] { "annotations", "baseline", "config", "dotnet-version", "fail-on", "path", "sarif-file" },
            inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (key, value) in inputs.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            Assert.False(string.IsNullOrWhiteSpace(Scalar((YamlMappingNode)value, "description")), $"input '{name}' needs a description");
            Assert.Matches(@"\$\{\{\s*inputs\." + Regex.Escape(name) + @"(?![\w-])[^}]*\}\}", runsText);
        }

        // Every output comes from a step that exists (steps.<id>.outputs.<name>).
        var outputs = Assert.IsType<YamlMappingNode>(Get(action, "outputs"));
        Assert.Equal(new[] { "errors", "notes", "sarif-file", "total", "warnings" },
            outputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).OrderBy(k => k, StringComparer.Ordinal));
        var script = File.ReadAllText(Repo.Path("src", "action", "github-action.sh"));
        foreach (var (key, value) in outputs.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var output = Assert.IsType<YamlMappingNode>(value);
            Assert.False(string.IsNullOrWhiteSpace(Scalar(output, "description")), $"output '{name}' needs a description");
            var reference = Regex.Match(Scalar(output, "value") ?? "", @"^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$");
            Assert.True(reference.Success, $"output '{name}' needs a value of the form ${{{{ steps.<id>.outputs.<name> }}}}");
            Assert.Contains(reference.Groups[1].Value, stepIds);
            Assert.Contains($"echo \"{reference.Groups[2].Value}=", script);
        }
    }

    [Fact]
    public void Action_yml_passes_every_input_the_script_reads()
    {
        var runs = (YamlMappingNode)Get(LoadAction(), "runs")!;
        var steps = ((YamlSequenceNode)Get(runs, "steps")!).Children.Cast<YamlMappingNode>().ToList();
        var scan = Assert.Single(steps, s => (Scalar(s, "run") ?? "").Contains("src/action/github-action.sh", StringComparison.Ordinal));
        Assert.Equal("bash", Scalar(scan, "shell"));
        var env = Assert.IsType<YamlMappingNode>(Get(scan, "env"));
        var passed = env.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();

        var script = File.ReadAllText(Repo.Path("src", "action", "github-action.sh"));
        var read = Regex.Matches(script, @"\$\{?(INPUT_[A-Z_]+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(new[] { "INPUT_ANNOTATIONS", "INPUT_BASELINE", "INPUT_CONFIG", "INPUT_FAIL_ON", "INPUT_PATH", "INPUT_SARIF_FILE" },
            read.OrderBy(v => v, StringComparer.Ordinal));
        foreach (var variable in read.Append("GITHUB_ACTION_PATH"))
            Assert.Contains(variable, passed);
        foreach (var (key, value) in env.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (!name.StartsWith("INPUT_", StringComparison.Ordinal)) continue;
            var input = name["INPUT_".Length..].ToLowerInvariant().Replace('_', '-');
            Assert.Equal("${{ inputs." + input + " }}", ((YamlScalarNode)value).Value);
        }

        // .NET is installed only when the guard step found no SDK of the wanted major version.
        var setup = Assert.Single(steps, s => (Scalar(s, "uses") ?? "").StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        var guard = Regex.Match(Scalar(setup, "if") ?? "", @"steps\.([\w-]+)\.outputs\.");
        Assert.True(guard.Success, "the setup-dotnet step needs an if: on the guard step's output");
        var guardStep = Assert.Single(steps, s => Scalar(s, "id") == guard.Groups[1].Value);
        Assert.Contains("dotnet --list-sdks", Scalar(guardStep, "run"));
        Assert.True(steps.IndexOf(guardStep) < steps.IndexOf(setup) && steps.IndexOf(setup) < steps.IndexOf(scan));
    }
}
