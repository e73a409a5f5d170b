using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;
using Stacklint.Stack;

namespace Stacklint.Rules.Compose;

/// <summary>A rule over one loaded Compose project (its files merged, interpolated, extends and include resolved).</summary>
public abstract class ComposeRule : Rule
{
    public abstract void Analyze(ComposeRuleContext cx);
}

/// <summary>
/// What a compose rule sees: the merged project, the daemon.json defaults and Dockerfiles that apply to it, and a way to
/// report. A finding about a value is reported where the value is written (the override file's line, the anchor's, the
/// extended file's); one about an absent setting at the service's key line in the first file that declares it. Several
/// services that get a bad value from one place (an anchor, an <c>extends</c> base) make one finding there, whose message
/// names every service; two values on one line (a flow list) are two findings.
/// </summary>
public sealed class ComposeRuleContext
{
    private readonly FindingSink _sink;
    private readonly Rule _rule;
    private readonly Dictionary<(string Path, int Start, int Length), Pending> _pending = new();
    private readonly List<Pending> _order = new();
    private HashSet<string>? _oneShot;

    public ComposeRuleContext(ComposeProject project, ComposeProjectFacts facts, FindingSink sink, Rule rule)
    {
        Project = project;
        Facts = facts;
        _sink = sink;
        _rule = rule;
    }

    public ComposeProject Project { get; }
    public ComposeProjectFacts Facts { get; }
    public IReadOnlyList<ComposeService> Services => Project.Services;
    /// <summary>The daemon.json settings that apply to the project's containers (README S9).</summary>
    public DaemonJsonDefaults Daemon => Facts.Daemon;

    /// <summary>The <c>services:</c> key of the main file (else the first service's key line): where a finding about what
    /// every service of the project lacks for one shared reason goes.</summary>
    public ComposeOrigin ServicesOrigin =>
        Project.Main.Yaml.Roots.OfType<ComposeMapping>().Select(r => r.Entry("services")).FirstOrDefault(e => e is not null)?.Key.Origin
        ?? Services.FirstOrDefault()?.Origin ?? new ComposeOrigin(Project.Main.File, new Microsoft.CodeAnalysis.Text.TextSpan(0, 0));

    /// <summary>"(no daemon.json in the scan; if the host's /etc/docker/daemon.json sets X, add it to the repository or
    /// suppress)", for messages that rely on a daemon default.</summary>
    public string NoDaemonJsonNote(string setting) =>
        $"no daemon.json in the scan; if the host's /etc/docker/daemon.json sets {setting}, add it to the repository or suppress";

    /// <summary>A service other services wait for with <c>condition: service_completed_successfully</c> (a migration, an
    /// init job): it is meant to exit (README S12).</summary>
    public bool IsOneShot(ComposeService service)
    {
        if (_oneShot is null)
        {
            _oneShot = new HashSet<string>(StringComparer.Ordinal);
            foreach (var other in Services)
                if (other.Node["depends_on"] is ComposeMapping dependsOn)
                    foreach (var entry in dependsOn.Entries)
                        if ((entry.Value as ComposeMapping)?["condition"]?.Text?.Trim() == "service_completed_successfully")
                            _oneShot.Add(entry.Name);
        }
        return _oneShot.Contains(service.Name);
    }

    /// <summary>A finding about <paramref name="service"/>'s value written at <paramref name="origin"/>.</summary>
    public void Report(ComposeService service, ComposeOrigin origin, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        Add(origin, service, message, related, severity);

    /// <summary>A finding about something <paramref name="service"/> lacks: at its key line.</summary>
    public void Report(ComposeService service, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        Add(service.Origin, service, message, related, severity);

    /// <summary>A finding about the project, not one service (a top-level value).</summary>
    public void Report(ComposeOrigin origin, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        Add(origin, null, message, related, severity);

    private void Add(ComposeOrigin origin, ComposeService? service, string message, IEnumerable<Location>? related, RuleSeverity? severity)
    {
        var key = (origin.File.RelativePath, origin.Span.Start, origin.Span.Length);
        if (!_pending.TryGetValue(key, out var pending))
        {
            pending = new Pending(origin.Location, severity);
            _pending[key] = pending;
            _order.Add(pending);
        }
        var body = pending.Bodies.FirstOrDefault(b => b.Message == message);
        if (body is null) pending.Bodies.Add(body = new Body(message));
        if (service is not null && !body.Services.Contains(service)) body.Services.Add(service);
        if (related is not null)
            foreach (var location in related)
                if (!pending.Related.Contains(location)) pending.Related.Add(location);
    }

    /// <summary>Writes the findings collected (one per place written): called once the rule has run.</summary>
    public void Flush()
    {
        foreach (var pending in _order)
        {
            var message = string.Join("; ", pending.Bodies.Select(b => b.Services.Count == 0 ? b.Message : $"{Names(b.Services)}: {b.Message}"));
            _sink.Report(_rule.Id, pending.Location, message, pending.Related, pending.Severity);
        }
        _pending.Clear();
        _order.Clear();
    }

    /// <summary>"service `db`", "services `db`, `db-replica`", with the profiles that gate them.</summary>
    public static string Names(IReadOnlyList<ComposeService> services) =>
        (services.Count == 1 ? "service " : "services ") + string.Join(", ", services.Select(Name));

    /// <summary>"`debug-db` (only with profile `debug`)".</summary>
    public static string Name(ComposeService service) =>
        $"`{service.Name}`" + (service.Profiles.Count == 0 ? ""
            : $" (only with profile{(service.Profiles.Count > 1 ? "s" : "")} {string.Join(" or ", service.Profiles.Select(p => $"`{p}`"))})");

    private sealed class Pending
    {
        public Pending(Location location, RuleSeverity? severity)
        {
            Location = location;
            Severity = severity;
        }

        public Location Location { get; }
        public RuleSeverity? Severity { get; }
        public List<Body> Bodies { get; } = new();
        public List<Location> Related { get; } = new();
    }

    private sealed class Body
    {
        public Body(string message) => Message = message;
        public string Message { get; }
        public List<ComposeService> Services { get; } = new();
    }
}
