using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.FileSystemGlobbing;
using Stacklint.Engine;
using Stacklint.Stack;
using Stacklint.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stacklint.Configuration;

/// <summary>An <c>ignore</c> entry: findings of these rules (all when none are listed) in files matching the glob
/// are suppressed as <c>external</c>, for files that cannot carry a comment (daemon.json).</summary>
public sealed class IgnoreEntry
{
    public IgnoreEntry(string glob, IReadOnlyList<string> rules, string reason, TextSpan span)
    {
        Glob = glob;
        Rules = rules;
        Reason = reason;
        Span = span;
    }

    public string Glob { get; }
    public IReadOnlyList<string> Rules { get; }
    public string Reason { get; }
    public TextSpan Span { get; }
    public bool Matches(string path) => StacklintConfig.GlobMatches(Glob, path);
}

/// <summary>
/// <c>.stacklint.yml</c>, found from the scanned path upwards:
/// <code>
/// fail-on: warning             # error | warning | note | none
/// rules: { SSH022: warning, SSH014: off }   # a severity, off or on
/// include: ["etc/**"]          # only these files are discovered
/// exclude: ["vendor/**"]
/// kinds: { "deploy/ssh/main.conf": sshd }   # file-kind overrides (sshd, ignore)
/// paths: { /etc/ssh: deploy/ssh }           # where absolute include paths live in the repository
/// targets: { openssh: "9.2", nginx: "1.26" }
/// ignore: [ { path: "legacy/**", rules: [SSH001], reason: "…" } ]
/// </code>
/// Every mistake is a diagnostic at its place in the file (LNT001 for a bad value, LNT003 for an unknown rule id),
/// never an exception.
/// </summary>
public sealed class StacklintConfig
{
    public const string FileName = ".stacklint.yml";

    private static readonly Regex Version = new(@"^\d+(\.\d+){0,2}$", RegexOptions.CultureInvariant);

    private StacklintConfig(SourceFile file) => File = file;

    public SourceFile File { get; }
    /// <summary>The directory the globs and paths are relative to: the one holding the file.</summary>
    public string Directory => Path.GetDirectoryName(File.FullPath)!;
    public string? FailOn { get; private set; }
    public Dictionary<string, (bool? Enabled, RuleSeverity? Severity)> Rules { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> Include { get; } = new();
    public List<string> Exclude { get; } = new();
    public List<(string Glob, FileKind? Kind)> Kinds { get; } = new();
    public Dictionary<string, string> Paths { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Targets { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<IgnoreEntry> Ignore { get; } = new();

    /// <summary>The nearest .stacklint.yml in <paramref name="directory"/> or above it, or null.</summary>
    public static string? Find(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, FileName);
            if (System.IO.File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static StacklintConfig Load(SourceFile file, FindingSink sink)
    {
        var config = new StacklintConfig(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(file.Text.ToString()));
        }
        catch (YamlException e)
        {
            sink.Report(LinterDiagnostics.ParseError, file.Location(config.Span(e.Start, e.End)),
                $"{file.RelativePath} could not be parsed here: {FirstLine(e.Message)}.");
            return config;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return config;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            config.Bad(sink, stream.Documents[0].RootNode, "the configuration must be a mapping of settings");
            return config;
        }
        foreach (var entry in root.Children)
        {
            var key = (entry.Key as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "fail-on": config.ReadFailOn(entry.Value, sink); break;
                case "rules": config.ReadRules(entry.Value, sink); break;
                case "include": config.ReadList(entry.Value, config.Include, sink); break;
                case "exclude": config.ReadList(entry.Value, config.Exclude, sink); break;
                case "kinds": config.ReadKinds(entry.Value, sink); break;
                case "paths": config.ReadPaths(entry.Value, sink); break;
                case "targets": config.ReadTargets(entry.Value, sink); break;
                case "ignore": config.ReadIgnore(entry.Value, sink); break;
                default:
                    config.Bad(sink, entry.Key, $"unknown setting `{key}` (known: fail-on, rules, include, exclude, kinds, paths, targets, ignore)");
                    break;
            }
        }
        return config;
    }

    /// <summary>Whether a root-relative path (forward slashes) matches a glob of this file (<c>**</c>, <c>*</c>, <c>?</c>).</summary>
    public static bool GlobMatches(string glob, string path)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        return matcher.Match(path).HasMatches;
    }

    /// <summary>Applies include/exclude and kind overrides to the discovered files.</summary>
    public IReadOnlyList<DiscoveredFile> Select(IReadOnlyList<DiscoveredFile> files, Func<string, string> toConfigRelative, Func<string, FileKind> classify)
    {
        var selected = new List<DiscoveredFile>();
        foreach (var file in files)
        {
            var path = toConfigRelative(file.RelativePath);
            if (Include.Count > 0 && !Include.Any(g => GlobMatches(g, path))) continue;
            if (Exclude.Any(g => GlobMatches(g, path))) continue;
            var kind = file.Kind;
            foreach (var (glob, overridden) in Kinds)
                if (GlobMatches(glob, path)) kind = overridden ?? FileKind.Unknown;
            if (kind == FileKind.Unknown && file.Kind == FileKind.Unknown) kind = classify(file.RelativePath);
            if (kind != FileKind.Unknown) selected.Add(file with { Kind = kind });
        }
        return selected;
    }

    private void ReadFailOn(YamlNode node, FindingSink sink)
    {
        var value = Scalar(node, sink, "fail-on");
        if (value is null) return;
        if (value is "error" or "warning" or "note" or "none") FailOn = value;
        else Bad(sink, node, $"fail-on must be error, warning, note or none, not `{value}`");
    }

    private void ReadRules(YamlNode node, FindingSink sink)
    {
        if (node is not YamlMappingNode map)
        {
            Bad(sink, node, "rules must map rule ids to a severity, off or on");
            return;
        }
        foreach (var entry in map.Children)
        {
            var id = (entry.Key as YamlScalarNode)?.Value ?? "";
            if (!RuleCatalog.Default.TryGet(id, out _))
            {
                sink.Report(LinterDiagnostics.UnknownRuleId, File.Location(Span(entry.Key)),
                    $"`{id}` is not a stacklint rule id, so this setting does nothing (see `stacklint rules`).");
                continue;
            }
            var value = (Scalar(entry.Value, sink, id) ?? "").ToLowerInvariant();
            if (value is "off" or "false") Rules[id] = (false, null);
            else if (value is "on" or "true") Rules[id] = (true, null);
            else if (RuleSeverityExtensions.TryParse(value, out var severity)) Rules[id] = (true, severity);
            else Bad(sink, entry.Value, $"`{id}: {value}` must be error, warning, note, off or on");
        }
    }

    private void ReadList(YamlNode node, List<string> into, FindingSink sink)
    {
        if (node is YamlScalarNode { Value: { } single }) { into.Add(single); return; }
        if (node is not YamlSequenceNode list)
        {
            Bad(sink, node, "expected a list of globs");
            return;
        }
        foreach (var item in list.Children)
            if (Scalar(item, sink, "glob") is { } glob) into.Add(glob);
    }

    private void ReadKinds(YamlNode node, FindingSink sink)
    {
        if (node is not YamlMappingNode map)
        {
            Bad(sink, node, "kinds must map globs to a file kind");
            return;
        }
        foreach (var entry in map.Children)
        {
            var glob = (entry.Key as YamlScalarNode)?.Value ?? "";
            var value = Scalar(entry.Value, sink, glob);
            if (value is null) continue;
            if (value == "ignore") Kinds.Add((glob, null));
            else if (Enum.TryParse<FileKind>(value, ignoreCase: true, out var kind) && kind != FileKind.Unknown) Kinds.Add((glob, kind));
            else Bad(sink, entry.Value, $"unknown file kind `{value}` (sshd, nginx, compose, fail2ban, dotenv, daemonjson or ignore)");
        }
    }

    private void ReadPaths(YamlNode node, FindingSink sink)
    {
        if (node is not YamlMappingNode map)
        {
            Bad(sink, node, "paths must map absolute directories to repository directories, e.g. `/etc/nginx: deploy/nginx`");
            return;
        }
        foreach (var entry in map.Children)
        {
            var from = (entry.Key as YamlScalarNode)?.Value ?? "";
            var to = Scalar(entry.Value, sink, from);
            if (!from.StartsWith("/", StringComparison.Ordinal)) Bad(sink, entry.Key, $"`{from}` is not an absolute path");
            else if (to is null || to.StartsWith("/", StringComparison.Ordinal) || PathGlob.Normalize(to) is null)
                Bad(sink, entry.Value, $"`{to}` must be a directory inside the repository, relative to {FileName}");
            else Paths[from.TrimEnd('/')] = PathGlob.Normalize(to)!;
        }
    }

    private void ReadTargets(YamlNode node, FindingSink sink)
    {
        if (node is not YamlMappingNode map)
        {
            Bad(sink, node, "targets must map daemons to versions, e.g. `openssh: \"9.2\"`");
            return;
        }
        foreach (var entry in map.Children)
        {
            var daemon = (entry.Key as YamlScalarNode)?.Value ?? "";
            var version = Scalar(entry.Value, sink, daemon);
            if (daemon is not ("openssh" or "nginx")) Bad(sink, entry.Key, $"unknown target `{daemon}` (openssh, nginx)");
            else if (version is null || !Version.IsMatch(version)) Bad(sink, entry.Value, $"`{version}` is not a version such as 9.2 or 1.26.1");
            else Targets[daemon] = version;
        }
    }

    private void ReadIgnore(YamlNode node, FindingSink sink)
    {
        if (node is not YamlSequenceNode list)
        {
            Bad(sink, node, "ignore must be a list of { path, rules, reason } entries");
            return;
        }
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                Bad(sink, item, "an ignore entry needs `path:` (a glob), optional `rules:` and `reason:`");
                continue;
            }
            string? glob = null, reason = null;
            var rules = new List<string>();
            foreach (var pair in entry.Children)
            {
                switch ((pair.Key as YamlScalarNode)?.Value)
                {
                    case "path": glob = Scalar(pair.Value, sink, "path"); break;
                    case "reason": reason = Scalar(pair.Value, sink, "reason"); break;
                    case "rules":
                        var ids = new List<string>();
                        ReadList(pair.Value, ids, sink);
                        var nodes = pair.Value is YamlSequenceNode seq ? seq.Children.ToList() : new List<YamlNode> { pair.Value };
                        for (var i = 0; i < ids.Count; i++)
                            if (RuleCatalog.Default.TryGet(ids[i], out _)) rules.Add(ids[i].ToUpperInvariant());
                            else sink.Report(LinterDiagnostics.UnknownRuleId, File.Location(Span(nodes[Math.Min(i, nodes.Count - 1)])),
                                $"`{ids[i]}` is not a stacklint rule id, so this ignore entry does not cover it (see `stacklint rules`).");
                        break;
                    default:
                        Bad(sink, pair.Key, $"unknown ignore field `{(pair.Key as YamlScalarNode)?.Value}` (path, rules, reason)");
                        break;
                }
            }
            if (glob is null) Bad(sink, item, "an ignore entry needs `path:` (a glob relative to " + FileName + ")");
            else Ignore.Add(new IgnoreEntry(glob, rules, reason ?? "", Span(item)));
        }
    }

    private string? Scalar(YamlNode node, FindingSink sink, string what)
    {
        if (node is YamlScalarNode scalar && scalar.Value is { } value) return value;
        Bad(sink, node, $"`{what}` needs a single value");
        return null;
    }

    private void Bad(FindingSink sink, YamlNode node, string message) =>
        sink.Report(LinterDiagnostics.ParseError, File.Location(Span(node)), $"{File.RelativePath}: {message}.");

    private TextSpan Span(YamlNode node) => Span(node.Start, node.End);

    private TextSpan Span(Mark start, Mark end)
    {
        // YamlDotNet marks are 1-based line/column; map through the text so CRLF files work too.
        int Offset(Mark mark)
        {
            var lines = File.Text.Lines;
            if (lines.Count == 0) return 0;
            var line = lines[Math.Max(0, Math.Min(lines.Count - 1, (int)mark.Line - 1))];
            return Math.Min(line.End, line.Start + Math.Max(0, (int)mark.Column - 1));
        }
        var from = Offset(start);
        var to = Math.Max(from, Offset(end));
        if (File.Text.Lines.GetLineFromPosition(from).LineNumber != File.Text.Lines.GetLineFromPosition(to).LineNumber)
            to = File.Text.Lines.GetLineFromPosition(from).End;
        return TextSpan.FromBounds(from, to);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim().TrimEnd('.');
}
