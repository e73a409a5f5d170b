namespace Stacklint.Rules.DaemonJson;

/// <summary>Debug logging or experimental features on a production daemon (CIS Docker Benchmark v1.6.0 2.3 and 2.18).</summary>
public sealed class DKD011DebugOrExperimental : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Setting("debug") is { } debug && debug.AsBoolean == true)
            cx.Report(debug,
                "`debug` is true: dockerd logs at debug level, which fills the journal and records request details (image names, container "
                + "configurations, environment variables of API calls) that info level keeps out. Remove it, or set it only while debugging.");
        if (cx.Setting("log-level") is { IsString: true } level && level.Text!.ToLowerInvariant() is "debug" or "trace")
            cx.Report(level,
                $"`log-level` is {level.Shown}: dockerd logs far more than needed on a production host, request details included (CIS 2.3 asks for "
                + "\"info\"). Remove it or set \"info\".");
        if (cx.Setting("experimental") is { } experimental && experimental.AsBoolean == true)
            cx.Report(experimental,
                "`experimental` is true: dockerd enables features that are unfinished and not covered by its stability guarantees. Remove it on a "
                + "production host (CIS 2.18).");
    }
}
