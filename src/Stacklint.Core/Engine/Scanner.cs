using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Formats.Sshd;
using Stacklint.Rules.Sshd;
using Stacklint.Stack;
using Stacklint.Text;

namespace Stacklint.Engine;

/// <summary>What to scan and how.</summary>
public sealed class ScanOptions
{
    /// <summary>Paths are shown relative to this directory (SARIF's %SRCROOT%). Defaults to the working directory.</summary>
    public string BaseDirectory { get; set; } = Directory.GetCurrentDirectory();
    /// <summary>Rules switched on or off against their default (SSH022 is off unless asked for).</summary>
    public IDictionary<string, bool> RuleEnabled { get; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Severity per rule, replacing the catalog's default.</summary>
    public IDictionary<string, RuleSeverity> SeverityOverrides { get; } = new Dictionary<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The outcome of a scan: findings in a stable order, the files they point into, and any internal errors
/// (a rule that crashed: reported, never hidden, and never the end of the scan).</summary>
public sealed class ScanResult
{
    public ScanResult(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<SourceFile> files, IReadOnlyList<string> internalErrors)
    {
        Diagnostics = diagnostics;
        Files = files;
        InternalErrors = internalErrors;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public IReadOnlyList<SourceFile> Files { get; }
    public IReadOnlyList<string> InternalErrors { get; }

    public SourceFile? FindFile(string path) => Files.FirstOrDefault(f => f.RelativePath == path);
}

/// <summary>The pipeline: discover → parse → resolve → evaluate → analyze → filter.</summary>
public static class Scanner
{
    public static ScanResult Scan(IEnumerable<string> paths, ScanOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var files = new List<SourceFile>();
        var errors = new List<string>();
        foreach (var path in paths)
        {
            var one = ScanOne(path, options);
            diagnostics.AddRange(one.Diagnostics);
            files.AddRange(one.Files);
            errors.AddRange(one.InternalErrors);
        }
        return new ScanResult(Order(diagnostics.Distinct()), files.GroupBy(f => f.RelativePath).Select(g => g.First()).ToList(), errors);
    }

    private static ScanResult ScanOne(string path, ScanOptions options)
    {
        var full = Path.GetFullPath(path);
        var sink = new FindingSink();
        var errors = new List<string>();
        IReadOnlyList<DiscoveredFile> discovered;
        string root;
        if (File.Exists(full))
        {
            root = Path.GetDirectoryName(full)!;
            var name = Path.GetFileName(full);
            // A file named on the command line is linted even if its name does not say what it is.
            var kind = FileClassifier.Classify(name);
            discovered = new[] { new DiscoveredFile(name, kind == FileKind.Unknown ? FileKind.Sshd : kind) };
        }
        else if (Directory.Exists(full))
        {
            root = full;
            discovered = Discovery.Walk(root);
        }
        else
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        var prefix = DisplayPrefix(options.BaseDirectory, root);
        var store = new FileStore(root, prefix, sink);
        var stack = StackLoader.Load(store, discovered, sink);
        Analyze(stack, sink, errors);
        return new ScanResult(Filter(sink.Diagnostics, options), stack.Files, errors);
    }

    private static void Analyze(StackModel stack, FindingSink sink, List<string> errors)
    {
        var sshdRules = Rule.OfKind<SshdRule>().ToList();
        foreach (var config in stack.Sshd)
        {
            var scopes = new List<SshdScope> { new(null, SshdEvaluator.Global(config)) };
            foreach (var match in config.AllDirectives().Where(d => d.Is("Match")))
                if (SshdMatch.TryRead(match.Values, out _) is { IsAll: false })
                    scopes.Add(new SshdScope(match, SshdEvaluator.ForMatchBlock(config, match)));
            foreach (var rule in sshdRules)
            {
                try { rule.Analyze(new SshdContext(config, scopes, sink, rule)); }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {config.Main.File.RelativePath}: {e.GetType().Name}: {e.Message}"); }
            }
        }
    }

    private static IReadOnlyList<Diagnostic> Filter(IEnumerable<Diagnostic> diagnostics, ScanOptions options)
    {
        var result = new List<Diagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            var metadata = RuleCatalog.Default[diagnostic.Id];
            var enabled = options.RuleEnabled.TryGetValue(diagnostic.Id, out var on) ? on : metadata.EnabledByDefault;
            if (!enabled) continue;
            if (options.SeverityOverrides.TryGetValue(diagnostic.Id, out var severity))
                result.Add(Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location, severity.ToDiagnosticSeverity(),
                    diagnostic.AdditionalLocations, diagnostic.Properties, diagnostic.GetMessage()));
            else result.Add(diagnostic);
        }
        return result;
    }

    private static IReadOnlyList<Diagnostic> Order(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.SourceSpan.Start)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    private static string DisplayPrefix(string baseDirectory, string root)
    {
        var relative = PathRelative(Path.GetFullPath(baseDirectory), root);
        return relative == "." ? "" : relative.Replace('\\', '/');
    }

    private static string PathRelative(string from, string to)
    {
#if NET
        return Path.GetRelativePath(from, to);
#else
        var fromUri = new Uri(from.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        var relative = Uri.UnescapeDataString(fromUri.MakeRelativeUri(new Uri(to)).ToString());
        return relative.Length == 0 ? "." : relative.TrimEnd('/');
#endif
    }
}
