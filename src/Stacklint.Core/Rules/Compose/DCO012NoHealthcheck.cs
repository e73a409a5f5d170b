using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A long-running service without a health check, or with the image's switched off: Compose, the proxy and
/// <c>depends_on</c> cannot tell a hung service from a healthy one.</summary>
public sealed class DCO012NoHealthcheck : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            if (service.Healthcheck is { } health)
            {
                if (health.Node["disable"] is ComposeScalar disable && ComposeValues.Boolean(disable) == true)
                {
                    cx.Report(service, disable.Origin, "`healthcheck.disable: true` switches health checking off (the image's too). " + Fix);
                    continue;
                }
                if (health.Test.Count > 0 && health.Test[0].Trim().Equals("NONE", System.StringComparison.OrdinalIgnoreCase))
                {
                    cx.Report(service, health.Node["test"]!.Origin, "`healthcheck.test: [\"NONE\"]` switches health checking off (the image's too). " + Fix);
                    continue;
                }
                if (health.Test.Count > 0) continue;
            }
            if (cx.IsOneShot(service) || cx.Facts.Dockerfile(service)?.HasHealthcheck == true) continue;
            cx.Report(service, (service.Healthcheck is null ? "has no `healthcheck`" : "has a `healthcheck` without `test`")
                               + ": a hung or half-started container counts as up, and `depends_on: condition: service_healthy` cannot wait for it. " + Fix);
        }
    }

    private const string Fix = "Add a `healthcheck` with a `test` that exercises the service (`pg_isready`, `redis-cli ping`, an HTTP "
                               + "`/health` request), or a `HEALTHCHECK` in its Dockerfile.";
}
