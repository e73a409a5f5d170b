namespace Stacklint.Rules.Compose;

/// <summary>A long-running service with no restart policy: Docker's default <c>no</c> leaves it down after a crash or a
/// reboot.</summary>
public sealed class DCO013NoRestartPolicy : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            if (service.Restart is not null || service.RestartPolicy?["condition"] is { Text: { Length: > 0 } }) continue;
            if (cx.IsOneShot(service)) continue;
            cx.Report(service,
                "has no `restart` policy: Docker's default is `no`, so the service stays down after a crash, an out-of-memory kill or a "
                + "reboot, and nobody may notice. Set `restart: unless-stopped` (or `\"no\"` explicitly for a job).");
        }
    }
}
