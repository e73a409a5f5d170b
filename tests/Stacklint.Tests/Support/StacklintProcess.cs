using System;
using System.IO;
using System.Linq;

namespace Stacklint.Tests.Support;

/// <summary>Runs the built <c>stacklint</c> as a separate process, as users do, so exit codes, streams and the working
/// directory are real.</summary>
public static class StacklintProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "stacklint.dll");
        var run = ExternalTool.Run("dotnet", new[] { dll }.Concat(args), workingDirectory);
        return new Outcome(run.ExitCode, run.Stdout, run.Stderr);
    }
}
