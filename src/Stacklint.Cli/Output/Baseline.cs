using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Sarif;

namespace Stacklint.Cli.Output;

public enum BaselineStatus { New, Unchanged }

/// <summary>How a scan compares with an earlier SARIF log: each finding new or unchanged, and the earlier results
/// that are gone (SARIF <c>baselineState</c> new/unchanged/absent).</summary>
public sealed record BaselineComparison(IReadOnlyDictionary<Diagnostic, BaselineStatus> States, IReadOnlyList<Result> Absent);

/// <summary>A SARIF log written by <c>stacklint --write-baseline</c> (or any stacklint SARIF), matched on rule id and
/// the <c>stacklint/v1</c> partial fingerprint, which survives unrelated lines moving.</summary>
public sealed class Baseline
{
    private readonly List<Result> _results;

    private Baseline(List<Result> results) => _results = results;

    /// <summary>Reads the log; throws <see cref="InvalidDataException"/> with a plain message when it is not one.</summary>
    public static Baseline Load(string path)
    {
        SarifLog? log;
        try
        {
            using var stream = File.OpenRead(path);
            log = SarifLog.Load(stream, deferred: false);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"baseline '{path}' is not a SARIF log ({e.GetType().Name}: {FirstLine(e.Message)})");
        }
        var results = log?.Runs?.SelectMany(r => r.Results ?? new List<Result>()).ToList()
                      ?? throw new InvalidDataException($"baseline '{path}' has no runs");
        // Results that were already absent in the old log are history, not part of it.
        return new Baseline(results.Where(r => r.BaselineState != BaselineState.Absent).ToList());
    }

    public BaselineComparison Compare(Report report)
    {
        var remaining = _results.Select(r => (Result: r, Key: Key(r.RuleId, r.PartialFingerprints))).ToList();
        var states = new Dictionary<Diagnostic, BaselineStatus>();
        foreach (var diagnostic in report.Result.Diagnostics)
        {
            var key = (diagnostic.Id, report.Fingerprints[diagnostic]);
            var index = remaining.FindIndex(r => r.Key == key);
            states[diagnostic] = index >= 0 ? BaselineStatus.Unchanged : BaselineStatus.New;
            if (index >= 0) remaining.RemoveAt(index);
        }
        return new BaselineComparison(states, remaining.Select(r => r.Result).ToList());
    }

    private static (string?, string?) Key(string? ruleId, IDictionary<string, string>? fingerprints) =>
        (ruleId, fingerprints is not null && fingerprints.TryGetValue(Fingerprint.Key, out var value) ? value : null);

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
