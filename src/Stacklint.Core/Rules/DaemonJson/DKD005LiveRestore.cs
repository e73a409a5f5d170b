using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.DaemonJson;

/// <summary>Without <c>live-restore</c>, restarting or upgrading dockerd stops every container (CIS Docker Benchmark
/// v1.6.0 2.15). Swarm mode refuses <c>live-restore</c>, so a stack that shows swarm use is not asked for it, and is
/// told when it sets it.</summary>
public sealed class DKD005LiveRestore : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        var liveRestore = cx.Boolean("live-restore");
        if (cx.IsMistyped("live-restore", v => v.AsBoolean is not null)) return;
        var swarm = SwarmUse(cx.ComposeProjects);
        if (liveRestore == true)
        {
            if (swarm is null) return;
            cx.Report(cx.At("live-restore"),
                $"`live-restore` is true, but this stack is deployed to a swarm ({swarm}: a setting only `docker stack deploy` honours), and dockerd refuses "
                + "swarm mode with it (\"--live-restore daemon configuration is incompatible with swarm mode\"): `docker swarm init` and `join` fail. "
                + "Remove it; swarm reschedules tasks itself.", severity: RuleSeverity.Warning);
            return;
        }
        if (swarm is not null) return;
        cx.Report(cx.At("live-restore"),
            $"{cx.State("live-restore")}: restarting or upgrading dockerd (a package update, a daemon.json change) stops every container, the "
            + "database included, until dockerd is back. Set `\"live-restore\": true` so containers keep running while the daemon restarts (not for "
            + "swarm nodes, which refuse it).");
    }

    /// <summary>Where the stack's Compose files use something only swarm mode honours (<c>docker compose</c> ignores it):
    /// <c>deploy.placement</c>, <c>update_config</c>, <c>rollback_config</c>, <c>endpoint_mode</c>, a <c>global</c> or job
    /// <c>mode</c>, or an <c>overlay</c> network. Null when nothing does.</summary>
    internal static string? SwarmUse(IEnumerable<ComposeProject> projects)
    {
        foreach (var project in projects)
        {
            foreach (var service in project.Services)
            {
                if (service.Node["deploy"] is not ComposeMapping deploy) continue;
                foreach (var key in new[] { "placement", "update_config", "rollback_config", "endpoint_mode" })
                    if (deploy.Entry(key) is { } entry) return $"`deploy.{key}` at {entry.Key.Origin.Describe()}";
                if (deploy.Entry("mode") is { Value: ComposeScalar { Text: { } mode } } modeEntry && mode.Trim() is "global" or "replicated-job" or "global-job")
                    return $"`deploy.mode: {mode.Trim()}` at {modeEntry.Key.Origin.Describe()}";
            }
            foreach (var network in project.Networks?.Entries ?? Enumerable.Empty<ComposeEntry>())
                if ((network.Value as ComposeMapping)?.Entry("driver") is { Value: ComposeScalar { Text: { } driver } } driverEntry && driver.Trim() == "overlay")
                    return $"network `{network.Name}` with `driver: overlay` at {driverEntry.Key.Origin.Describe()}";
        }
        return null;
    }
}
