using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.Sarif;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using RoslynLocation = Microsoft.CodeAnalysis.Location;

namespace Stacklint.Cli.Output;

/// <summary>SARIF 2.1.0 through Sarif.Sdk, shaped for GitHub code scanning and IDE viewers: every rule with its
/// descriptions, help, tags and security-severity; results with relative URIs under %SRCROOT%, regions with
/// snippets, related locations and stable partial fingerprints.</summary>
public sealed class SarifReporter : IReporter
{
    public const string InformationUri = "https://github.com/stacklint/stacklint";
    private readonly string _sourceRoot;

    /// <param name="sourceRoot">The directory relative paths are relative to (the scan's base directory).</param>
    public SarifReporter(string sourceRoot) => _sourceRoot = Path.GetFullPath(sourceRoot);

    public static string ToolVersion =>
        typeof(SarifReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public void Write(Report report, TextWriter writer)
    {
        var log = Build(report);
        // Sarif.Sdk saves to a stream; go through memory so any TextWriter (console, file) can take it.
        using var memory = new MemoryStream();
        log.Save(memory);
        // Sarif.Sdk writes a byte-order mark, which JSON parsers reading standard output choke on.
        writer.Write(Encoding.UTF8.GetString(memory.ToArray()).TrimStart('\uFEFF'));
        writer.WriteLine();
    }

    public SarifLog Build(Report report)
    {
        var result = report.Result;
        var rules = RuleCatalog.Default.All;
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var fingerprints = report.Fingerprints;
        var run = new Run
        {
            Tool = new Tool
            {
                Driver = new ToolComponent
                {
                    Name = "stacklint",
                    FullName = "stacklint " + ToolVersion,
                    Version = ToolVersion,
                    SemanticVersion = ToolVersion,
                    InformationUri = new Uri(InformationUri),
                    Rules = rules.Select(Descriptor).ToList(),
                },
            },
            OriginalUriBaseIds = new Dictionary<string, ArtifactLocation>
            {
                ["%SRCROOT%"] = new() { Uri = new Uri(new Uri("file://"), _sourceRoot.TrimEnd('/') + "/") },
            },
            ColumnKind = ColumnKind.Utf16CodeUnits,
            Results = result.Diagnostics.Select(d => ToResult(d, index[d.Id], report, fingerprints[d])).Concat(Absent(report, index)).ToList(),
        };
        return new SarifLog { Version = SarifVersion.Current, SchemaUri = new Uri("https://json.schemastore.org/sarif-2.1.0.json"), Runs = new[] { run } };
    }

    private static ReportingDescriptor Descriptor(RuleMetadata rule)
    {
        var descriptor = new ReportingDescriptor
        {
            Id = rule.Id,
            Name = PascalCase(rule.Title),
            ShortDescription = new MultiformatMessageString { Text = EndSentence(rule.Title) },
            FullDescription = new MultiformatMessageString { Text = EndSentence(rule.Description) },
            Help = new MultiformatMessageString { Text = rule.PlainHelp, Markdown = rule.Body },
            HelpUri = new Uri(rule.HelpUri),
            DefaultConfiguration = new ReportingConfiguration { Level = Level(rule.Severity), Enabled = rule.EnabledByDefault },
        };
        descriptor.SetProperty("tags", rule.Tags.ToList());
        // GitHub reads security-severity as a string holding a number from 0.0 to 10.0.
        descriptor.SetProperty("security-severity", rule.SecuritySeverity.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        descriptor.SetProperty("precision", "very-high");
        return descriptor;
    }

    /// <summary>Results of the baseline that this scan no longer finds, kept with <c>baselineState: absent</c>.</summary>
    private static IEnumerable<Result> Absent(Report report, IReadOnlyDictionary<string, int> index) =>
        (report.Baseline?.Absent ?? Array.Empty<Result>()).Select(old =>
        {
            var copy = old.DeepClone();
            copy.BaselineState = BaselineState.Absent;
            copy.RuleIndex = copy.RuleId is not null && index.TryGetValue(copy.RuleId, out var i) ? i : -1;
            copy.Suppressions = null;
            return copy;
        });

    private Result ToResult(RoslynDiagnostic diagnostic, int ruleIndex, Report report, string fingerprint)
    {
        var scan = report.Result;
        var result = ToResult(diagnostic, ruleIndex, scan, fingerprint);
        if (scan.Suppressions.TryGetValue(diagnostic, out var suppression))
            result.Suppressions = new[]
            {
                new Microsoft.CodeAnalysis.Sarif.Suppression
                {
                    Kind = suppression.Kind == Stacklint.Engine.SuppressionKind.InSource ? Microsoft.CodeAnalysis.Sarif.SuppressionKind.InSource : Microsoft.CodeAnalysis.Sarif.SuppressionKind.External,
                    Status = SuppressionStatus.Accepted,
                    Justification = suppression.Justification.Length > 0 ? suppression.Justification : null,
                    Location = ToLocation(suppression.Location, scan),
                },
            };
        if (report.Baseline is not null)
            result.BaselineState = report.Baseline.States[diagnostic] == BaselineStatus.New ? BaselineState.New : BaselineState.Unchanged;
        return result;
    }

    private Result ToResult(RoslynDiagnostic diagnostic, int ruleIndex, ScanResult scan, string fingerprint) => new()
    {
        RuleId = diagnostic.Id,
        RuleIndex = ruleIndex,
        Level = Level(diagnostic.Severity.ToRuleSeverity()),
        Message = new Message { Text = EndSentence(diagnostic.GetMessage()) },
        Locations = new[] { ToLocation(diagnostic.Location, scan) },
        RelatedLocations = diagnostic.AdditionalLocations.Count == 0 ? null
            : diagnostic.AdditionalLocations.Select((l, i) =>
            {
                var location = ToLocation(l, scan);
                location.Id = i + 1;
                location.Message = new Message { Text = "related: " + l.GetLineSpan().Path + ":" + (l.GetLineSpan().StartLinePosition.Line + 1) };
                return location;
            }).ToList(),
        PartialFingerprints = new Dictionary<string, string> { [Fingerprint.Key] = fingerprint },
        Fixes = Stacklint.Engine.Fix.Of(diagnostic, scan.FindFile) is { } fix ? new[] { ToFix(fix) } : null,
    };

    /// <summary>A fix as SARIF viewers apply it: per file, replacements of line/column regions.</summary>
    private static Microsoft.CodeAnalysis.Sarif.Fix ToFix(Stacklint.Engine.Fix fix) => new()
    {
        Description = new Message { Text = EndSentence(fix.Description) },
        ArtifactChanges = fix.Edits.GroupBy(e => e.File).Select(file => new ArtifactChange
        {
            ArtifactLocation = new ArtifactLocation { Uri = RelativeUri(file.Key.RelativePath), UriBaseId = "%SRCROOT%" },
            Replacements = file.Select(edit =>
            {
                var span = file.Key.Text.Lines.GetLinePositionSpan(edit.Span);
                return new Replacement
                {
                    DeletedRegion = new Region
                    {
                        StartLine = span.Start.Line + 1,
                        StartColumn = span.Start.Character + 1,
                        EndLine = span.End.Line + 1,
                        EndColumn = span.End.Character + 1,
                    },
                    InsertedContent = edit.NewText.Length > 0 ? new ArtifactContent { Text = edit.NewText } : null,
                };
            }).ToList(),
        }).ToList(),
    };

    private static Location ToLocation(RoslynLocation location, ScanResult scan)
    {
        var span = location.GetLineSpan();
        var file = scan.FindFile(span.Path);
        var region = new Region
        {
            StartLine = span.StartLinePosition.Line + 1,
            StartColumn = span.StartLinePosition.Character + 1,
            EndLine = span.EndLinePosition.Line + 1,
            EndColumn = Math.Max(span.EndLinePosition.Character + 1, span.StartLinePosition.Line == span.EndLinePosition.Line ? span.StartLinePosition.Character + 2 : 1),
        };
        if (file is not null && file.Text.Length > 0)
        {
            // An empty span (a setting the file lacks) is shown as the one character the region covers.
            var source = location.SourceSpan;
            var line = file.Text.Lines.GetLineFromPosition(source.Start);
            var covered = source.Length > 0 ? source : new TextSpan(source.Start, Math.Min(1, line.End - source.Start));
            // Secrets in the snippet are starred out: SARIF viewers show it beside the message.
            if (covered.Length > 0) region.Snippet = new ArtifactContent { Text = scan.Secrets.Redact(file, covered) };
        }
        return new Location
        {
            PhysicalLocation = new PhysicalLocation
            {
                ArtifactLocation = new ArtifactLocation { Uri = RelativeUri(span.Path), UriBaseId = "%SRCROOT%" },
                Region = region,
            },
        };
    }

    private static Uri RelativeUri(string path) =>
        new(string.Join("/", path.Split('/').Select(Uri.EscapeDataString)), UriKind.Relative);

    private static FailureLevel Level(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => FailureLevel.Error,
        RuleSeverity.Warning => FailureLevel.Warning,
        _ => FailureLevel.Note,
    };

    private static string EndSentence(string text) => text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";

    private static string PascalCase(string title) => string.Concat(title
        .Split(new[] { ' ', '-', '/', '(', ')', ',', '.', '`', '\'', ':' }, StringSplitOptions.RemoveEmptyEntries)
        .Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
}
