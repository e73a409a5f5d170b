using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Stacklint.Cli.Output;
using Stacklint.Engine;

namespace Stacklint.Cli;

/// <summary>The <c>stacklint</c> command: <c>scan</c>, <c>explain ID</c>, <c>rules</c>. Exit codes: 0 nothing at or
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

    private static RootCommand BuildCommand(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.ZeroOrMore, Description = "Files or directories to scan (default: .)" };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, sarif or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "sarif", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at or above this level: error, warning, note or none", DefaultValueFactory = _ => "warning" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var enable = new Option<string[]>("--enable") { Description = "Switch on rules that are off by default (e.g. SSH022)", AllowMultipleArgumentsPerToken = true };
        var disable = new Option<string[]>("--disable") { Description = "Switch rules off", AllowMultipleArgumentsPerToken = true };

        var scan = new Command("scan", "Scan configuration files and report insecure settings") { paths, format, output, failOn, enable, disable };
        scan.SetAction(result => Scan(
            result.GetValue(paths) is { Length: > 0 } p ? p : new[] { "." },
            result.GetValue(format)!, result.GetValue(output), result.GetValue(failOn)!,
            result.GetValue(enable) ?? Array.Empty<string>(), result.GetValue(disable) ?? Array.Empty<string>(), stdout, stderr));

        var id = new Argument<string>("id") { Description = "A rule id such as SSH001" };
        var explain = new Command("explain", "Show a rule's documentation") { id };
        explain.SetAction(result => Explain(result.GetValue(id)!, stdout, stderr));

        var rulesFormat = new Option<string>("--format", "-f") { Description = "text or markdown (the README's table)", DefaultValueFactory = _ => "text" };
        rulesFormat.AcceptOnlyFromAmong("text", "markdown");
        var rules = new Command("rules", "List every rule with its default severity") { rulesFormat };
        rules.SetAction(result => ListRules(result.GetValue(rulesFormat)!, stdout));

        return new RootCommand("stacklint: a security linter for self-hosted server stacks (sshd, nginx, compose, fail2ban, .env, daemon.json)")
        {
            scan, explain, rules,
        };
    }

    private static int Scan(string[] paths, string format, string? output, string failOn, string[] enable, string[] disable,
        TextWriter stdout, TextWriter stderr)
    {
        var options = new ScanOptions();
        foreach (var rule in enable.Concat(disable))
            if (!RuleCatalog.Default.TryGet(rule, out _))
            {
                stderr.WriteLine($"stacklint: unknown rule id '{rule}' (see 'stacklint rules').");
                return ExitError;
            }
        foreach (var rule in enable) options.RuleEnabled[rule] = true;
        foreach (var rule in disable) options.RuleEnabled[rule] = false;

        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            foreach (var path in missing) stderr.WriteLine($"stacklint: '{path}' does not exist.");
            return ExitError;
        }

        var result = Scanner.Scan(paths, options);
        IReporter reporter = format switch
        {
            "sarif" => new SarifReporter(options.BaseDirectory),
            "json" => new JsonReporter(),
            _ => new TextReporter(output is null && TextReporter.ShouldColor(stdout)),
        };
        if (output is null) reporter.Write(result, stdout);
        else
        {
            using (var file = new StreamWriter(output)) reporter.Write(result, file);
            stderr.WriteLine(TextReporter.Summary(result) + $" Report written to {output}.");
        }

        foreach (var error in result.InternalErrors) stderr.WriteLine("stacklint: " + error);
        if (result.InternalErrors.Count > 0) return ExitError;
        if (failOn == "none") return ExitClean;
        RuleSeverityExtensions.TryParse(failOn, out var threshold);
        return result.Diagnostics.Any(d => d.Severity.ToRuleSeverity() >= threshold) ? ExitFindings : ExitClean;
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
