using System;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary><c>no-new-privileges</c> not turned on: setuid binaries and file capabilities in the image can still raise a
/// process's privileges.</summary>
public sealed class DCO008NoNewPrivileges : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        var daemon = cx.Daemon.Get("no-new-privileges");
        var daemonOn = daemon?.AsBoolean == true;
        foreach (var service in cx.Services)
        {
            ComposeValue<string>? explicitFalse = null;
            var on = false;
            foreach (var option in service.SecurityOpt)
            {
                var text = option.Value.Trim();
                var separator = text.IndexOfAny(new[] { ':', '=' });
                var key = (separator < 0 ? text : text.Substring(0, separator)).Trim();
                if (!key.Equals("no-new-privileges", StringComparison.OrdinalIgnoreCase)) continue;
                // Docker reads the bare option as true; otherwise the value is a Go boolean.
                var value = separator < 0 ? true : ComposeValues.GoBoolean(text.Substring(separator + 1));
                if (value == true) on = true;
                else if (value == false) explicitFalse = option;
            }
            if (on) continue;
            if (explicitFalse is not null)
            {
                cx.Report(service, explicitFalse.Origin,
                    $"`security_opt: {explicitFalse.Value.Trim()}` lets setuid binaries and file capabilities raise privileges"
                    + (daemonOn ? $", overriding daemon.json's `no-new-privileges: true` ({daemon!.Describe()})" : "")
                    + ". Set `no-new-privileges:true`.");
                continue;
            }
            if (daemonOn) continue;
            var why = cx.Daemon.IsEmpty ? cx.NoDaemonJsonNote("`\"no-new-privileges\": true`")
                : $"{cx.Daemon.Describe()} does not set `\"no-new-privileges\": true`";
            cx.Report(service,
                $"`no-new-privileges` is not set ({why}): a setuid binary or file capability in the image can raise a compromised "
                + "process's privileges. Add `security_opt: [\"no-new-privileges:true\"]` (or set it for all containers in daemon.json).");
        }
    }
}
