using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>Container logs written by the <c>json-file</c> driver without <c>max-size</c>: they grow until the disk is
/// full. The driver and options are computed as dockerd does, with the stack's daemon.json.</summary>
public sealed class DCO014NoLogRotation : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        var daemonDriverValue = cx.Daemon.Get("log-driver");
        var daemonDriver = daemonDriverValue?.Text is { Length: > 0 } d ? d : "json-file";
        var daemonMaxSize = cx.Daemon.Get("log-opts", "max-size");
        foreach (var service in cx.Services)
        {
            var serviceDriver = service.Logging?.Driver;
            var driver = serviceDriver?.Value.Trim() is { Length: > 0 } chosen ? chosen : daemonDriver;
            if (driver != "json-file") continue;

            var serviceMaxSize = service.Logging?.Option("max-size");
            // dockerd merges the daemon's log-opts only into containers that use the daemon's default driver.
            var daemonOptsApply = driver == daemonDriver;
            string problem;
            ComposeOrigin? at = serviceDriver?.Origin;
            if (serviceMaxSize is not null)
            {
                if (ComposeValues.Size(serviceMaxSize.Value) is > 0) continue;
                problem = $"`max-size: {serviceMaxSize.Value}` is not a positive size, so nothing rotates";
                at = serviceMaxSize.Node?.Origin ?? serviceMaxSize.Origin;
            }
            else if (daemonOptsApply && daemonMaxSize is not null)
            {
                if (ComposeValues.Size(daemonMaxSize.Text) is > 0) continue;
                problem = $"daemon.json's `log-opts.max-size` is `{daemonMaxSize.Text}` ({daemonMaxSize.Describe()}), not a positive size";
            }
            else
            {
                var source = serviceDriver is not null ? "the service selects `json-file`" : daemonDriverValue is not null
                    ? $"{daemonDriverValue.Describe()} makes `json-file` the default driver" : cx.Daemon.IsEmpty
                    ? "Docker's default driver is `json-file`" : $"Docker's default driver is `json-file` ({cx.Daemon.Describe()} sets no `log-driver`)";
                var opts = cx.Daemon.IsEmpty ? $" ({cx.NoDaemonJsonNote("`log-opts.max-size`")})"
                    : !daemonOptsApply ? $"; {cx.Daemon.Describe()} makes `{daemonDriver}` the default, so its `log-opts` do not apply to this service"
                    : $"; {cx.Daemon.Describe()} sets no `log-opts.max-size`";
                problem = $"{source} and no `max-size` is set{opts}";
            }
            // A logging: block that names neither: at that block. No logging: at all: the daemon default is the one cause of
            // every such service, so one finding at the services: line names them all.
            at ??= service.Node.Entry("logging") is { } logging ? LoggingLine(logging) : cx.ServicesOrigin;
            cx.Report(service, at,
                $"logs without rotation: {problem}. The log file grows until the disk is full. Set `logging: {{driver: local}}` or "
                + "`options: {max-size: \"10m\", max-file: \"3\"}` (or both in daemon.json for every container).");
        }
    }

    /// <summary>The <c>logging:</c> key, or the anchored block when the value comes through an alias.</summary>
    private static ComposeOrigin LoggingLine(ComposeEntry logging) =>
        logging.Value.Origin.File != logging.Key.Origin.File || logging.Value.Origin.Span.Start < logging.Key.Origin.Span.Start
            ? logging.Value.Origin : logging.Key.Origin;
}
