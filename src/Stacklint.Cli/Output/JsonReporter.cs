using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>A plain JSON document for scripts: one object per finding, plus the summary counts.</summary>
public sealed class JsonReporter : IReporter
{
    public void Write(ScanResult result, TextWriter writer)
    {
        var fingerprints = Fingerprint.Compute(result);
        var document = new
        {
            tool = new { name = "stacklint", version = SarifReporter.ToolVersion },
            findings = result.Diagnostics.Select(d =>
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
                errors = result.Diagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error),
                warnings = result.Diagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning),
                notes = result.Diagnostics.Count(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Info),
                filesChecked = result.Files.Count,
            },
        };
        writer.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
