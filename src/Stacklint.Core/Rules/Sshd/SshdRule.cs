using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using Stacklint.Formats.Sshd;

namespace Stacklint.Rules.Sshd;

/// <summary>A rule over one evaluated sshd configuration.</summary>
public abstract class SshdRule : Rule
{
    public abstract void Analyze(SshdContext cx);
}

/// <summary>Who a value applies to: every connection (the start-up configuration) or connections matching one
/// Match block.</summary>
public sealed class SshdScope
{
    public SshdScope(SshdDirective? match, SshdEffectiveConfig config)
    {
        Match = match;
        Config = config;
    }

    /// <summary>The Match line, or null for the global scope.</summary>
    public SshdDirective? Match { get; }
    public SshdEffectiveConfig Config { get; }
    public bool IsGlobal => Match is null;

    /// <summary>Appended to messages: "" globally, otherwise which connections are meant.</summary>
    public string Label => Match is null ? "" : $" for connections matching `Match {Match.ValueText}` ({Match.Where})";
}

/// <summary>What an sshd rule sees: the resolved configuration, its scopes with effective values, and a way to
/// report. Reporting places a finding at the line that causes it, or — for an absent setting — at the Match line
/// or the start of the main file.</summary>
public sealed class SshdContext
{
    private readonly FindingSink _sink;
    private readonly Rule _rule;

    public SshdContext(SshdConfig config, IReadOnlyList<SshdScope> scopes, FindingSink sink, Rule rule)
    {
        Config = config;
        Scopes = scopes;
        _sink = sink;
        _rule = rule;
    }

    public SshdConfig Config { get; }
    /// <summary>The deployment the configuration belongs to, for what other files say about sshd (fail2ban's jails).</summary>
    public Stacklint.Stack.Deployment? Deployment { get; init; }
    /// <summary>The global scope first, then one per Match block.</summary>
    public IReadOnlyList<SshdScope> Scopes { get; }
    public SshdScope Global => Scopes[0];

    /// <summary>A keyword's value in every scope where it differs in origin: the global value, plus the value of each
    /// Match block that sets the keyword itself (a block that only inherits it adds nothing new).</summary>
    public IEnumerable<(SshdScope Scope, SshdSetting Setting)> Effective(string keyword)
    {
        foreach (var scope in Scopes)
        {
            var setting = scope.Config.Get(keyword);
            if (scope.IsGlobal || setting.MatchBlock is not null) yield return (scope, setting);
        }
    }

    /// <param name="fixValue">The value that resolves the finding, offered as a fix: it replaces the value of the line
    /// that set the keyword or, for a global default, is added at the top of the main file (read first, so it wins).</param>
    public void Report(SshdScope scope, SshdSetting setting, string message, RuleSeverity? severity = null, string? fixValue = null)
    {
        // A drop-in seen on its own says nothing about what its main file leaves unset.
        if (setting.IsDefault && Config.IsFragment) return;
        var location = setting.Directive?.Location ?? scope.Match?.Location ?? Config.Main.File.StartLocation();
        var related = setting.Overridden.Select(o => o.Location).ToList();
        if (setting.IsDefault && scope.Match is null) related.Clear();
        _sink.Report(_rule.Id, location, message, related, severity, fixValue is null ? null : SetValue(scope, setting, fixValue));
    }

    public void Report(SshdDirective directive, string message, RuleSeverity? severity = null, Fix? fix = null) =>
        _sink.Report(_rule.Id, directive.Location, message, null, severity, fix);

    public void Report(Location location, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, location, message, related, severity);

    /// <summary>A fix that deletes a directive's whole line.</summary>
    public static Fix DeleteLine(SshdDirective directive, string description)
    {
        var line = directive.File.Text.Lines.GetLineFromPosition(directive.Span.Start);
        return new Fix(description, new[] { new TextEdit(directive.File, line.SpanIncludingLineBreak, "") });
    }

    private Fix? SetValue(SshdScope scope, SshdSetting setting, string value)
    {
        if (setting.Directive is { Arguments.Count: > 0 } directive)
        {
            var values = TextSpan.FromBounds(directive.Arguments[0].Span.Start, directive.Arguments[directive.Arguments.Count - 1].Span.End);
            return new Fix($"Set `{directive.Keyword} {value}` ({directive.Where})",
                new[] { new TextEdit(directive.File, values, value) });
        }
        if (setting.IsDefault && scope.IsGlobal && !Config.IsFragment)
        {
            var main = Config.Main.File;
            var newline = main.Text.Lines.Count > 1 && main.Text.ToString(main.Text.Lines[0].SpanIncludingLineBreak).EndsWith("\r\n", System.StringComparison.Ordinal) ? "\r\n" : "\n";
            return new Fix($"Add `{setting.Keyword.Name} {value}` at the top of {main.RelativePath}, before anything that could set it first",
                new[] { new TextEdit(main, new TextSpan(0, 0), $"{setting.Keyword.Name} {value}{newline}") });
        }
        return null;
    }
}
