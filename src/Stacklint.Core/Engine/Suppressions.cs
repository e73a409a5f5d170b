using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Engine;

public enum SuppressionKind
{
    /// <summary>A comment in the file (SARIF <c>inSource</c>).</summary>
    InSource,
    /// <summary>An <c>ignore</c> entry in .stacklint.yml, for files that cannot carry comments (SARIF <c>external</c>).</summary>
    External,
}

/// <summary>Why a finding is not counted: where the suppression is and the reason given for it.</summary>
public sealed record Suppression(SuppressionKind Kind, string Justification, Location Location);

/// <summary>
/// Inline suppressions in comments: <c># stacklint-disable-next-line SSH001[,SSH002] -- reason</c> silences the
/// rules on the next line that is not blank or a comment, <c># stacklint-disable-file NGX011 -- reason</c> in the
/// whole file. Unknown ids are LNT003; a suppression that silences nothing is LNT004.
/// </summary>
public static class InlineSuppressions
{
    private static readonly Regex Directive = new(
        @"#\s*stacklint-disable-(?<scope>next-line|file)\b(?<ids>[^\n]*?)(?:\s--\s*(?<reason>.*?))?\s*$",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Id = new(@"[A-Za-z0-9]+", RegexOptions.CultureInvariant);

    private sealed record Entry(string RuleId, TextSpan IdSpan, bool WholeFile, int TargetLine, string Reason, SourceFile File)
    {
        public bool Used { get; set; }
    }

    /// <summary>Marks the findings the comments in <paramref name="files"/> silence, and reports LNT003/LNT004.</summary>
    public static void Apply(IEnumerable<SourceFile> files, IReadOnlyList<Diagnostic> diagnostics,
        IDictionary<Diagnostic, Suppression> suppressed, FindingSink sink)
    {
        foreach (var file in files)
        {
            var entries = Read(file, sink);
            if (entries.Count == 0) continue;
            foreach (var diagnostic in diagnostics.Where(d => d.Location.GetLineSpan().Path == file.RelativePath))
            {
                var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
                foreach (var entry in entries.Where(e => string.Equals(e.RuleId, diagnostic.Id, StringComparison.OrdinalIgnoreCase)
                                                         && (e.WholeFile || e.TargetLine == line)))
                {
                    entry.Used = true;
                    if (!suppressed.ContainsKey(diagnostic))
                        suppressed[diagnostic] = new Suppression(SuppressionKind.InSource, entry.Reason, file.Location(entry.IdSpan));
                }
            }
            foreach (var entry in entries.Where(e => !e.Used))
                sink.Report(LinterDiagnostics.UnusedSuppression, file.Location(entry.IdSpan),
                    $"`stacklint-disable-{(entry.WholeFile ? "file" : "next-line")} {entry.RuleId}` suppresses nothing: {entry.RuleId} reports nothing {(entry.WholeFile ? "in this file" : "on the next line")}. Remove the comment.");
        }
    }

    private static List<Entry> Read(SourceFile file, FindingSink sink)
    {
        var entries = new List<Entry>();
        var lines = file.Text.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].ToString();
            var hash = text.IndexOf('#');
            if (hash < 0 || text.IndexOf("stacklint-disable", hash, StringComparison.Ordinal) < 0) continue;
            var match = Directive.Match(text, hash);
            if (!match.Success) continue;
            var wholeFile = match.Groups["scope"].Value == "file";
            var target = wholeFile ? -1 : NextContentLine(file, i);
            var reason = match.Groups["reason"].Success ? match.Groups["reason"].Value.Trim() : "";
            var ids = match.Groups["ids"];
            foreach (Match id in Id.Matches(ids.Value))
            {
                var span = new TextSpan(lines[i].Start + ids.Index + id.Index, id.Length);
                if (!RuleCatalog.Default.TryGet(id.Value, out _))
                {
                    sink.Report(LinterDiagnostics.UnknownRuleId, file.Location(span),
                        $"`{id.Value}` is not a stacklint rule id, so this suppression silences nothing (see `stacklint rules`).");
                    continue;
                }
                entries.Add(new Entry(id.Value.ToUpperInvariant(), span, wholeFile, target, reason, file));
            }
        }
        return entries;
    }

    /// <summary>The next line after <paramref name="line"/> that is neither blank nor a comment.</summary>
    private static int NextContentLine(SourceFile file, int line)
    {
        for (var i = line + 1; i < file.Text.Lines.Count; i++)
        {
            var text = file.Text.Lines[i].ToString().Trim();
            if (text.Length > 0 && !text.StartsWith("#", StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
