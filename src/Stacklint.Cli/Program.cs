using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Stacklint.Cli.Output;
using Stacklint.Engine;

namespace Stacklint.Cli;

/// <summary>The <c>stacklint</c> command: <c>scan</c>, <c>explain ID</c>, <c>rules</c>, <c>init</c>. Exit codes: 0 nothing at or
/// above <c>--fail-on</c>, 1 findings at or above it, 2 usage or internal error.</summary>
public static class Program
{
    public const int ExitClean = 0, ExitFindings = 1, ExitError = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildCommand(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine("stacklint: " + error.Message);
            stderr.WriteLine("Run 'stacklint --help' for usage.");
            return ExitError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            stderr.WriteLine($"stacklint: internal error: {e.GetType().Name}: {e.Message}");
            return ExitError;
        }
    }

    private static readonly string[] Formats = { "text", "sarif", "json", "github", "markdown" };

    private static RootCommand BuildCommand(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.ZeroOrMore, Description = "Files or directories to scan (default: .)" };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, sarif, json, github (workflow annotations) or markdown", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var reports = new Option<string[]>("--report") { Description = "Also write FORMAT to FILE in the same run, e.g. --report sarif=stacklint.sarif (repeatable)" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding is at or above this level: error, warning, note or none (default: the configuration's, else warning)" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var enable = new Option<string[]>("--enable") { Description = "Switch on rules that are off by default (e.g. SSH022)", AllowMultipleArgumentsPerToken = true };
        var disable = new Option<string[]>("--disable") { Description = "Switch rules off", AllowMultipleArgumentsPerToken = true };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: the nearest .stacklint.yml above the scanned path)" };
        var baseline = new Option<string?>("--baseline") { Description = "An earlier SARIF log: findings it already has are 'unchanged' and do not fail the run" };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write this scan's findings as a SARIF baseline to FILE" };

        var scan = new Command("scan", "Scan configuration files and report insecure settings")
        {
            paths, format, output, reports, failOn, enable, disable, config, baseline, writeBaseline,
        };
        scan.SetAction(result => Scan(new ScanRequest(
            result.GetValue(paths) is { Length: > 0 } p ? p : new[] { "." },
            result.GetValue(format)!, result.GetValue(output), result.GetValue(reports) ?? Array.Empty<string>(), result.GetValue(failOn),
            result.GetValue(enable) ?? Array.Empty<string>(), result.GetValue(disable) ?? Array.Empty<string>(),
            result.GetValue(config), result.GetValue(baseline), result.GetValue(writeBaseline)), stdout, stderr));

        var id = new Argument<string>("id") { Description = "A rule id such as SSH001" };
        var explain = new Command("explain", "Show a rule's documentation") { id };
        explain.SetAction(result => Explain(result.GetValue(id)!, stdout, stderr));

        var rulesFormat = new Option<string>("--format", "-f") { Description = "text or markdown (the README's table)", DefaultValueFactory = _ => "text" };
        rulesFormat.AcceptOnlyFromAmong("text", "markdown");
        var rules = new Command("rules", "List every rule with its default severity") { rulesFormat };
        rules.SetAction(result => ListRules(result.GetValue(rulesFormat)!, stdout));

        var directory = new Argument<string>("directory") { Description = "Where to write .stacklint.yml (default: .)", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing .stacklint.yml" };
        var init = new Command("init", "Write a commented starter .stacklint.yml") { directory, force };
        init.SetAction(result => Init(result.GetValue(directory)!, result.GetValue(force), stdout, stderr));

        return new RootCommand("stacklint: a security linter for self-hosted server stacks (sshd, nginx, compose, fail2ban, .env, daemon.json)")
        {
            scan, explain, rules, init,
        };
    }

    private static int Init(string directory, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"stacklint: '{directory}' is not a directory.");
            return ExitError;
        }
        var path = Path.Combine(directory, Configuration.StacklintConfig.FileName);
        if (File.Exists(path) && !force)
        {
            stderr.WriteLine($"stacklint: {path} already exists; use --force to overwrite it.");
            return ExitError;
        }
        File.WriteAllText(path, StarterConfig.For(directory));
        stdout.WriteLine($"Wrote {path}. Edit it, then run 'stacklint scan'.");
        return ExitClean;
    }

    private sealed record ScanRequest(string[] Paths, string Format, string? Output, string[] Reports, string? FailOn,
        string[] Enable, string[] Disable, string? Config, string? Baseline, string? WriteBaseline);

    private static int Scan(ScanRequest request, TextWriter stdout, TextWriter stderr)
    {
        int Usage(string message)
        {
            stderr.WriteLine("stacklint: " + message);
            return ExitError;
        }

        var options = new ScanOptions();
        foreach (var rule in request.Enable.Concat(request.Disable))
            if (!RuleCatalog.Default.TryGet(rule, out _))
                return Usage($"unknown rule id '{rule}' (see 'stacklint rules').");

        var missing = request.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0) return Usage(string.Join(Environment.NewLine + "stacklint: ", missing.Select(p => $"'{p}' does not exist.")));

        var extra = new List<(string Format, string File)>();
        foreach (var spec in request.Reports)
        {
            var equals = spec.IndexOf('=');
            var name = equals > 0 ? spec.Substring(0, equals) : "";
            if (equals <= 0 || equals == spec.Length - 1 || !Formats.Contains(name))
                return Usage($"--report expects FORMAT=FILE with FORMAT one of {string.Join(", ", Formats)}; got '{spec}'.");
            extra.Add((name, spec.Substring(equals + 1)));
        }

        if (request.Config is not null && !File.Exists(request.Config)) return Usage($"configuration '{request.Config}' does not exist.");
        options.ConfigFile = request.Config;
        // The command line wins over the configuration file.
        foreach (var rule in request.Enable) options.RuleEnabled[rule] = true;
        foreach (var rule in request.Disable) options.RuleEnabled[rule] = false;

        Baseline? old = null;
        if (request.Baseline is not null)
        {
            if (!File.Exists(request.Baseline)) return Usage($"baseline '{request.Baseline}' does not exist.");
            try { old = Output.Baseline.Load(request.Baseline); }
            catch (InvalidDataException e) { return Usage(e.Message); }
        }

        var result = Scanner.Scan(request.Paths, options);
        var plain = new Report(result);
        var report = old is null ? plain : new Report(result, old.Compare(plain));

        if (request.Output is null) Reporter(request.Format, request.Output, stdout).Write(report, stdout);
        else WriteFile(request.Output, request.Format, report);
        foreach (var (name, file) in extra) WriteFile(file, name, report);
        if (request.WriteBaseline is not null) WriteFile(request.WriteBaseline, "sarif", plain);
        if (request.Output is not null) stderr.WriteLine(report.Summary() + $" Report written to {request.Output}.");

        foreach (var error in result.InternalErrors) stderr.WriteLine("stacklint: " + error);
        if (result.InternalErrors.Count > 0) return ExitError;
        // A broken configuration is a usage error: the scan still reports, but the run must not pass as if configured.
        if (result.ConfigurationInvalid)
        {
            stderr.WriteLine("stacklint: the configuration is invalid (see the LNT001 findings above).");
            return ExitError;
        }
        var failOn = request.FailOn ?? result.FailOn ?? "warning";
        if (failOn == "none") return ExitClean;
        RuleSeverityExtensions.TryParse(failOn, out var threshold);
        return report.Counted.Any(d => d.Severity.ToRuleSeverity() >= threshold) ? ExitFindings : ExitClean;
    }

    private static IReporter Reporter(string format, string? output, TextWriter console) => format switch
    {
        "sarif" => new SarifReporter(Directory.GetCurrentDirectory()),
        "json" => new JsonReporter(),
        "github" => new GitHubReporter(),
        "markdown" => new MarkdownReporter(),
        _ => new TextReporter(output is null && TextReporter.ShouldColor(console)),
    };

    private static void WriteFile(string path, string format, Report report)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var file = new StreamWriter(path);
        Reporter(format, path, file).Write(report, file);
    }

    private static int Explain(string id, TextWriter stdout, TextWriter stderr)
    {
        if (!RuleCatalog.Default.TryGet(id, out var rule))
        {
            stderr.WriteLine($"stacklint: unknown rule id '{id}' (see 'stacklint rules').");
            return ExitError;
        }
        stdout.WriteLine($"{rule.Id}: {rule.Title}");
        stdout.WriteLine($"severity: {rule.Severity.ToText()}{(rule.EnabledByDefault ? "" : " (off by default; enable with --enable " + rule.Id + ")")}   tags: {string.Join(", ", rule.Tags)}");
        stdout.WriteLine();
        stdout.WriteLine(rule.Description);
        stdout.WriteLine();
        stdout.WriteLine(rule.Body);
        if (rule.References.Count > 0)
        {
            stdout.WriteLine();
            stdout.WriteLine("References:");
            foreach (var reference in rule.References) stdout.WriteLine("  - " + reference);
        }
        return ExitClean;
    }

    private static int ListRules(string format, TextWriter stdout)
    {
        if (format == "markdown")
        {
            stdout.Write(RuleTable.Markdown());
            return ExitClean;
        }
        foreach (var rule in RuleCatalog.Default.All)
            stdout.WriteLine($"{rule.Id}  {rule.Severity.ToText(),-7}  {rule.Title}{(rule.EnabledByDefault ? "" : " (off by default)")}");
        return ExitClean;
    }
}
