using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Stacklint.Tests.Support;

/// <summary>Runs an outside program (dotnet, git, pre-commit, an installed tool) and captures what it printed.
/// A program that is not installed is an error with a hint, never a skipped test.</summary>
public static class ExternalTool
{
    public sealed record Outcome(string Command, int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;

        public override string ToString() =>
            $"$ {Command}{Environment.NewLine}exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Stdout}--- stderr ---{Environment.NewLine}{Stderr}";
    }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The full path of <paramref name="name"/> on PATH; throws when it is not there.</summary>
    public static string Require(string name, string hint)
    {
        if (Path.IsPathRooted(name))
            return File.Exists(name) ? name : throw new InvalidOperationException($"{name} not found. {hint}");
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"'{name}' is not installed (not on PATH). {hint}");
    }

    public static Outcome Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var args = arguments.ToList();
        var command = string.Join(" ", new[] { fileName }.Concat(args.Select(a => a.Contains(' ') ? "'" + a + "'" : a)));
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);

        // The test host may run under MSBuild's environment (dotnet test); a nested dotnet pack must not inherit it.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
            foreach (var (key, value) in environment)
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {fileName} ({e.Message}); run tests/run.sh, which installs what the tests use.", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            throw new TimeoutException($"{command} did not finish within {limit}:{Environment.NewLine}{stdout}{stderr}");
        }
        process.WaitForExit(); // drain the asynchronous readers
        lock (stdout) lock (stderr)
            return new Outcome(command, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and throws (with everything printed) unless the exit code is 0.</summary>
    public static Outcome RunOk(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var outcome = Run(fileName, arguments, workingDirectory, environment, timeout);
        if (outcome.ExitCode != 0)
            throw new InvalidOperationException("Command failed:" + Environment.NewLine + outcome);
        return outcome;
    }
}
