using System.Linq;

namespace Stacklint.Rules.Stack;

/// <summary>An nginx fail2ban jail whose trigger nginx never writes to its log: the jail looks like protection and bans
/// nobody.</summary>
public sealed class STK003NginxJailWithoutTrigger : StackRule
{
    /// <summary>The jails that need a directive to fire: nginx logs what they match only when that directive acts.</summary>
    private static readonly (string Filter, string Directive, string Logged)[] Triggers =
    {
        ("nginx-limit-req", "limit_req", "\"limiting requests, excess\" (written when a limit_req rejects a request)"),
        ("nginx-http-auth", "auth_basic", "basic-auth failures (written when auth_basic refuses a user or password)"),
    };

    public override void Analyze(StackContext cx)
    {
        foreach (var deployment in cx.Stack.Deployments.Where(d => d.Nginx.Count > 0))
            foreach (var link in deployment.Jails.Where(j => j.Daemon == "nginx"))
            {
                var trigger = Triggers.FirstOrDefault(t => t.Filter == link.Jail.FilterName);
                if (trigger.Filter is null) continue;
                var used = deployment.Nginx.SelectMany(c => c.All(trigger.Directive)).Any(d => d.Arg(0) is { } value && value != "off");
                if (used) continue;
                var enabled = link.Jail.EnabledSetting;
                var files = string.Join(", ", deployment.Nginx.Select(c => c.Main.File.RelativePath).Distinct());
                cx.Report(link.Jail.ReportLocation(enabled),
                    $"the fail2ban jail [{link.Jail.Name}] (filter {trigger.Filter}{(enabled is { IsInRepository: true } ? $", enabled {enabled.Where}" : "")}) watches nginx's error log for {trigger.Logged}, "
                    + $"but no nginx configuration of this deployment has `{trigger.Directive}` ({files}): the jail never fires. "
                    + $"Add the `{trigger.Directive}` the jail expects, or disable the jail.",
                    deployment.Nginx.Select(c => c.Main.File.StartLocation()));
            }
    }
}
