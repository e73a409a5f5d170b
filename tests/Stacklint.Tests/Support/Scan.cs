using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;

namespace Stacklint.Tests.Support;

/// <summary>Runs the real pipeline on a directory or file.</summary>
public static class Scan
{
    public static ScanResult Run(string path, string? baseDirectory = null, bool allRules = true)
    {
        var options = new ScanOptions { BaseDirectory = baseDirectory ?? path };
        if (allRules)
            foreach (var rule in RuleCatalog.Default.All) options.RuleEnabled[rule.Id] = true;
        return Scanner.Scan(new[] { path }, options);
    }

    /// <summary>"path:line ID" for each finding (1-based line), handy in assertions.</summary>
    public static IEnumerable<string> Brief(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.Id}");
}
