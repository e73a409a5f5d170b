namespace Stacklint.Rules.Compose;

/// <summary>No positive PIDs limit: a fork bomb, or a leak of threads, exhausts the host's process table.</summary>
public sealed class DCO023NoPidsLimit : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            var limits = new[] { service.PidsLimit, service.LimitsPids };
            if (limits is [{ Value: > 0 }, _] or [_, { Value: > 0 }]) continue;
            const string fix = "Set `pids_limit` (a few hundred is plenty for most services) or `deploy.resources.limits.pids`.";
            var unlimited = service.PidsLimit ?? service.LimitsPids;
            if (unlimited is not null)
                cx.Report(service, unlimited.Origin, $"`{(unlimited == service.PidsLimit ? "pids_limit" : "deploy.resources.limits.pids")}: "
                                                   + $"{unlimited.Value}` means no limit: a fork bomb or a thread leak exhausts the host's "
                                                   + $"process table and takes every service down. {fix}");
            else
                cx.Report(service, $"has no PIDs limit: a fork bomb or a thread leak exhausts the host's process table and takes every service "
                                   + $"down. {fix}");
        }
    }
}
