using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using Stacklint.Stack;

namespace Stacklint.Analyzers;

/// <summary>Runs stacklint's rules over the configuration files a project lists as <c>&lt;AdditionalFiles&gt;</c>.
/// The files are scanned together once per compilation — a drop-in is judged through the main file that includes
/// it, as the CLI does — and each file's findings are reported when the compiler (or the IDE) analyses that file.
/// Severities follow <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> in a .globalconfig (and <c>NoWarn</c>/<c>WarningsAsErrors</c>), as
/// for any analyzer, and <c>stacklint_diagnostic.&lt;ID&gt;.severity</c> in .editorconfig sections; inline <c>stacklint-disable</c> comments and a .stacklint.yml among the files are honoured.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
public sealed class StacklintAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Descriptors =
        RuleCatalog.Default.All.ToImmutableDictionary(r => r.Id, r => r.Descriptor);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.Values.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var files = start.Options.AdditionalFiles;
            if (files.IsEmpty) return;
            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.projectdir", out var projectDirectory);
            var findings = new Lazy<ILookup<string, Diagnostic>>(() => Scan(files, projectDirectory, start.CancellationToken),
                LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterAdditionalFileAction(file =>
            {
                // The compiler applies .editorconfig's dotnet_diagnostic.<ID>.severity to source files only and hides it from
                // analyzers (dotnet/roslyn#31916; a .globalconfig does apply). For per-path severities in .editorconfig the
                // analyzer reads stacklint_diagnostic.<ID>.severity in the section that matches the file.
                var options = file.Options.AnalyzerConfigOptionsProvider.GetOptions(file.AdditionalFile);
                foreach (var diagnostic in findings.Value[Path.GetFullPath(file.AdditionalFile.Path)])
                    if (WithConfiguredSeverity(diagnostic, options) is { } configured)
                        file.ReportDiagnostic(configured);
            });
        });
    }

    /// <summary>The finding at the severity <c>stacklint_diagnostic.&lt;ID&gt;.severity</c> gives it for its file; null when
    /// that is none (or silent, which a build does not show either).</summary>
    private static Diagnostic? WithConfiguredSeverity(Diagnostic diagnostic, AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue($"stacklint_diagnostic.{diagnostic.Id}.severity", out var value)) return diagnostic;
        DiagnosticSeverity severity;
        switch (value.Trim().ToLowerInvariant())
        {
            case "error": severity = DiagnosticSeverity.Error; break;
            case "warning": severity = DiagnosticSeverity.Warning; break;
            case "suggestion": severity = DiagnosticSeverity.Info; break;
            case "silent": case "none": return null;
            default: return diagnostic;
        }
        return Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location, severity, diagnostic.AdditionalLocations,
            diagnostic.Properties, diagnostic.GetMessage());
    }

    private static ILookup<string, Diagnostic> Scan(ImmutableArray<AdditionalText> files, string? projectDirectory, CancellationToken cancellation)
    {
        var texts = new List<(string FullPath, SourceText Text)>();
        foreach (var file in files)
        {
            var path = Path.GetFullPath(file.Path);
            // Only what stacklint reads: a project's other additional files (resx, json settings) are not its business.
            var text = file.GetText(cancellation);
            if (text is null) continue;
            // By content where the name is not enough: a conf.d/site.conf is nginx only if it reads as nginx.
            if (FileClassifier.Classify(path, () => text.ToString()) == FileKind.Unknown && Path.GetFileName(path) != ".stacklint.yml") continue;
            texts.Add((path, text));
        }
        if (texts.Count == 0) return Enumerable.Empty<Diagnostic>().ToLookup(d => "");

        var root = Root(projectDirectory, texts.Select(t => t.FullPath));
        var options = new ScanOptions { BaseDirectory = root };
        // Rules that are off by default stay off through their descriptors, unless the build's configuration turns them on.
        foreach (var rule in RuleCatalog.Default.All.Where(r => !r.EnabledByDefault)) options.RuleEnabled[rule.Id] = true;
        var result = Scanner.ScanTexts(root, texts, options);
        return result.Active
            .Select(d => ToAnalyzerDiagnostic(d, root))
            .ToLookup(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal);
    }

    /// <summary>The project directory, widened to hold files linked in from outside it.</summary>
    private static string Root(string? projectDirectory, IEnumerable<string> files)
    {
        var directories = files.Select(f => Path.GetDirectoryName(f)!).ToList();
        var root = string.IsNullOrEmpty(projectDirectory) ? directories[0] : Path.GetFullPath(projectDirectory);
        foreach (var directory in directories)
            while (!IsSameOrUnder(directory, root) && Path.GetDirectoryName(root) is { } parent) root = parent;
        return root;
    }

    private static bool IsSameOrUnder(string path, string directory)
    {
        var trimmed = directory.TrimEnd(Path.DirectorySeparatorChar);
        return path == trimmed || path.StartsWith(trimmed + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The engine reports root-relative paths; the compiler needs the files' own paths.</summary>
    private static Diagnostic ToAnalyzerDiagnostic(Diagnostic finding, string root)
    {
        Location Rooted(Location location)
        {
            var span = location.GetLineSpan();
            return Location.Create(Path.GetFullPath(Path.Combine(root, span.Path)), location.SourceSpan, span.Span);
        }
        return Diagnostic.Create(Descriptors[finding.Id], Rooted(finding.Location), finding.Severity,
            finding.AdditionalLocations.Select(Rooted), finding.Properties, finding.GetMessage());
    }
}
