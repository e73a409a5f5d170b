using Stacklint.Rules.Compose;

namespace Stacklint.Rules.DaemonJson;

/// <summary>The daemon's default log driver is json-file and nothing caps its files: every container's log grows until
/// the disk is full (seed 000 adds rotation to daemon.json for this reason).</summary>
public sealed class DKD001NoLogRotation : DaemonJsonRule
{
    private const string Fix = "Add `\"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}`, or set `\"log-driver\": \"local\"` (it rotates by "
        + "default: 20 MB × 5 files). It applies to containers created afterwards.";

    public override void Analyze(DaemonJsonContext cx)
    {
        var driverValue = cx.Setting("log-driver");
        if (driverValue is { IsString: false }) return;
        if (driverValue?.Text is { Length: > 0 } driver && driver != "json-file") return;
        var source = driverValue?.Text is { Length: > 0 }
            ? "`log-driver` is \"json-file\"" : "`log-driver` is unset, so containers log with dockerd's default driver, json-file,";

        var opts = cx.Setting("log-opts");
        // Not an object, or a size that is not a string: dockerd refuses the file (DKD010), nothing to add here.
        if (opts is { IsObject: false }) return;
        var maxSize = opts is not null && opts.Members.TryGetValue("max-size", out var size) && !size.IsNull ? size : null;
        if (maxSize is { IsString: false }) return;
        var maxFile = opts is not null && opts.Members.TryGetValue("max-file", out var files) && files.IsString ? files : null;
        var maxFileNote = maxFile is null ? "" : $" `max-file` ({maxFile.Shown}) does nothing without `max-size`.";

        if (maxSize is not null)
        {
            if (ComposeValues.Size(maxSize.Text) is > 0) return;
            cx.Report(maxSize,
                $"{source} and `log-opts.max-size` is {maxSize.Shown}, not a positive size: json-file refuses it, so containers that get this default "
                + $"fail to start instead of logging with rotation. Use a size such as \"10m\".");
            return;
        }
        var where = opts is null ? "no `log-opts` is set" : "`log-opts` sets no `max-size`";
        cx.Report(opts?.Location ?? cx.Config.OpenBraceLocation,
            $"container logs are never rotated: {source} and {where} (json-file's default is -1, unlimited).{maxFileNote} Each container's log "
            + $"grows under /var/lib/docker/containers until the disk is full. {Fix}");
    }
}
