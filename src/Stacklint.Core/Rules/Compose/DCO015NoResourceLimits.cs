using System.Collections.Generic;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A service without a memory or CPU limit: one leak or busy loop starves every other service on the host.</summary>
public sealed class DCO015NoResourceLimits : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            var memory = Positive(service.MemLimit?.Value, size: true) || Positive(service.LimitsMemory?.Value, size: true);
            var cpu = Positive(service.Cpus?.Value, size: false) || Positive(service.LimitsCpus?.Value, size: false)
                      || Positive(service.Node["cpu_quota"]?.Text, size: false)
                      || service.Node["cpuset"]?.Text is { Length: > 0 };
            if (memory && cpu) continue;
            var missing = new List<string>();
            if (!memory) missing.Add("no memory limit");
            if (!cpu) missing.Add("no CPU limit");
            cx.Report(service,
                $"{string.Join(" and ", missing)}: a leak, a fork storm or a busy loop in this service can take the whole host's memory or "
                + "CPU and bring every other service down. Set `mem_limit` and `cpus` (or `deploy.resources.limits.memory`/`cpus`).");
        }
    }

    private static bool Positive(string? text, bool size) =>
        (size ? ComposeValues.Size(text) : double.TryParse(text?.Trim(), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null) is > 0;
}
