using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;
using Stacklint.Stack;

namespace Stacklint.Rules.DaemonJson;

/// <summary>A rule over one daemon.json that is valid JSON (a file that is not is LNT001 only: dockerd refuses it, and
/// what was read before the error is a guess).</summary>
public abstract class DaemonJsonRule : Rule
{
    public abstract void Analyze(DaemonJsonContext cx);
}

/// <summary>What a daemon.json rule sees: the file's effective settings, the Compose projects whose containers it
/// configures, and a way to report. A finding about a value is reported at that value; one about an absent setting at
/// the top-level <c>{</c>.</summary>
public sealed class DaemonJsonContext
{
    private readonly FindingSink _sink;
    private readonly Rule _rule;
    private IReadOnlyList<ComposeProject>? _projects;

    public DaemonJsonContext(DaemonJsonConfig config, StackModel stack, FindingSink sink, Rule rule)
    {
        Config = config;
        Stack = stack;
        _sink = sink;
        _rule = rule;
    }

    public DaemonJsonConfig Config { get; }
    public StackModel Stack { get; }
    public string Path => Config.File.RelativePath;

    /// <summary>The Compose projects this daemon.json is a daemon default of (<see cref="ComposeProjectFacts.Daemon"/>).</summary>
    public IReadOnlyList<ComposeProject> ComposeProjects =>
        _projects ??= Stack.Compose.Where(p => Stack.ComposeFacts(p).Daemon.Files.Contains(Config)).ToList();

    /// <summary>A top-level setting as dockerd keeps it, or null when it is absent or <c>null</c> (Go leaves the default).</summary>
    public DaemonJsonValue? Setting(string key) => Config[key] is { IsNull: false } value ? value : null;

    /// <summary>A boolean setting, or null when it is absent, <c>null</c>, or not a boolean (DKD010 reports that).</summary>
    public bool? Boolean(string key) => Config[key]?.AsBoolean;

    /// <summary>Whether a setting is present with a value of another type than the one a rule expects: DKD010 reports it,
    /// and the rule stays silent rather than guess.</summary>
    public bool IsMistyped(string key, System.Func<DaemonJsonValue, bool> expected) => Setting(key) is { } value && !expected(value);

    /// <summary>Where a finding about a setting goes: its value when it is written (null included), else the top-level
    /// <c>{</c>.</summary>
    public Location At(string key) => Config[key]?.Location ?? Config.OpenBraceLocation;

    public void Report(Location location, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, location, message, related, severity);

    public void Report(DaemonJsonValue value, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, value.Location, message, related, severity);

    /// <summary>"`icc` is unset" or "`icc` is true (daemon.json:4)", for messages.</summary>
    public string State(string key)
    {
        var value = Config[key];
        return value is null ? $"`{key}` is unset" : value.IsNull ? $"`{key}` is null (the default applies)" : $"`{key}` is {value.Shown}";
    }
}
