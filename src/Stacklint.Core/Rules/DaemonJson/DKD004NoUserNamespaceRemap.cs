namespace Stacklint.Rules.DaemonJson;

/// <summary>Root in a container is root on the host: no user-namespace remapping (CIS Docker Benchmark v1.6.0 2.9).</summary>
public sealed class DKD004NoUserNamespaceRemap : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Setting("userns-remap") is { } remap && (!remap.IsString || remap.Text!.Trim().Length > 0)) return;
        cx.Report(cx.At("userns-remap"),
            $"{cx.State("userns-remap")}: uid 0 in a container is uid 0 on the host, so a process that escapes its container (a kernel or runtime bug, "
            + "a host path mounted in) is root there. `\"userns-remap\": \"default\"` maps container users to an unprivileged subordinate range "
            + "(user dockremap). Check first: existing volumes need new ownership, and `--privileged` or host namespaces need `--userns=host`.");
    }
}
