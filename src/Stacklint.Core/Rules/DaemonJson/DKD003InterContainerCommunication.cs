namespace Stacklint.Rules.DaemonJson;

/// <summary>Containers on the default bridge network can reach each other on every port (CIS Docker Benchmark v1.6.0
/// 2.2).</summary>
public sealed class DKD003InterContainerCommunication : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Boolean("icc") == false || cx.IsMistyped("icc", v => v.AsBoolean is not null)) return;
        cx.Report(cx.At("icc"),
            $"{cx.State("icc")}: containers on the default bridge network (docker0) talk to each other freely on every port (dockerd's default is "
            + "true), so one compromised container can probe all the others. Set `\"icc\": false` and connect containers that must talk with "
            + "user-defined networks (Compose projects get their own network; this setting covers docker0 only).");
    }
}
