using System;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>Monitoring and admin UIs (Grafana, Prometheus, exporters, Portainer, pgAdmin…) published on all interfaces
/// or a public address, and Traefik's insecure API.</summary>
public sealed class DCO019AdminUiPublished : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            if (ComposeImages.IsAdminUi(service.Image))
                foreach (var published in ComposePublishing.Published(service, cx.Daemon).Where(p => p.IsExposed))
                    cx.Report(service, published.Origin,
                        $"the admin/monitoring UI `{service.Image!.Reference}` is published {published.Where}: {published.Written}. Dashboards, "
                        + "metrics and admin consoles leak data and are brute-forced or exploited; Docker's published ports bypass the host "
                        + "firewall. Publish on 127.0.0.1 and reach it through the reverse proxy with authentication, or over a VPN or SSH tunnel.");

            if (service.Image is { Name: "traefik" }) Traefik(cx, service);
        }
    }

    private static void Traefik(ComposeRuleContext cx, ComposeService service)
    {
        var dashboard = ComposePublishing.Published(service, cx.Daemon).Where(p => p.Port.Target.Contains(8080)).ToList();
        var exposure = dashboard.Count == 0 ? "port 8080 is not published, but every container on its networks reaches it"
            : $"port 8080 is published {string.Join(", ", dashboard.Select(d => d.Where))}";
        var message = $"Traefik's API and dashboard are served without authentication on the `traefik` entrypoint (:8080); {exposure}. "
                      + "Remove `--api.insecure` and route the dashboard through `api@internal` with an authentication middleware.";

        if (service.Command is { } command)
        {
            if (command.Node is ComposeSequence sequence)
            {
                foreach (var item in sequence.Items)
                    if (item.Text is { } word && IsInsecureFlag(word)) cx.Report(service, item.Origin, $"`{word.Trim()}`: {message}");
            }
            else if (command.Text.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(IsInsecureFlag) is { } flag)
                cx.Report(service, command.Origin, $"`{flag}`: {message}");
        }
        if (service.EnvironmentVariable("TRAEFIK_API_INSECURE") is { Value: { } value } variable && IsTrue(value))
            cx.Report(service, variable.Origin, $"`TRAEFIK_API_INSECURE={value}`: {message}");
    }

    /// <summary><c>--api.insecure</c> (a bare flag is true) or <c>--api.insecure=true</c>.</summary>
    private static bool IsInsecureFlag(string word)
    {
        var trimmed = word.Trim().Trim('"', '\'');
        if (!trimmed.StartsWith("--api.insecure", StringComparison.OrdinalIgnoreCase)) return false;
        var rest = trimmed.Substring("--api.insecure".Length);
        return rest.Length == 0 || (rest[0] == '=' && IsTrue(rest.Substring(1)));
    }

    /// <summary>Traefik parses flags and environment values with Go's strconv.ParseBool.</summary>
    private static bool IsTrue(string value) => ComposeValues.GoBoolean(value) == true;
}
