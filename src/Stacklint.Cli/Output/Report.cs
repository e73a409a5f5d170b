using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>A scan as the reporters see it: the findings, their fingerprints, and how each compares with a
/// baseline when one was given.</summary>
public sealed class Report
{
    public Report(ScanResult result, BaselineComparison? baseline = null)
    {
        Result = result;
        Baseline = baseline;
        Fingerprints = Fingerprint.Compute(result);
        Counted = result.Active.Where(d => baseline is null || baseline.States[d] == BaselineStatus.New).ToList();
    }

    public ScanResult Result { get; }
    public BaselineComparison? Baseline { get; }
    public IReadOnlyDictionary<Diagnostic, string> Fingerprints { get; }

    /// <summary>The findings that count for the summary and for <c>--fail-on</c>: not suppressed, and new when
    /// compared with a baseline.</summary>
    public IReadOnlyList<Diagnostic> Counted { get; }

    public int Count(RuleSeverity severity) => Counted.Count(d => d.Severity.ToRuleSeverity() == severity);

    /// <summary>"N errors, N warnings, N notes in N files (N files checked)." plus what was left out and why.</summary>
    public string Summary()
    {
        var counted = Counted;
        var files = counted.Select(d => d.Location.GetLineSpan().Path).Distinct().Count();
        var text = $"{Plural(Count(RuleSeverity.Error), "error")}, {Plural(Count(RuleSeverity.Warning), "warning")}, {Plural(Count(RuleSeverity.Note), "note")} in {Plural(files, "file")} ({Plural(Result.Files.Count, "file")} checked).";
        if (Result.Suppressions.Count > 0) text += $" {Result.Suppressions.Count} suppressed.";
        if (Baseline is not null)
            text += $" Baseline: {Baseline.States.Values.Count(s => s == BaselineStatus.Unchanged)} unchanged not shown, {Baseline.Absent.Count} fixed.";
        return text;
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";
}
