namespace Stacklint.Rules.DaemonJson;

/// <summary><c>seccomp-profile: unconfined</c> switches off Docker's default seccomp filter for every container (CIS
/// Docker Benchmark v1.6.0 2.17).</summary>
public sealed class DKD012SeccompUnconfined : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Setting("seccomp-profile") is not { IsString: true, Text: "unconfined" } profile) return;
        cx.Report(profile,
            "`seccomp-profile` is \"unconfined\": every container runs without Docker's default seccomp filter, which blocks dozens of system calls "
            + "container escapes rely on (keyctl, add_key, kexec_load, bpf, and mount or unshare without CAP_SYS_ADMIN). Remove the setting, or point it at a "
            + "profile file derived from Docker's default; unconfine only the one service that needs it (`security_opt: [seccomp=unconfined]`).");
    }
}
