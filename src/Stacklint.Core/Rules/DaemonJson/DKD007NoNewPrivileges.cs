namespace Stacklint.Rules.DaemonJson;

/// <summary>Containers may gain privileges through setuid binaries unless each one opts out (CIS Docker Benchmark v1.6.0
/// 2.14).</summary>
public sealed class DKD007NoNewPrivileges : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Boolean("no-new-privileges") == true || cx.IsMistyped("no-new-privileges", v => v.AsBoolean is not null)) return;
        cx.Report(cx.At("no-new-privileges"),
            $"{cx.State("no-new-privileges")}: a process in a container can gain privileges through setuid or file-capability binaries (sudo, su, a "
            + "planted one) unless its container sets `no-new-privileges` itself. Set `\"no-new-privileges\": true` to make it every container's "
            + "default (DCO008 then stops asking each Compose service for it).");
    }
}
