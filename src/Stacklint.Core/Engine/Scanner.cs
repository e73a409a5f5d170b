using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Configuration;
using Stacklint.Formats.Nginx;
using Stacklint.Formats.Sshd;
using Stacklint.Rules.Compose;
using Stacklint.Rules.DaemonJson;
using Stacklint.Rules.DotEnv;
using Stacklint.Rules.Fail2ban;
using Stacklint.Rules.Nginx;
using Stacklint.Rules.Sshd;
using Stacklint.Rules.Stack;
using Stacklint.Secrets;
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
    /// <summary>A .stacklint.yml to use instead of the nearest one above each scanned path.</summary>
    public string? ConfigFile { get; set; }
}

/// <summary>The outcome of a scan: findings in a stable order, the files they point into, and any internal errors
/// (a rule that crashed: reported, never hidden, and never the end of the scan).</summary>
public sealed class ScanResult
{
    public ScanResult(IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<SourceFile> files, IReadOnlyList<string> internalErrors,
        IReadOnlyDictionary<Diagnostic, Suppression>? suppressions = null)
    {
        Diagnostics = diagnostics;
        Files = files;
        InternalErrors = internalErrors;
        Suppressions = suppressions ?? new Dictionary<Diagnostic, Suppression>();
    }

    /// <summary>Every finding, suppressed ones included (SARIF keeps them, marked).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    /// <summary>The findings a comment or the configuration silences, and why.</summary>
    public IReadOnlyDictionary<Diagnostic, Suppression> Suppressions { get; }
    /// <summary>The configuration's <c>fail-on</c>, when it sets one.</summary>
    public string? FailOn { get; init; }
    /// <summary>The .stacklint.yml in use has errors (reported as LNT001 at their place): a usage error.</summary>
    public bool ConfigurationInvalid { get; init; }
    /// <summary>The findings that count: not suppressed.</summary>
    public IEnumerable<Diagnostic> Active => Diagnostics.Where(d => !Suppressions.ContainsKey(d));
    public IReadOnlyList<SourceFile> Files { get; }
    public IReadOnlyList<string> InternalErrors { get; }
    /// <summary>Where the files hold secrets: reporters that print file text must go through
    /// <see cref="SecretIndex.Redact"/>.</summary>
    public SecretIndex Secrets { get; init; } = new();

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
        var suppressions = new Dictionary<Diagnostic, Suppression>();
        string? failOn = null;
        var invalidConfig = false;
        var secrets = new SecretIndex();
        foreach (var path in paths)
        {
            var one = ScanOne(path, options);
            secrets.AddRange(one.Secrets);
            diagnostics.AddRange(one.Diagnostics);
            files.AddRange(one.Files);
            errors.AddRange(one.InternalErrors);
            foreach (var pair in one.Suppressions) suppressions[pair.Key] = pair.Value;
            failOn ??= one.FailOn;
            invalidConfig |= one.ConfigurationInvalid;
        }
        return new ScanResult(Order(diagnostics.Distinct()), files.GroupBy(f => f.RelativePath).Select(g => g.First()).ToList(), errors, suppressions)
        {
            FailOn = failOn,
            ConfigurationInvalid = invalidConfig,
            Secrets = secrets,
        };
    }

    private static ScanResult ScanOne(string path, ScanOptions options)
    {
        var full = Path.GetFullPath(path);
        var sink = new FindingSink();
        if (!File.Exists(full) && !Directory.Exists(full)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        var isFile = File.Exists(full);
        var start = isFile ? Path.GetDirectoryName(full)! : full;

        var configPath = options.ConfigFile is { } explicitConfig ? Path.GetFullPath(explicitConfig) : StacklintConfig.Find(start);
        var config = configPath is null ? null : LoadConfig(configPath, options, sink);

        // A file named on the command line (a pre-commit hook passes the staged files) is judged in the context of
        // the repository around it: its includes, its main file, the configuration.
        var root = isFile ? ContextRoot(full, config) : full;
        var store = new FileStore(root, DisplayPrefix(options.BaseDirectory, root), sink);
        var discovered = Discovery.Walk(root);
        string? only = null;
        if (isFile)
        {
            only = RelativeSlashed(root, full);
            // Linted even if its name does not say what it is (or .gitignore hides it), unless it is the configuration.
            if (Path.GetFileName(full) != StacklintConfig.FileName && !discovered.Any(f => f.RelativePath == only))
            {
                var kind = FileClassifier.Classify(only, FileTree.Disk, root);
                discovered = discovered.Append(new DiscoveredFile(only, kind == FileKind.Unknown ? FileKind.Sshd : kind)).ToList();
            }
            // Files are judged together only within a deployment, so the file's own deployment is all the context it
            // needs; the rest of a large repository (other hosts, test fixtures) is not read. Includes still reach any
            // file of the root through the store.
            var deployment = DeploymentRoots.RootOf(DeploymentRoots.Find(discovered), only);
            if (deployment is { Length: > 0 })
                discovered = discovered.Where(f => DeploymentRoots.Contains(deployment, f.RelativePath) || f.RelativePath == only).ToList();
        }
        return Run(root, store, discovered, config, options, sink, only, new DiskFacts(root));
    }

    /// <summary>Scans texts a host hands over (the Roslyn analyzer's AdditionalFiles) without touching the disk: the
    /// texts under <paramref name="root"/> are the whole tree, and a .stacklint.yml at the root among them is honoured.</summary>
    public static ScanResult ScanTexts(string root, IReadOnlyList<(string FullPath, SourceText Text)> texts, ScanOptions options)
    {
        var sink = new FindingSink();
        var tree = new MemoryFileTree(texts);
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var configPath = Path.Combine(root, StacklintConfig.FileName);
        var config = tree.FileExists(configPath)
            ? StacklintConfig.Load(new SourceFile(RelativeSlashed(Path.GetFullPath(options.BaseDirectory), configPath), configPath,
                SourceText.From(tree.Read(configPath, root, out _) ?? "")), sink)
            : null;
        var discovered = tree.Paths.Where(p => IsUnder(p, root))
            .Select(p => RelativeSlashed(root, p))
            .Where(p => p != StacklintConfig.FileName)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new DiscoveredFile(p, FileClassifier.Classify(p, tree, root)))
            .ToList();
        var store = new FileStore(root, DisplayPrefix(options.BaseDirectory, root), sink, tree);
        return Run(root, store, discovered, config, options, sink, only: null, disk: null);
    }

    /// <summary>From discovered files to filtered findings; <paramref name="only"/> limits what is shown to one file
    /// judged in the context of the others.</summary>
    private static ScanResult Run(string root, FileStore store, IReadOnlyList<DiscoveredFile> discovered, StacklintConfig? config,
        ScanOptions options, FindingSink sink, string? only, DiskFacts? disk)
    {
        var errors = new List<string>();
        var effective = Effective(options, config);
        string ConfigRelative(string rootRelative) => config is null ? rootRelative
            : RelativeSlashed(config.Directory, Path.Combine(root, rootRelative));
        if (config is not null) discovered = config.Select(discovered, ConfigRelative, FileClassifier.Classify);

        var mappings = config?.Paths.ToDictionary(m => m.Key, m => RelativeSlashed(root, Path.Combine(config.Directory, m.Value)));
        var stack = StackLoader.Load(store, discovered, sink, mappings, disk: disk);
        Analyze(stack, sink, errors, NginxTarget(config));
        var findings = Filter(Redact(sink.Diagnostics, stack.Secrets), effective);
        // Suppressions come last: they see the findings as configured, and their own LNT003/LNT004 are filtered too.
        var suppressions = new Dictionary<Diagnostic, Suppression>();
        var suppressionSink = new FindingSink();
        InlineSuppressions.Apply(stack.Files, findings, suppressions, suppressionSink);
        if (config is not null) ApplyIgnores(config, options.BaseDirectory, findings, suppressions, suppressionSink);
        var all = findings.Concat(Filter(suppressionSink.Diagnostics, effective)).ToList();
        var files = stack.Files.ToList();
        if (config is not null) files.Add(config.File);

        if (only is not null)
        {
            var shown = store.Display(only);
            all = all.Where(d => d.Location.GetLineSpan().Path == shown || (config is not null && d.Location.GetLineSpan().Path == config.File.RelativePath)).ToList();
        }
        // Judged before filtering: a configuration that switches LNT001 off is still broken.
        var invalidConfig = config is not null && sink.Diagnostics.Any(d =>
            d.Id == LinterDiagnostics.ParseError && d.Location.GetLineSpan().Path == config.File.RelativePath);
        return new ScanResult(all, files, errors, suppressions) { FailOn = config?.FailOn, ConfigurationInvalid = invalidConfig, Secrets = stack.Secrets };
    }

    private static StacklintConfig? LoadConfig(string configPath, ScanOptions options, FindingSink sink)
    {
        string text;
        try { text = File.ReadAllText(configPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read configuration {configPath}: {e.Message}", e);
        }
        var display = RelativeSlashed(Path.GetFullPath(options.BaseDirectory), configPath);
        return StacklintConfig.Load(new SourceFile(display, configPath, SourceText.From(text)), sink);
    }

    /// <summary>The options with the configuration file's rule settings under them: the command line wins.</summary>
    private static ScanOptions Effective(ScanOptions options, StacklintConfig? config)
    {
        if (config is null) return options;
        var effective = new ScanOptions { BaseDirectory = options.BaseDirectory, ConfigFile = options.ConfigFile };
        foreach (var (id, (enabled, severity)) in config.Rules.Select(p => (p.Key, p.Value)))
        {
            if (enabled is { } on) effective.RuleEnabled[id] = on;
            if (severity is { } level) effective.SeverityOverrides[id] = level;
        }
        foreach (var pair in options.RuleEnabled) effective.RuleEnabled[pair.Key] = pair.Value;
        foreach (var pair in options.SeverityOverrides) effective.SeverityOverrides[pair.Key] = pair.Value;
        return effective;
    }

    /// <summary>The directory whose tree gives a single file its context: the configuration's, else the git
    /// work tree's, else the file's own.</summary>
    private static string ContextRoot(string file, StacklintConfig? config)
    {
        var directory = Path.GetDirectoryName(file)!;
        if (config is not null && IsUnder(file, config.Directory)) return config.Directory;
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
            if (Directory.Exists(Path.Combine(current.FullName, ".git")) || File.Exists(Path.Combine(current.FullName, ".git")))
                return current.FullName;
        return directory;
    }

    private static bool IsUnder(string path, string directory) =>
        path.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>.stacklint.yml <c>ignore:</c> entries: external suppressions; an entry that covers nothing is LNT004.</summary>
    private static void ApplyIgnores(StacklintConfig config, string baseDirectory, IReadOnlyList<Diagnostic> findings,
        IDictionary<Diagnostic, Suppression> suppressions, FindingSink sink)
    {
        foreach (var entry in config.Ignore)
        {
            var used = false;
            foreach (var diagnostic in findings)
            {
                var path = RelativeSlashed(config.Directory, Path.GetFullPath(Path.Combine(baseDirectory, diagnostic.Location.GetLineSpan().Path)));
                if (!entry.Matches(path) || (entry.Rules.Count > 0 && !entry.Rules.Contains(diagnostic.Id, StringComparer.OrdinalIgnoreCase))) continue;
                used = true;
                if (!suppressions.ContainsKey(diagnostic))
                    suppressions[diagnostic] = new Suppression(SuppressionKind.External, entry.Reason, config.File.Location(entry.Span));
            }
            if (!used)
                sink.Report(LinterDiagnostics.UnusedSuppression, config.File.Location(entry.Span),
                    $"the ignore entry for `{entry.Glob}`{(entry.Rules.Count > 0 ? " (" + string.Join(", ", entry.Rules) + ")" : "")} suppresses nothing. Remove it.");
        }
    }

    private static void Analyze(StackModel stack, FindingSink sink, List<string> errors, NginxVersion? nginxTarget)
    {
        var sshdRules = Rule.OfKind<SshdRule>().ToList();
        foreach (var config in stack.Sshd)
        {
            var deployment = stack.Deployments.FirstOrDefault(d => d.Sshd.Contains(config));
            var scopes = new List<SshdScope> { new(null, SshdEvaluator.Global(config)) };
            foreach (var match in config.AllDirectives().Where(d => d.Is("Match")))
                if (SshdMatch.TryRead(match.Values, out _) is { IsAll: false })
                    scopes.Add(new SshdScope(match, SshdEvaluator.ForMatchBlock(config, match)));
            foreach (var rule in sshdRules)
            {
                try { rule.Analyze(new SshdContext(config, scopes, sink, rule) { Deployment = deployment }); }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {config.Main.File.RelativePath}: {e.GetType().Name}: {e.Message}"); }
            }
        }
        var nginxRules = Rule.OfKind<NginxRule>().ToList();
        // nginx refuses a file it cannot parse, and the tree read past a syntax error is a guess: LNT001 says it all.
        foreach (var config in stack.Nginx.Where(c => !c.Main.Errors.Any() && !c.Includes.SelectMany(i => i.Documents).Any(d => d.Errors.Any())))
        {
            var levels = NginxLevel.Build(config);
            foreach (var rule in nginxRules)
            {
                try { rule.Analyze(new NginxRuleContext(config, levels, nginxTarget, sink, rule)); }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {config.Main.File.RelativePath}: {e.GetType().Name}: {e.Message}"); }
            }
        }
        var composeRules = Rule.OfKind<ComposeRule>().ToList();
        // A file that is not valid YAML is LNT001 and what was read past the error is a guess: its project is skipped. A value
        // Compose refuses (an invalid port) is LNT001 too, and the rules skip that value and judge the rest.
        foreach (var project in stack.Compose.Where(p => !p.Files.Any(f => f.Yaml.Errors.Count > 0)))
            foreach (var rule in composeRules)
            {
                try
                {
                    var cx = new ComposeRuleContext(project, stack.ComposeFacts(project), sink, rule);
                    rule.Analyze(cx);
                    cx.Flush();
                }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {project.Main.File.RelativePath}: {e.GetType().Name}: {e.Message}"); }
            }
        var dotEnvRules = Rule.OfKind<DotEnvRule>().ToList();
        foreach (var file in stack.DotEnv)
            foreach (var rule in dotEnvRules)
            {
                try { rule.Analyze(new DotEnvContext(file, stack, sink, rule)); }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {file.File.RelativePath}: {e.GetType().Name}: {e.Message}"); }
            }
        var daemonJsonRules = Rule.OfKind<DaemonJsonRule>().ToList();
        // As for nginx and compose: dockerd refuses a file that is not JSON, and what was read before the error is a guess;
        // LNT001 says where. Unknown names and wrong types (DKD010) do not stop the other rules: the rest of the file is read.
        foreach (var config in stack.DaemonJson.Where(c => c.Errors.Count == 0))
            foreach (var rule in daemonJsonRules)
            {
                try { rule.Analyze(new DaemonJsonContext(config, stack, sink, rule)); }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {config.File.RelativePath}: {e.GetType().Name}: {e.Message}"); }
            }
        var fail2banRules = Rule.OfKind<Fail2banRule>().ToList();
        // fail2ban refuses to start when any file it reads (jail or daemon, repository or include) does not parse: LNT001
        // says where, and the layered values past the error are a guess.
        foreach (var config in stack.Fail2ban.Where(c => c.Files.All(f => f.Document.Errors.Count == 0)))
            foreach (var rule in fail2banRules)
            {
                try { rule.Analyze(new Fail2banContext(config, stack, sink, rule)); }
                catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed on {config}: {e.GetType().Name}: {e.Message}"); }
            }
        foreach (var rule in Rule.OfKind<StackRule>())
        {
            try { rule.Analyze(new StackContext(stack, sink, rule)); }
            catch (Exception e) { errors.Add($"internal error: rule {rule.Id} failed: {e.GetType().Name}: {e.Message}"); }
        }
    }

    /// <summary>A message that would quote a secret the files hold gets it masked: rules never quote values, but a
    /// message built from a line (an nginx header, a parse error) could.</summary>
    private static IEnumerable<Diagnostic> Redact(IEnumerable<Diagnostic> diagnostics, SecretIndex secrets)
    {
        foreach (var diagnostic in diagnostics)
        {
            var message = diagnostic.GetMessage();
            var redacted = secrets.RedactMessage(message);
            yield return ReferenceEquals(message, redacted) || message == redacted ? diagnostic
                : Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location, diagnostic.Severity, diagnostic.AdditionalLocations, diagnostic.Properties, redacted);
        }
    }

    /// <summary>The nginx version the configuration says it targets, or null.</summary>
    private static NginxVersion? NginxTarget(StacklintConfig? config) =>
        config is not null && config.Targets.TryGetValue("nginx", out var text) && NginxVersion.TryParse(text, out var version)
            ? version : null;

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
        var relative = RelativeSlashed(Path.GetFullPath(baseDirectory), root);
        return relative == "." ? "" : relative;
    }

    /// <summary>A relative path with forward slashes, as paths are shown and globs matched.</summary>
    private static string RelativeSlashed(string from, string to) => PathRelative(from, to).Replace('\\', '/');

    private static string PathRelative(string from, string to)
    {
#if NET
        return Path.GetRelativePath(from, to);
#else
        if (string.Equals(from.TrimEnd(Path.DirectorySeparatorChar), to.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)) return ".";
        var fromUri = new Uri(from.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        var relative = Uri.UnescapeDataString(fromUri.MakeRelativeUri(new Uri(to)).ToString());
        return relative.Length == 0 ? "." : relative.TrimEnd('/');
#endif
    }
}
