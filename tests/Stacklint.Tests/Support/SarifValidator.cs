using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stacklint.Tests.Support;

/// <summary>What Microsoft's SARIF validator said about one log: counts and one line per error or warning.</summary>
/// <param name="Messages">"level ruleId: message text (line N)" for every error and warning, N being the line in the validated file.</param>
public sealed record SarifValidationResult(int Errors, int Warnings, IReadOnlyList<string> Messages)
{
    public override string ToString() =>
        $"{Errors} error(s), {Warnings} warning(s)" + (Messages.Count == 0 ? "" : ":" + Environment.NewLine + string.Join(Environment.NewLine, Messages));
}

/// <summary>
/// Runs the SARIF multitool (`@microsoft/sarif-multitool`, pinned in tests/tools/package-lock.json and installed by
/// `npm ci --prefix tests/tools`) with its `validate` verb and reads the validator's own SARIF output.
/// </summary>
/// <remarks>
/// How the validator is run, and why (checked against multitool 5.7.0):
/// <list type="bullet">
/// <item>The npm package is only a launcher; the validator is a self-contained native .NET executable in the
/// platform package (@microsoft/sarif-multitool-linux/Sarif.Multitool on Linux x64). It is run directly: the
/// node shim (.bin/sarif-multitool) spawns it with `shell: true` and unquoted arguments, so a ';' in an argument
/// such as `--rule-kind "Sarif;Gh"` would be taken by the shell as a command separator.</item>
/// <item>`--rule-kind "Sarif;Gh"`: the default kind is `Sarif` only (JSON-schema checks JSON1xxx plus SARIF1xxx errors
/// and SARIF2xxx warnings/notes). Adding `Gh` turns on the GitHub code scanning upload rules, reported as errors:
/// GH1013 ($schema must be the final 2.1.0 schema), GH2012 (every rule needs shortDescription, fullDescription and help),
/// GH1015/GH1017 (every result needs a locations array with a physicalLocation). `Ghas` reports the same as `Gh`.
/// `Ado` (GitHub Advanced Security for Azure DevOps: automationDetails, driver.fullName, pipeline properties) and
/// `Ai` (rules for AI-generated findings: CWE rule ids, ai/origin, no partialFingerprints...) do not apply to us.</item>
/// <item>`--level` is left at its default (Error;Warning). The notes it hides are advice only (SARIF2002 use message
/// id/arguments, SARIF2003 versionControlProvenance, SARIF2010 snippet, SARIF2011 contextRegion, SARIF2012 rule name,
/// SARIF2016 relative file URIs). `--kind` only filters result kinds (Fail by default) and changes nothing here.</item>
/// <item>A policy file (--config) disables SARIF2006 (UrisShouldBeReachable, note level): it does DNS look-ups and HTTP GETs
/// of $schema, informationUri and helpUri, which would make the tests depend on the network. The tool then reports a
/// configuration warning WRN999 (rule explicitly disabled) as a notification, not as a result; it is ignored.</item>
/// <item>`--quiet` is not used: this build rejects it together with --config ("Option 'q, quiet' is defined with a bad format").</item>
/// <item>The exit code is 0 even when the log has errors; a failed run (bad arguments, unreadable target) shows as a
/// non-zero exit code or `executionSuccessful: false`, and is thrown as an exception.</item>
/// </list>
/// </remarks>
public static class SarifValidator
{
    public const string MissingToolMessage = "SARIF multitool missing: run tests/run.sh (npm ci --prefix tests/tools)";

    public const string RuleKinds = "Sarif;Gh";

    private const string PolicyXml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
        "<Properties>\n" +
        "  <Properties Key=\"SARIF2006.UrisShouldBeReachable.Options\">\n" +
        "    <Property Key=\"RuleEnabled\" Value=\"Disabled\" Type=\"Driver.RuleEnabledState\" />\n" +
        "  </Properties>\n" +
        "</Properties>\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Regex Placeholder = new(@"\{\{|\}\}|\{(\d+)\}", RegexOptions.CultureInvariant);

    private static readonly object ChmodLock = new();

    /// <summary>Validates <paramref name="sarifPath"/>; throws <see cref="InvalidOperationException"/> when the tool is not installed or fails to run.</summary>
    public static SarifValidationResult Validate(string sarifPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(sarifPath);
        var target = Path.GetFullPath(sarifPath);
        if (!File.Exists(target))
            throw new FileNotFoundException("SARIF file to validate not found: " + target, target);

        var executable = FindExecutable();
        var work = Path.Combine(Path.GetTempPath(), "stacklint-sarif-validate", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var output = Path.Combine(work, "validation.sarif");
            var policy = Path.Combine(work, "policy.xml");
            File.WriteAllText(policy, PolicyXml);

            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work,
            };
            foreach (var argument in new[]
            {
                "validate", target,
                "--output", output,
                "--log", "ForceOverwrite",
                "--rule-kind", RuleKinds,
                "--config", policy,
            })
                start.ArgumentList.Add(argument);
            // The tool is a .NET app; keep its first-run/telemetry chatter out of the output.
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            var (exitCode, console) = Run(start);
            if (exitCode != 0 || !File.Exists(output))
                throw new InvalidOperationException(
                    $"SARIF multitool validate failed (exit code {exitCode}) on {target}:{Environment.NewLine}{console}");

            return Parse(output, target, console);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The native validator inside tests/tools/node_modules, made executable if npm skipped its postinstall chmod.</summary>
    public static string FindExecutable()
    {
        var root = FindRepoRoot();
        var packages = Path.Combine(root, "tests", "tools", "node_modules", "@microsoft");
        string candidate;
        if (OperatingSystem.IsWindows())
            candidate = Path.Combine(packages, "sarif-multitool-win32", "Sarif.Multitool.exe");
        else if (OperatingSystem.IsMacOS())
            candidate = Path.Combine(packages, "sarif-multitool-darwin", "Sarif.Multitool");
        else
            candidate = Path.Combine(packages, "sarif-multitool-linux", "Sarif.Multitool");

        if (!File.Exists(candidate))
            throw new InvalidOperationException($"{MissingToolMessage}. Expected {candidate}.");

        if (!OperatingSystem.IsWindows())
        {
            // The package's postinstall does `chmod u+x Sarif.Multitool`; npm 11 runs it only because package.json
            // lists the package in allowScripts, and `npm ci --ignore-scripts` skips it. Make sure either way.
            lock (ChmodLock)
            {
                var mode = File.GetUnixFileMode(candidate);
                if ((mode & UnixFileMode.UserExecute) == 0)
                    File.SetUnixFileMode(candidate, mode | UnixFileMode.UserExecute);
            }
        }
        return candidate;
    }

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Linter.sln")))
            directory = directory.Parent;
        return directory?.FullName
            ?? throw new InvalidOperationException($"{MissingToolMessage}. (Linter.sln not found above {AppContext.BaseDirectory}.)");
    }

    private static (int ExitCode, string Console) Run(ProcessStartInfo start)
    {
        var console = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (console) console.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (console) console.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{MissingToolMessage}. Could not start {start.FileName}: {ex.Message}", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"SARIF multitool did not finish within {Timeout}:{Environment.NewLine}{console}");
        }
        process.WaitForExit(); // drain the asynchronous output readers
        lock (console)
            return (process.ExitCode, console.ToString());
    }

    private static SarifValidationResult Parse(string outputPath, string target, string console)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(outputPath));
        var errors = 0;
        var warnings = 0;
        var messages = new List<string>();

        foreach (var run in Array(document.RootElement, "runs"))
        {
            var rules = run.TryGetProperty("tool", out var tool) && tool.TryGetProperty("driver", out var driver)
                ? Array(driver, "rules")
                : new List<JsonElement>();

            foreach (var invocation in Array(run, "invocations"))
            {
                if (invocation.TryGetProperty("executionSuccessful", out var ok) && ok.ValueKind == JsonValueKind.False)
                    throw new InvalidOperationException($"SARIF multitool could not validate {target}:{Environment.NewLine}{console}");

                // Error-level notifications (e.g. a validation rule that crashed) mean the check was incomplete.
                foreach (var name in new[] { "toolExecutionNotifications", "toolConfigurationNotifications" })
                {
                    foreach (var notification in Array(invocation, name))
                    {
                        if (String(notification, "level") != "error")
                            continue;
                        errors++;
                        var id = notification.TryGetProperty("descriptor", out var descriptor) ? String(descriptor, "id") : null;
                        messages.Add($"error {id ?? "notification"}: {MessageText(notification, null)}");
                    }
                }
            }

            foreach (var result in Array(run, "results"))
            {
                var ruleId = String(result, "ruleId") ?? "(no rule id)";
                JsonElement? rule = null;
                if (result.TryGetProperty("ruleIndex", out var index) && index.TryGetInt32(out var i) && i >= 0 && i < rules.Count)
                    rule = rules[i];
                else
                    foreach (var candidate in rules)
                        if (String(candidate, "id") == ruleId) { rule = candidate; break; }

                // SARIF §3.27.10: an absent level means the rule's defaultConfiguration.level, else "warning".
                var level = String(result, "level");
                if (level is null && rule is { } r && r.TryGetProperty("defaultConfiguration", out var configuration))
                    level = String(configuration, "level");
                level ??= "warning";
                if (level == "error") errors++;
                else if (level == "warning") warnings++;
                else continue;

                var line = StartLine(result);
                messages.Add($"{level} {ruleId}: {MessageText(result, rule)}" + (line is null ? "" : $" (line {line})"));
            }
        }
        return new SarifValidationResult(errors, warnings, messages);
    }

    /// <summary>message.text, or the rule's messageStrings[message.id] with {N} replaced by message.arguments[N].</summary>
    private static string MessageText(JsonElement owner, JsonElement? rule)
    {
        if (!owner.TryGetProperty("message", out var message))
            return "(no message)";
        var text = String(message, "text");
        if (text is not null)
            return text;
        var id = String(message, "id");
        if (id is not null && rule is { } r && r.TryGetProperty("messageStrings", out var strings)
            && strings.TryGetProperty(id, out var template))
            text = String(template, "text");
        var arguments = Array(message, "arguments").ConvertAll(a => a.ValueKind == JsonValueKind.String ? a.GetString() ?? "" : a.GetRawText());
        if (text is null)
            return $"[{id}] {string.Join(", ", arguments)}";
        // .NET composite format: {N} is an argument, {{ and }} are literal braces.
        return Placeholder.Replace(text, m =>
            m.Value == "{{" ? "{" : m.Value == "}}" ? "}" :
            int.TryParse(m.Groups[1].Value, out var n) && n < arguments.Count ? arguments[n] : m.Value);
    }

    private static int? StartLine(JsonElement result)
    {
        foreach (var location in Array(result, "locations"))
            if (location.TryGetProperty("physicalLocation", out var physical)
                && physical.TryGetProperty("region", out var region)
                && region.TryGetProperty("startLine", out var startLine)
                && startLine.TryGetInt32(out var value))
                return value;
        return null;
    }

    private static List<JsonElement> Array(JsonElement element, string name)
    {
        var items = new List<JsonElement>();
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
            foreach (var item in array.EnumerateArray())
                items.Add(item);
        return items;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
