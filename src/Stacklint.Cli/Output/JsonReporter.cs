using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>A plain JSON document for scripts: one object per finding, plus the summary counts.</summary>
public sealed class JsonReporter : IReporter
{
    public void Write(Report report, TextWriter writer)
    {
        var result = report.Result;
        var fingerprints = report.Fingerprints;
        var document = new
        {
            tool = new { name = "stacklint", version = SarifReporter.ToolVersion },
            findings = report.Counted.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return new
                {
                    ruleId = d.Id,
                    severity = d.Severity.ToRuleSeverity().ToText(),
                    message = d.GetMessage(),
                    path = span.Path,
                    startLine = span.StartLinePosition.Line + 1,
                    startColumn = span.StartLinePosition.Character + 1,
                    endLine = span.EndLinePosition.Line + 1,
                    endColumn = span.EndLinePosition.Character + 1,
                    related = d.AdditionalLocations.Select(l => new
                    {
                        path = l.GetLineSpan().Path,
                        line = l.GetLineSpan().StartLinePosition.Line + 1,
                        column = l.GetLineSpan().StartLinePosition.Character + 1,
                    }),
                    fingerprint = fingerprints[d],
                };
            }),
            summary = new
            {
                errors = report.Count(RuleSeverity.Error),
                warnings = report.Count(RuleSeverity.Warning),
                notes = report.Count(RuleSeverity.Note),
                total = report.Counted.Count,
                files = report.Counted.Select(d => d.Location.GetLineSpan().Path).Distinct().Count(),
                filesChecked = result.Files.Count,
                suppressed = result.Suppressions.Count,
                baselineUnchanged = report.Baseline?.States.Values.Count(s => s == BaselineStatus.Unchanged) ?? 0,
                baselineAbsent = report.Baseline?.Absent.Count ?? 0,
            },
        };
        writer.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
