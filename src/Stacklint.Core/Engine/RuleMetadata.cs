using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Stacklint.Engine;

/// <summary>One rule's page, <c>rules/&lt;ID&gt;.md</c>: the front matter and the Markdown body. Everything the
/// outside world learns about a rule (SARIF descriptor, Roslyn descriptor, <c>stacklint explain</c>) comes from here.</summary>
public sealed class RuleMetadata
{
    public const string HelpUriBase = "https://github.com/stacklint/stacklint/blob/main/rules/";

    public RuleMetadata(string id, string title, RuleSeverity severity, bool enabledByDefault, double securitySeverity,
        IReadOnlyList<string> tags, string format, string description, IReadOnlyList<string> references,
        IReadOnlyList<string> seeds, string body)
    {
        Id = id;
        Title = title;
        Severity = severity;
        EnabledByDefault = enabledByDefault;
        SecuritySeverity = securitySeverity;
        Tags = tags;
        Format = format;
        Description = description;
        References = references;
        Seeds = seeds;
        Body = body;
        Descriptor = new DiagnosticDescriptor(id, title, "{0}", format, severity.ToDiagnosticSeverity(), enabledByDefault,
            description, HelpUri, tags.ToArray());
    }

    public string Id { get; }
    public string Title { get; }
    public RuleSeverity Severity { get; }
    public bool EnabledByDefault { get; }
    public double SecuritySeverity { get; }
    public IReadOnlyList<string> Tags { get; }
    public string Format { get; }
    public string Description { get; }
    public IReadOnlyList<string> References { get; }
    public IReadOnlyList<string> Seeds { get; }
    /// <summary>The Markdown documentation: what it flags, why, how to fix, examples.</summary>
    public string Body { get; }
    public string HelpUri => HelpUriBase + Id + ".md";
    /// <summary>The Roslyn descriptor every finding of this rule is created from. Its message format is "{0}":
    /// rules compose complete sentences because they name effective values and places.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The body as plain text, for SARIF's <c>help.text</c> and terminals.</summary>
    public string PlainHelp => MarkdownToText(Body);

    internal static string MarkdownToText(string markdown)
    {
        var lines = new List<string>();
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw;
            if (line.StartsWith("```", StringComparison.Ordinal)) continue;
            line = line.TrimStart('#', ' ');
            line = line.Replace("**", "").Replace("`", "");
            lines.Add(line);
        }
        return string.Join("\n", lines).Trim();
    }
}
