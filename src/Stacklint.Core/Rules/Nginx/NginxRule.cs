using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

/// <summary>A rule over one resolved nginx configuration.</summary>
public abstract class NginxRule : Rule
{
    public abstract void Analyze(NginxRuleContext cx);
}

/// <summary>What an nginx rule sees: the resolved configuration, its http levels (http → server → location → if), the
/// nginx version it targets, and a way to report. A finding about a directive points at it; one about something a
/// block lacks points at the block's opening line (for a fragment's implied blocks, the start of the file).</summary>
public sealed class NginxRuleContext
{
    /// <summary>Assumed when the configuration names no target: the current stable branch.</summary>
    public static readonly NginxVersion DefaultTarget = new(1, 30, 0);

    private readonly FindingSink _sink;
    private readonly Rule _rule;

    /// <param name="levels">The configuration's http levels (<see cref="NginxLevel.Build"/>), built once for all rules.</param>
    public NginxRuleContext(NginxConfig config, IReadOnlyList<NginxLevel> levels, NginxVersion? target, FindingSink sink, Rule rule)
    {
        Config = config;
        Target = target ?? DefaultTarget;
        TargetIsExplicit = target is not null;
        Levels = levels;
        _sink = sink;
        _rule = rule;
    }

    public NginxConfig Config { get; }
    /// <summary>The version the configuration names (<c>targets: nginx:</c>), else <see cref="DefaultTarget"/>.</summary>
    public NginxVersion Target { get; }
    /// <summary>Whether the configuration named the version: where a default changed between versions, an assumed
    /// version must not silence a finding that distribution packages (Debian 12: 1.22, Ubuntu 24.04: 1.24) would earn.</summary>
    public bool TargetIsExplicit { get; }
    /// <summary>The http levels (one per http block; for a fragment, the implied one).</summary>
    public IReadOnlyList<NginxLevel> Levels { get; }

    /// <summary>What variables hold at each directive (set/map chains, captures, builtins), built on first use.</summary>
    public NginxVariables Variables => _variables ??= new NginxVariables(Config, AllLevels());
    private NginxVariables? _variables;

    /// <summary>Every level under http: servers, locations, ifs, limit_excepts.</summary>
    public IEnumerable<NginxLevel> AllLevels() => Levels.SelectMany(l => new[] { l }.Concat(l.Descendants()));
    public IEnumerable<NginxLevel> Servers() => AllLevels().Where(l => l.IsServer);

    public void Report(NginxNode node, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null, Fix? fix = null) =>
        _sink.Report(_rule.Id, node.Location, message, related, severity, fix);

    /// <summary>A fix that replaces a directive's arguments with <paramref name="arguments"/>.</summary>
    public static Fix SetArguments(NginxNode node, string arguments)
    {
        var args = node.Arguments;
        var span = args.Count == 0 ? new Microsoft.CodeAnalysis.Text.TextSpan(node.Directive.NameSpan.End, 0)
            : Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(args[0].Span.Start, args[args.Count - 1].Span.End);
        return new Fix($"Set `{node.Name} {arguments};` ({node.Directive.Where})", new[] { new TextEdit(node.File, span, (args.Count == 0 ? " " : "") + arguments) });
    }

    public void Report(NginxLevel level, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, level.Block?.Location ?? Config.Main.File.StartLocation(), message, related, severity);

    public void Report(Location location, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, location, message, related, severity);
}
