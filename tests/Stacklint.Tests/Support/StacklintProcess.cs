using System;
using System.Diagnostics;
using System.IO;

namespace Stacklint.Tests.Support;

/// <summary>Runs the built <c>stacklint</c> as a separate process, as users do, so exit codes, streams and the working
/// directory are real.</summary>
public static class StacklintProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "stacklint.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr);
    }
}
